"""The secretariat's "Needs translation" list: per interface language, the published resolutions and
knowledge items whose readers of that language get the original for want of a summary in theirs
(portal.translations.lacks_translation), each with a link to where it is edited."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from portal import roles
from portal.translations import interface_languages, lacks_translation, language_name
from resolutions.models import Resolution

from .models import KnowledgeItem

TITLE = _("Needs translation")


@dataclass
class Missing:
    language: str
    name: str
    resolutions: list
    items: list

    @property
    def count(self):
        return len(self.resolutions) + len(self.items)


def untranslated_resolutions(language):
    """Resolutions of published meetings (members read the internal ones too)."""
    return (Resolution.objects.filter(meeting__live=True).filter(lacks_translation(language))
            .select_related("meeting").order_by("-meeting__number", "number"))


def untranslated_items(language):
    return KnowledgeItem.objects.live().filter(lacks_translation(language)).select_related(
        "organisation").order_by("-first_published_at", "pk")


def needs_translation(user):
    """[Missing] per interface language, with each row's edit link for `user`."""
    finder = AdminURLFinder(user)
    languages = []
    for language in interface_languages():
        resolutions = [(row, finder.get_edit_url(row)) for row in untranslated_resolutions(language)]
        items = [(item, finder.get_edit_url(item)) for item in untranslated_items(language)]
        languages.append(Missing(language, language_name(language), resolutions, items))
    return languages


def needs_translation_view(request):
    if not roles.is_secretariat(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "knowledge/admin/needs_translation.html", {
        "languages": needs_translation(request.user), "header_title": TITLE, "page_title": TITLE,
        "header_icon": "doc-full",
    })

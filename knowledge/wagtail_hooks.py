from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import roles
from portal.documents import may_download

from .models import KnowledgeItem, ReadingList


@hooks.register("construct_explorer_page_queryset")
def hide_other_organisations_drafts(parent_page, pages, request):
    """A city manager sees published items and its own organisation's drafts, nothing else."""
    user = request.user
    if roles.is_secretariat(user) or not roles.is_city_manager(user):
        return pages
    others_drafts = KnowledgeItem.objects.filter(live=False).exclude(
        organisation=roles.organisation_of(user)
    )
    return pages.exclude(Q(pk__in=others_drafts.values("pk")))


@hooks.register("before_serve_document")
def keep_unpublished_attachments_within_their_city(document, request):
    """Members read what members may read, but not another city's unpublished attachments."""
    if not may_download(document, request.user):
        raise PermissionDenied


class ReadingListViewSet(SnippetViewSet):
    model = ReadingList
    icon = "list-ol"
    menu_label = _("Reading lists")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "hazard", "phase", "show_on_start_page", "sort_order"]
    list_filter = ["hazard", "phase", "show_on_start_page"]
    search_fields = ["title", "introduction"]


register_snippet(ReadingListViewSet)

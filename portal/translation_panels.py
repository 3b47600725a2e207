"""The admin's panels for translated texts (portal.translations): each language side by side, and
which languages still lack a translation, for the secretariat to fill in while it reviews."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

from .translations import FIELD_PREFIXES, field_name


class MissingTranslationsPanel(Panel):
    """Names the interface languages whose readers would get the original for want of a translation."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/panels/missing_translations.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["missing"] = self.instance.missing_language_names()
            return context


def translations_panel(parts, heading, help_text="", missing=True):
    """A panel with the missing languages (`missing`), then each part's fields two languages a row."""
    languages = list(FIELD_PREFIXES)
    rows = []
    for pair in (languages[:2], languages[2:]):
        for part in parts:
            rows.append(FieldRowPanel([FieldPanel(field_name(part, language)) for language in pair]))
    return MultiFieldPanel([MissingTranslationsPanel(), *rows] if missing else rows, heading=heading,
                           help_text=help_text)


TRANSLATIONS_HELP = _(
    "Written by people for readers of each interface language; the original above stays as it is. "
    "Leave empty the language the original is written in. Traditional Chinese readers get the Simplified "
    "text in Traditional characters unless one is written for them."
)

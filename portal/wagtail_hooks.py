from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import register_admin_date_field
from .models import City, Concept, Hazard, Organisation, OrganisationAlias, Phase

# Wagtail's own catalogs do not translate these admin labels into Persian (nor some into Chinese).
# Named here, they are in our catalogs, which Django reads before Wagtail's.
WAGTAIL_LABELS_OUR_CATALOGS_TRANSLATE = (
    gettext_noop("Help"), gettext_noop("Shortcuts"), gettext_noop("Search all pages…"),
)

# Model DateFields in the admin: Jalali input and both calendars for Persian editors.
register_admin_date_field()


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_order = 100
    list_display = ["name", "kind", "city", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_fa", "name_en", "name_zh", "aliases", "city"]
    ordering = ["name_en", "name_fa"]


class OrganisationAliasViewSet(SnippetViewSet):
    """Spellings the minutes import learned; removing one makes the import ask again."""

    model = OrganisationAlias
    icon = "link"
    menu_label = _("Learned spellings")
    list_display = ["text", "organisation", "created_by", "created_at"]
    list_filter = ["organisation"]
    search_fields = ["text", "normalised"]
    ordering = ["organisation__name_en", "text"]


class HazardViewSet(SnippetViewSet):
    model = Hazard
    icon = "warning"
    list_display = ["name", "slug", "sort_order"]


class PhaseViewSet(SnippetViewSet):
    model = Phase
    icon = "resubmit"
    list_display = ["name", "slug", "sort_order"]


class CityViewSet(SnippetViewSet):
    model = City
    icon = "home"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name_fa", "name_en", "name_zh", "aliases"]


class ConceptViewSet(SnippetViewSet):
    """The thesaurus: search finds a concept's documents by any of its labels, in every language."""

    model = Concept
    icon = "tag"
    menu_label = _("Thesaurus")
    list_display = ["slug", "group", "labels_fa", "labels_zh_hans", "labels_en"]
    list_filter = ["group"]
    search_fields = ["slug", "labels_fa", "labels_zh_hans", "labels_zh_hant", "labels_en"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "site"
    menu_order = 200
    items = (OrganisationViewSet, OrganisationAliasViewSet, CityViewSet, HazardViewSet, PhaseViewSet, ConceptViewSet)


register_snippet(NetworkViewSetGroup)


# Before Wagtail's own check of the document's collection (order -1), which then answers only for
# the collection restrictions this reader fails (portal.documents.check_download).
@hooks.register("before_serve_document", order=-1)
def keep_private_documents_private(document, request):
    """A document is served to whoever may download it (portal.documents.may_download)."""
    from portal.documents import check_download

    check_download(document, request)


# Pages are served to whoever the portal's reading of view restrictions lets through (portal.page_privacy),
# before Wagtail's own check (order -1: the outermost step), which would ask members for passwords.
@hooks.register("on_serve_page", order=-1)
def serve_by_the_portals_page_privacy(callback):
    from portal.page_privacy import serving

    return serving(callback)


# API tokens (Settings → API tokens): an organisation's key to the write API; shown once on creation.
from .api.admin import ApiTokenViewSet  # noqa: E402

register_snippet(ApiTokenViewSet)


# Bulk actions registered after Wagtail's own (order=1), so they take their place: on users, only
# superusers assign the privileged groups or (de)activate superusers; on pages, "select all" leaves
# out the pages the reader may not see (portal.admin_pages).
from .admin_pages import PAGE_BULK_ACTIONS  # noqa: E402
from .users import AssignRole, SetActiveState  # noqa: E402

for action in [AssignRole, SetActiveState, *PAGE_BULK_ACTIONS]:
    hooks.register("register_bulk_action", action, order=1)

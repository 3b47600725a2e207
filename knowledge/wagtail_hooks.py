from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import roles
from portal.documents import downloadable

from . import submissions
from .models import ReadingList
from .visibility import without_other_organisations_drafts


class CityPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail lets whoever may add items under the knowledge index explore all of it: the admin's
    search, page API and history reports would show a city manager other cities' drafts."""

    def explorable_instances(self, user):
        return without_other_organisations_drafts(super().explorable_instances(user), user)


register_permission_policy(Page, CityPagePermissionPolicy(Page))


@hooks.register("construct_explorer_page_queryset")
def hide_other_organisations_drafts(parent_page, pages, request):
    return without_other_organisations_drafts(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_other_organisations_drafts_from_the_chooser(pages, request):
    return without_other_organisations_drafts(pages, request.user)


@hooks.register("construct_document_chooser_queryset")
def offer_only_documents_the_user_may_read(documents, request):
    return downloadable(documents, request.user)


class ReadableDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin's document API lists only what the reader may download."""

    def get_queryset(self):
        return downloadable(super().get_queryset(), self.request.user)


@hooks.register("construct_admin_api", order=1)  # after wagtail.documents registers its own
def register_readable_documents_api(router):
    router.register_endpoint("documents", ReadableDocumentsAdminAPIViewSet)


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


@hooks.register("register_admin_urls")
def register_needs_translation_url():
    from .needs_translation import needs_translation_view

    return [path("needs-translation/", needs_translation_view, name="knowledge_needs_translation")]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_secretariat(request.user)


@hooks.register("register_admin_menu_item")
def register_needs_translation_menu_item():
    from .needs_translation import TITLE

    return SecretariatMenuItem(TITLE, reverse("knowledge_needs_translation"), icon_name="doc-full", order=170)


class SharingPanel(Component):
    """On the admin's dashboard, a member's way to share a study or an experience and to their
    submissions, both on the site."""

    name = "sharing"
    order = 60
    template_name = "knowledge/admin/sharing_panel.html"


@hooks.register("construct_homepage_panels")
def add_sharing_panel(request, panels):
    if submissions.may_submit(request.user):
        panels.append(SharingPanel())

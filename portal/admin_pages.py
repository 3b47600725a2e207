"""Pages an app keeps from some admin readers stay hidden from every admin URL that names them.

Wagtail checks what a reader may *do* with a page, but some of its views show the title of any
page whose id is in the URL: the explorer (/admin/pages/<id>/), moving, the page chooser and the
bulk actions (/admin/bulk/wagtailcore/page/<action>/?id=<id>). Apps say which pages a reader may
not see (`hides_pages`, from their AppConfig.ready()); an admin URL naming such a page answers 403,
as does one naming a page that does not exist (a 404 would become a redirect to a language-prefixed
URL), and the bulk actions' "select all" leaves them out. The document bulk actions, which list the
title of any document named in their URL, refuse a document its reader may not download
(portal.documents) the same way.
"""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.models import Page

# narrow(pages, user) -> pages: the given pages less those `user` may not see in the admin.
HIDERS = []

# URL arguments of Wagtail's admin views that are page ids.
PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


def hides_pages(narrow):
    HIDERS.append(narrow)
    return narrow


def visible_pages(pages, user):
    for narrow in HIDERS:
        pages = narrow(pages, user)
    return pages


def _ids(values):
    return {int(value) for value in values if str(value).isdigit()}


def _bulk_action_on(request, view_kwargs, app_label, model_name):
    match = request.resolver_match
    return (match is not None and match.url_name == "wagtail_bulk_action"
            and (view_kwargs.get("app_label"), view_kwargs.get("model_name")) == (app_label, model_name))


def named_page_ids(request, view_kwargs):
    """The ids of the pages an admin request names, in its path or in a page bulk action's query."""
    ids = _ids(view_kwargs[name] for name in PAGE_ARGUMENTS if name in view_kwargs)
    if _bulk_action_on(request, view_kwargs, "wagtailcore", "page"):
        ids |= _ids(request.GET.getlist("id")) | _ids(request.GET.getlist("childOf"))
    return ids


def named_document_ids(request, view_kwargs):
    """The ids of the documents a document bulk action's query names."""
    if _bulk_action_on(request, view_kwargs, "wagtaildocs", "document"):
        return _ids(request.GET.getlist("id"))
    return set()


class HiddenPagesMiddleware:
    """Refuses an admin request that names a page its reader may not see (or no page at all)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith("/admin/") or not request.user.is_authenticated:
            return None
        ids = named_page_ids(request, view_kwargs)
        if ids and visible_pages(Page.objects.filter(pk__in=ids), request.user).count() < len(ids):
            raise PermissionDenied
        if ids := named_document_ids(request, view_kwargs):
            from wagtail.documents import get_document_model

            from portal.documents import downloadable

            if downloadable(get_document_model().objects.filter(pk__in=ids), request.user).count() < len(ids):
                raise PermissionDenied
        return None


class LeavesOutHiddenPages:
    """A page bulk action whose "select all" (?id=all) leaves out the pages the reader may not see."""

    def get_all_objects_in_listing_query(self, parent_id):
        listed = [getattr(item, "pk", item) for item in super().get_all_objects_in_listing_query(parent_id)]
        return visible_pages(Page.objects.filter(pk__in=listed), self.request.user).values_list("pk", flat=True)


PAGE_BULK_ACTIONS = [
    type(action.__name__, (LeavesOutHiddenPages, action), {})
    for action in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction)
]

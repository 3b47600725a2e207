"""Wagtail's page privacy as the portal reads it: which view restrictions keep which readers out.

A view restriction (the admin's Privacy setting) holds for its page and every page under it. Every
channel reads it the same way: the page itself, listings, counts, exports, downloads, search, the API,
feeds, the sitemap and the admin. Each app's visibility.py adds its own rules to this one.

- "logged-in users": members of the network pass. A signed-in account that is no member reads what
  the public reads, here as everywhere.
- "a password": members pass, and so does a reader who typed the password, on the page itself and
  on what belongs to it (its exports and files): the answers given with the reader's request.
- "users in these groups": the groups' members and superusers pass, on the page itself and what
  belongs to it.

Lists, counts and search are the same for every reader of one audience (portal.audiences): the
public's show no restricted page, the members' none behind a group restriction.

A restriction on a document collection (Wagtail's CollectionViewRestriction: the same three kinds)
is read the same way for the documents in it and in the collections under it (portal.documents).
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.cache import add_never_cache_headers
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from portal import roles
from portal.audiences import MEMBERS, PUBLIC

LOGIN, PASSWORD, GROUPS = PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS

# The kinds of restriction that keep each audience out of lists, counts and search.
KEEPS_OUT = {PUBLIC: (LOGIN, PASSWORD, GROUPS), MEMBERS: (GROUPS,)}


def _under_restrictions(restrictions, audience, field, restricted):
    """A condition on rows whose tree path at `field` lies under a node (`restricted`: the
    restriction's page or collection) that one of `restrictions` hides from `audience`."""
    condition = Q(pk__in=[])
    paths = restrictions.filter(restriction_type__in=KEEPS_OUT[audience]).values_list(f"{restricted}__path",
                                                                                      flat=True)
    for path in sorted(set(paths)):
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def hidden_pages(audience, field="path"):
    """A condition on rows whose page (its tree path at `field`) a restriction hides from `audience`.

    Matches nothing when there is no such restriction, so `.exclude(hidden_pages(...))` then
    changes no query.
    """
    return _under_restrictions(PageViewRestriction.objects, audience, field, "page")


def hidden_collections(audience, field="collection__path"):
    """A condition on documents (their collection's tree path at `field`) that a restriction on
    their collection or one above it hides from `audience`; nothing when there is none."""
    return _under_restrictions(CollectionViewRestriction.objects, audience, field, "collection")


def _lets_through(restriction, user, request):
    kind = restriction.restriction_type
    if kind in (LOGIN, PASSWORD) and roles.is_member(user):
        return True
    if kind == PASSWORD:
        return request is not None and restriction.accept_request(request)
    if kind == GROUPS:
        return user.is_authenticated and (
            user.is_superuser or user.groups.filter(pk__in=restriction.groups.values("pk")).exists()
        )
    return False


def failed_restrictions(page, user=None, request=None):
    """The restrictions on `page` (or a collection) and above it that keep `user` out (with
    `request`: its password)."""
    user = user if user is not None else AnonymousUser()
    return [r for r in page.get_view_restrictions() if not _lets_through(r, user, request)]


def restriction_hides(page, user=None, request=None):
    """Does a Wagtail view restriction hide this page (or collection) from this reader?"""
    return bool(failed_restrictions(page, user, request))


def checking_collection(collection, request):
    """Before Wagtail's own check of a document's collection (`before_serve_document`): leave it
    only the restrictions this reader fails, so that it shows its password form or sends an
    anonymous reader to sign in, and never asks a member for a password; a signed-in reader that a
    login or group restriction keeps out is refused, as on a page."""
    failed = failed_restrictions(collection, request.user, request)
    collection.get_view_restrictions = lambda: failed
    if request.user.is_authenticated and any(r.restriction_type != PASSWORD for r in failed):
        raise PermissionDenied


def serving(callback):
    """Wagtail's `on_serve_page` step that asks this module instead of Wagtail's own check."""

    def serve(page, request, args, kwargs):
        restrictions = list(page.get_view_restrictions())
        page.get_view_restrictions = lambda: restrictions  # read once per request, not again by Wagtail's check
        if not restrictions:
            return callback(page, request, args, kwargs)
        failed = [r for r in restrictions if not _lets_through(r, request.user, request)]
        if failed and all(r.restriction_type == PASSWORD for r in failed):
            return callback(page, request, args, kwargs)  # Wagtail's own check shows its password form
        if failed:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        # Through: Wagtail's own check would ask a member for a password members need not type.
        response = page.serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return serve


def without_hidden_admin_pages(pages, user):
    """The admin's pages for `user`: the secretariat edits every page; anyone else sees none that a
    restriction hides from their audience (explorer, chooser, search, any URL naming one)."""
    if roles.is_secretariat(user):
        return pages
    return pages.exclude(hidden_pages(MEMBERS if roles.is_member(user) else PUBLIC))

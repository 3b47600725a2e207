"""Which uploaded documents who may download, and the headers every download carries.

One rule: a document is downloaded by whoever may read what uses it (the apps' `DocumentUses`)
and passes the view restrictions on its collection (Wagtail's collection privacy, read as page
privacy is: portal.page_privacy).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.http import content_disposition_header

from portal import page_privacy, roles
from portal.audiences import MEMBERS, PUBLIC

# Shown in the browser; everything else is always downloaded.
INLINE_CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
DOCUMENT_CSP = "default-src 'none'; sandbox"


# What each app publishes documents through (knowledge items, meeting minutes, follow-up reports),
# registered from its AppConfig.ready(): see `DocumentUses`.
PUBLISHERS = []


class DocumentUses:
    """Where an app uses uploaded documents, as querysets of document ids (`.values("document")`).

    public(): used by content the public reads; published(): used by live content members read
    (both as the app's visibility rules answer for that audience); of_organisation(organisation):
    used by the organisation's own content, drafts included; opened_by(document, request): whether
    the document belongs to a page this one reader may open though no list shows it (a password
    typed, a group restriction passed: portal.page_privacy).
    """

    def public(self):
        raise NotImplementedError

    def published(self):
        return self.public()

    def of_organisation(self, organisation):
        return None

    def opened_by(self, document, request):
        return False


def publishes_documents(uses):
    PUBLISHERS.append(uses)
    return uses


def _any(ids_of):
    allowed = Q(pk__in=[])
    for uses in PUBLISHERS:
        if (ids := ids_of(uses)) is not None:
            allowed |= Q(pk__in=ids)
    return allowed


def _used_where_readable(user):
    """The documents used by what `user` may read, as one condition on documents."""
    allowed = _any(lambda uses: uses.public())
    if roles.is_member(user):
        allowed |= Q(uploaded_by_user=user) | _any(lambda uses: uses.published())
        organisation = roles.organisation_of(user)
        if organisation is not None:
            allowed |= (Q(uploaded_by_user__membership__organisation=organisation)
                        | _any(lambda uses: uses.of_organisation(organisation)))
    return allowed


def _allowed(user):
    """The documents `user` may download, as one condition on documents (no password typed: a
    collection restriction keeps them out as it keeps their audience out of lists)."""
    audience = MEMBERS if roles.is_member(user) else PUBLIC
    return _used_where_readable(user) & ~page_privacy.hidden_collections(audience)


def is_public_document(document):
    """True while content the public reads uses the document (a live page no restriction hides, a
    report attachment its reporter made public on a public resolution).

    A document nobody publishes (a draft's attachment, a members-only study's file) stays
    private, whatever URL someone guesses.
    """
    public = _any(lambda uses: uses.public()) & ~page_privacy.hidden_collections(PUBLIC)
    return type(document).objects.filter(pk=document.pk).filter(public).exists()


def used_where_readable(document, user, request=None):
    """The public gets public documents; a city manager also what members read and its own city's drafts.

    A city manager never gets another city's unpublished attachment, nor a file someone uploaded
    to the admin and has not used yet. The secretariat gets everything. With the reader's request,
    also the files of a page that reader has opened (its password, its groups).
    """
    if roles.is_secretariat(user):
        return True
    if type(document).objects.filter(pk=document.pk).filter(_used_where_readable(user)).exists():
        return True
    return request is not None and any(uses.opened_by(document, request) for uses in PUBLISHERS)


def may_download(document, user, request=None):
    """Used where the reader may read it, and no restriction on its collection keeps the reader out
    (with `request`: a collection password it typed). The secretariat too passes a group
    restriction only in the groups, as on a page."""
    return (used_where_readable(document, user, request)
            and not page_privacy.restriction_hides(document.collection, user, request))


def check_download(document, request):
    """The download's own check (`before_serve_document`, before Wagtail's): PermissionDenied for
    a document not used where the reader may read it; for one behind its collection's restriction,
    Wagtail's answer (its password form, its sign-in page) or, for a signed-in reader kept out,
    PermissionDenied."""
    if not used_where_readable(document, request.user, request):
        raise PermissionDenied
    page_privacy.checking_collection(document.collection, request)


def downloadable(documents, user):
    """`documents` narrowed to those `may_download` gives `user`, in one query (for admin listings)."""
    if roles.is_secretariat(user):
        return documents
    # By primary key: the admin's search backend can filter on little else.
    return documents.filter(pk__in=list(documents.filter(_allowed(user)).values_list("pk", flat=True)))


def is_document_download(request):
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "wagtaildocs_serve")


class DocumentHeadersMiddleware:
    """Downloads never run in the portal's origin: sandboxed, no sniffing, attachment unless pdf or image."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_document_download(request) or response.status_code != 200:
            return response
        response["Content-Security-Policy"] = DOCUMENT_CSP
        response["X-Content-Type-Options"] = "nosniff"
        response["Referrer-Policy"] = "no-referrer"
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        inline = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", INLINE_CONTENT_TYPES)
        disposition = response.get("Content-Disposition", "")
        if content_type not in inline and not disposition.lower().startswith("attachment"):
            filename = request.resolver_match.kwargs.get("document_filename", "download")
            response["Content-Disposition"] = content_disposition_header(True, filename)
        return response

"""Which uploaded documents who may download, and the headers every download carries."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.http import content_disposition_header

from portal import roles

# Shown in the browser; everything else is always downloaded.
INLINE_CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
DOCUMENT_CSP = "default-src 'none'; sandbox"


def is_public_document(document):
    """True while a live, public page or a public resolution's report uses the document.

    A document nobody publishes (a draft's attachment, a members-only study's file) stays
    private, whatever URL someone guesses.
    """
    from knowledge.models import KnowledgeDocument, Visibility
    from resolutions.models import FollowUpReport, MeetingPage

    return (
        KnowledgeDocument.objects.filter(
            document=document, page__live=True, page__visibility=Visibility.PUBLIC
        ).exists()
        or MeetingPage.objects.live().filter(minutes_document=document).exists()
        or FollowUpReport.objects.filter(
            attachments=document, line__resolution__is_public=True,
            line__resolution__meeting__live=True,
        ).exists()
    )


def may_download(document, user):
    """The public gets public documents; a city manager also what members read and its own city's drafts.

    A city manager never gets another city's unpublished attachment, nor a file someone uploaded
    to the admin and has not used yet. The secretariat gets everything.
    """
    if is_public_document(document):
        return True
    if roles.is_secretariat(user):
        return True
    if not roles.is_member(user):
        return False
    from knowledge.models import KnowledgeDocument
    from resolutions.models import FollowUpReport, MeetingPage

    if document.uploaded_by_user_id == user.pk:
        return True
    organisation = roles.organisation_of(user)
    if organisation is not None:
        own_city_uploaded = document.uploaded_by_user_id is not None and get_user_model().objects.filter(
            pk=document.uploaded_by_user_id, membership__organisation=organisation
        ).exists()
        if own_city_uploaded or KnowledgeDocument.objects.filter(
            document=document, page__organisation=organisation
        ).exists():
            return True
    return (
        KnowledgeDocument.objects.filter(document=document, page__live=True).exists()
        or MeetingPage.objects.live().filter(minutes_document=document).exists()
        or FollowUpReport.objects.filter(attachments=document, line__resolution__meeting__live=True).exists()
    )


def downloadable(documents, user):
    """`documents` narrowed to those `may_download` gives `user`, in one query (for admin listings)."""
    from django.db.models import Q

    from knowledge.models import KnowledgeDocument, Visibility
    from resolutions.models import FollowUpReport, MeetingPage

    if roles.is_secretariat(user):
        return documents
    linked = KnowledgeDocument.objects.values("document")
    reported = FollowUpReport.attachments.through.objects.values("document")
    live_reports = reported.filter(followupreport__line__resolution__meeting__live=True)
    allowed = (
        Q(pk__in=linked.filter(page__live=True, page__visibility=Visibility.PUBLIC))
        | Q(pk__in=MeetingPage.objects.live().values("minutes_document"))
        | Q(pk__in=live_reports.filter(followupreport__line__resolution__is_public=True))
    )
    if roles.is_member(user):
        allowed |= (Q(uploaded_by_user=user) | Q(pk__in=linked.filter(page__live=True))
                    | Q(pk__in=live_reports))
        organisation = roles.organisation_of(user)
        if organisation is not None:
            allowed |= (Q(uploaded_by_user__membership__organisation=organisation)
                        | Q(pk__in=linked.filter(page__organisation=organisation)))
    # By primary key: the admin's search backend can filter on little else.
    return documents.filter(pk__in=list(documents.filter(allowed).values_list("pk", flat=True)))


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

"""Read endpoints: anyone may call them; members signed in to the portal (session) see more."""

from django.http import Http404
from ninja import Path, Query, Router

from portal import freshness
from portal.models import Organisation as OrganisationModel

from . import visibility
from .filters import filter_knowledge, filter_meetings, filter_organisations, filter_resolutions
from .pagination import paginate
from .present import Presenter
from .schemas import (
    MAX_ID,
    SLUG_PATTERN,
    Error,
    KnowledgeFilters,
    KnowledgeItem,
    KnowledgePage,
    MeetingDetail,
    MeetingFilters,
    MeetingPage,
    Organisation,
    OrganisationFilters,
    OrganisationPage,
    Resolution,
    ResolutionFilters,
    ResolutionPage,
    ValidationErrors,
)

router = Router()

LIST_ERRORS = {400: Error, 422: ValidationErrors}
DETAIL_ERRORS = {404: Error, 422: ValidationErrors}


def _cached_list(request, name, compute):
    """A list answer, the same for every caller of one audience and language until content changes.

    Keyed by the whole address (filters, page, and the host the links are built with).
    """
    return freshness.remember(f"api-{name}", request.user, compute, request.build_absolute_uri())


def _resolutions(user):
    return (
        visibility.resolutions(user)
        .select_related("meeting", "carried_over_to__meeting")
        .prefetch_related("owners", "hazards", "lines__organisation")
    )


def _knowledge(user):
    return visibility.knowledge_items(user)


def _specific_knowledge(items):
    # Prefetched rather than joined: Wagtail's specific() keeps prefetches but not select_related.
    return items.specific().prefetch_related(
        "organisation", "answers_resolution__meeting", "hazards", "phases", "documents__document"
    )


# --- meetings ------------------------------------------------------------------------------------

@router.get("/meetings/", response={200: MeetingPage, **LIST_ERRORS}, tags=["meetings"],
            summary="Published meetings, newest first")
def list_meetings(request, filters: Query[MeetingFilters]):
    def compute():
        qs = filter_meetings(visibility.meetings(request.user).prefetch_related("participants"), filters)
        return paginate(request, qs, filters.page, filters.page_size, Presenter(request).meetings)

    return _cached_list(request, "meetings", compute)


@router.get("/meetings/{number}/", response={200: MeetingDetail, **DETAIL_ERRORS}, tags=["meetings"],
            summary="One meeting, by its number, with the resolutions the caller may see")
def get_meeting(request, number: int = Path(..., ge=1, le=32767)):
    meeting = visibility.meetings(request.user).prefetch_related("participants").filter(number=number).first()
    if meeting is None:
        raise Http404
    presenter = Presenter(request)
    resolutions = list(visibility.resolutions(request.user).filter(meeting=meeting).order_by("number"))
    data = presenter.meeting(meeting, len(resolutions))
    data["resolutions"] = [{"id": r.pk, "meeting": meeting.number, "number": r.number} for r in resolutions]
    return data


# --- resolutions ---------------------------------------------------------------------------------

@router.get("/resolutions/", response={200: ResolutionPage, **LIST_ERRORS}, tags=["resolutions"],
            exclude_unset=True, summary="Resolutions of published meetings")
def list_resolutions(request, filters: Query[ResolutionFilters]):
    """The public sees public resolutions only; members signed in see all, with each owner's line."""
    def compute():
        qs = filter_resolutions(_resolutions(request.user), filters)
        return paginate(request, qs, filters.page, filters.page_size, Presenter(request).resolutions)

    return _cached_list(request, "resolutions", compute)


@router.get("/resolutions/{id}/", response={200: Resolution, **DETAIL_ERRORS}, tags=["resolutions"],
            exclude_unset=True, summary="One resolution")
def get_resolution(request, id: int = Path(..., ge=1, le=MAX_ID)):  # noqa: A002
    resolution = _resolutions(request.user).filter(pk=id).first()
    if resolution is None:
        raise Http404
    return Presenter(request).resolution(resolution)


# --- knowledge items -----------------------------------------------------------------------------

@router.get("/knowledge/", response={200: KnowledgePage, **LIST_ERRORS}, tags=["knowledge"],
            summary="Published knowledge items, newest first")
def list_knowledge(request, filters: Query[KnowledgeFilters]):
    """Studies, training experiences and experience reports; members-only items for members only."""
    def compute():
        qs = _specific_knowledge(filter_knowledge(_knowledge(request.user), filters))
        return paginate(request, qs, filters.page, filters.page_size, Presenter(request).knowledge_items)

    return _cached_list(request, "knowledge", compute)


@router.get("/knowledge/{id}/", response={200: KnowledgeItem, **DETAIL_ERRORS}, tags=["knowledge"],
            summary="One knowledge item")
def get_knowledge_item(request, id: int = Path(..., ge=1, le=MAX_ID)):  # noqa: A002
    item = _specific_knowledge(_knowledge(request.user).filter(pk=id)).first()
    if item is None:
        raise Http404
    return Presenter(request).knowledge_item(item)


# --- organisations -------------------------------------------------------------------------------

@router.get("/organisations/", response={200: OrganisationPage, **LIST_ERRORS}, tags=["organisations"],
            exclude_unset=True, summary="The network's organisations, current and former")
def list_organisations(request, filters: Query[OrganisationFilters]):
    """The contact e-mail is shown to members only."""
    def compute():
        qs = filter_organisations(OrganisationModel.objects.all(), filters)
        return paginate(request, qs, filters.page, filters.page_size, Presenter(request).organisations)

    return _cached_list(request, "organisations", compute)


@router.get("/organisations/{slug}/", response={200: Organisation, **DETAIL_ERRORS}, tags=["organisations"],
            exclude_unset=True, summary="One organisation")
def get_organisation(request, slug: str = Path(..., pattern=SLUG_PATTERN)):
    organisation = OrganisationModel.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return Presenter(request).organisation(organisation)

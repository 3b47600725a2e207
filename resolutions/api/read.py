"""Read endpoints of meetings and resolutions: anyone may call them; members see more."""

from django.http import Http404
from ninja import Path, Query, Router

from portal.api.pagination import paginate
from portal.api.read import DETAIL_ERRORS, LIST_ERRORS, cached_list
from portal.api.schemas import (
    MAX_ID,
    MeetingDetail,
    MeetingFilters,
    MeetingPage,
    Resolution,
    ResolutionFilters,
    ResolutionPage,
)

from ..visibility import meetings_visible_to, resolutions_visible_to
from .filters import filter_meetings, filter_resolutions
from .present import ResolutionPresenter

router = Router()


def _resolutions(user):
    return (
        resolutions_visible_to(user)
        .select_related("meeting", "carried_over_to__meeting")
        .prefetch_related("owners", "hazards", "lines__organisation")
    )


# --- meetings ------------------------------------------------------------------------------------

@router.get("/meetings/", response={200: MeetingPage, **LIST_ERRORS}, tags=["meetings"],
            summary="Published meetings, newest first")
def list_meetings(request, filters: Query[MeetingFilters]):
    def compute():
        qs = filter_meetings(meetings_visible_to(request.user).prefetch_related("participants"), filters)
        return paginate(request, qs, filters.page, filters.page_size, ResolutionPresenter(request).meetings)

    return cached_list(request, "meetings", compute)


@router.get("/meetings/{number}/", response={200: MeetingDetail, **DETAIL_ERRORS}, tags=["meetings"],
            summary="One meeting, by its number, with the resolutions the caller may see")
def get_meeting(request, number: int = Path(..., ge=1, le=32767)):
    meeting = meetings_visible_to(request.user).prefetch_related("participants").filter(number=number).first()
    if meeting is None:
        raise Http404
    presenter = ResolutionPresenter(request)
    resolutions = list(resolutions_visible_to(request.user).filter(meeting=meeting).order_by("number"))
    data = presenter.meeting(meeting, len(resolutions), meeting.resolutions.count())
    data["resolutions"] = [{"id": r.pk, "meeting": meeting.number, "number": r.number} for r in resolutions]
    return data


# --- resolutions ---------------------------------------------------------------------------------

@router.get("/resolutions/", response={200: ResolutionPage, **LIST_ERRORS}, tags=["resolutions"],
            exclude_unset=True, summary="Resolutions of published meetings")
def list_resolutions(request, filters: Query[ResolutionFilters]):
    """The public sees public resolutions only; members signed in see all, with each owner's line."""
    def compute():
        qs = filter_resolutions(_resolutions(request.user), filters)
        return paginate(request, qs, filters.page, filters.page_size, ResolutionPresenter(request).resolutions)

    return cached_list(request, "resolutions", compute)


@router.get("/resolutions/{id}/", response={200: Resolution, **DETAIL_ERRORS}, tags=["resolutions"],
            exclude_unset=True, summary="One resolution")
def get_resolution(request, id: int = Path(..., ge=1, le=MAX_ID)):  # noqa: A002
    resolution = _resolutions(request.user).filter(pk=id).first()
    if resolution is None:
        raise Http404
    return ResolutionPresenter(request).resolution(resolution)

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.dates import is_persian, local_digits

from .. import exports
from ..models import MeetingPage
from ..visibility import may_see_meeting, resolutions_of_meeting, sees_follow_up


def _meeting_and_resolutions(request, number):
    """The meeting page's rule (resolutions.visibility): a meeting its reader may open, as if no
    other existed; its resolutions that reader may see."""
    meeting = get_object_or_404(MeetingPage.objects.live(), number=number)
    if meeting.get_url() is None or not may_see_meeting(meeting, request.user, request):
        raise Http404
    resolutions = (
        resolutions_of_meeting(meeting, request.user)
        .select_related("meeting")
        .prefetch_related("owners", "lines__organisation")
        .order_by("number")
    )
    return meeting, resolutions


def _file_name(meeting, extension):
    return f"meeting-{meeting.number}-resolutions.{extension}"


def _table(request, resolutions):
    """Header and rows: each owner's line only for those who see it on the resolution page."""
    with_lines = sees_follow_up(request.user)
    return exports.export_header(with_lines), exports.export_rows(resolutions, with_lines)


def meeting_csv(request, number):
    meeting, resolutions = _meeting_and_resolutions(request, number)
    body = exports.as_csv(*_table(request, resolutions))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(meeting, "csv")}"'
    return response


def meeting_xlsx(request, number):
    meeting, resolutions = _meeting_and_resolutions(request, number)
    body = exports.as_xlsx(
        *_table(request, resolutions),
        title=_("Meeting %(number)s") % {"number": local_digits(meeting.number)},  # the reader's digits
        right_to_left=is_persian(), jalali=is_persian(),
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(meeting, "xlsx")}"'
    return response


def meeting_print(request, number):
    meeting, resolutions = _meeting_and_resolutions(request, number)
    resolutions = list(resolutions)
    return TemplateResponse(request, "resolutions/meeting_print.html", {
        "page": meeting, "meeting": meeting, "resolutions": resolutions, "today": timezone.localdate(),
        "show_lines": sees_follow_up(request.user), **meeting.resolution_counts(resolutions),
    })

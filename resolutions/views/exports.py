from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import exports
from ..models import MeetingPage


def _meeting_and_resolutions(request, number):
    """The same rule as the meeting page: a live meeting; the public sees public resolutions only."""
    meeting = get_object_or_404(MeetingPage.objects.live(), number=number)
    if meeting.get_url() is None:
        raise Http404
    resolutions = (
        meeting.resolutions.visible_to(request.user)
        .select_related("meeting")
        .prefetch_related("owners", "lines__organisation")
        .order_by("number")
    )
    return meeting, resolutions


def _file_name(meeting, extension):
    return f"meeting-{meeting.number}-resolutions.{extension}"


def meeting_csv(request, number):
    meeting, resolutions = _meeting_and_resolutions(request, number)
    body = exports.as_csv(exports.export_header(), exports.export_rows(resolutions))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(meeting, "csv")}"'
    return response


def meeting_xlsx(request, number):
    meeting, resolutions = _meeting_and_resolutions(request, number)
    body = exports.as_xlsx(
        exports.export_header(), exports.export_rows(resolutions),
        title=_("Meeting %(number)s") % {"number": meeting.number},
        right_to_left=(get_language() or "").startswith("fa"),
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(meeting, "xlsx")}"'
    return response


def meeting_print(request, number):
    meeting, resolutions = _meeting_and_resolutions(request, number)
    return TemplateResponse(request, "resolutions/meeting_print.html", {
        "page": meeting, "meeting": meeting, "resolutions": resolutions, "today": timezone.localdate(),
    })

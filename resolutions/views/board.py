from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import roles
from portal.dates import format_number

from .. import board
from ..bulk_forms import BoardBulkChangeForm
from ..forms import BoardFilterForm
from ..models import ResolutionStatus
from .access import members_only


@members_only
def status_board(request):
    today = timezone.localdate()
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    resolutions = list(board.board_resolutions(
        request.user, meeting=filters.get("meeting"), owner=filters.get("owner"),
        status=filters.get("status") or None, overdue=filters.get("overdue", False), today=today,
    ))
    columns, rows = board.status_matrix(resolutions)
    per_meeting = board.statuses_per_meeting(resolutions)
    chart = board.status_chart(
        per_meeting, label=lambda m: _("Meeting %(number)s") % {"number": format_number(m.number)}
    )
    context = {
        "filter_form": form,
        "columns": columns,
        "rows": rows,
        "overdue_lines": {line.pk for row in rows for line in row.cells
                          if line is not None and board.line_is_overdue(line, today)},
        "scorecards": board.scorecards(board.lines_of(resolutions), today),
        "chart": chart,
        "statuses": ResolutionStatus,
        "resolution_count": len(resolutions),
        "today": today,
        # The secretariat ticks resolutions and lines in the matrix and changes them in one go.
        "bulk_form": BoardBulkChangeForm(initial={"next": request.get_full_path()}, auto_id="bulk-%s")
        if roles.is_secretariat(request.user) else None,
    }
    return TemplateResponse(request, "resolutions/board.html", context)

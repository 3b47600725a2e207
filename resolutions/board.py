"""The status board's figures: which resolutions, the resolutions × owners matrix, each owner's
scorecard and the statuses per meeting. Plain functions over querysets and lists, tested directly."""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from .models import FollowUpLine, LineStatus, Resolution, ResolutionStatus
from .visibility import resolutions_visible_to


def board_resolutions(user, *, meeting=None, owner=None, status=None, overdue=False, today=None):
    """The resolutions the user may read, narrowed by the board's filters."""
    qs = resolutions_visible_to(user)
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    if owner is not None:
        qs = qs.filter(lines__organisation=owner).distinct()
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.overdue(today)
    return (
        qs.select_related("meeting")
        .prefetch_related("lines__organisation")
        .order_by("-meeting__number", "number")
    )


def line_is_overdue(line, today=None):
    """A line is late while its resolution is overdue and this owner has not finished."""
    return line.is_overdue_on(today)


@dataclass
class MatrixRow:
    resolution: Resolution
    cells: list  # FollowUpLine or None, one per owner column


def status_matrix(resolutions):
    """Owners as columns (those owing a line on any of the resolutions), resolutions as rows."""
    resolutions = list(resolutions)
    owners = {}
    for resolution in resolutions:
        for line in resolution.lines.all():
            owners.setdefault(line.organisation.pk, line.organisation)
    columns = sorted(owners.values(), key=lambda org: (org.kind != "network_secretariat", str(org)))
    rows = []
    for resolution in resolutions:
        by_owner = {line.organisation_id: line for line in resolution.lines.all()}
        rows.append(MatrixRow(resolution, [by_owner.get(org.pk) for org in columns]))
    return columns, rows


@dataclass
class Scorecard:
    organisation: object
    owned: int = 0
    done: int = 0
    overdue: int = 0
    days_to_close: list = field(default_factory=list)

    @property
    def median_days_to_close(self):
        return statistics.median(self.days_to_close) if self.days_to_close else None

    @property
    def done_share(self):
        return round(100 * self.done / self.owned) if self.owned else 0


def scorecards(lines, today=None):
    """Per owner: lines owed (cancelled and carried-over resolutions owe nothing), done, overdue, and
    the median number of days from the meeting to the line's closing."""
    today = today or timezone.localdate()
    cards = {}
    for line in lines:
        if line.resolution.status in (ResolutionStatus.CANCELLED, ResolutionStatus.CARRIED_OVER):
            continue
        card = cards.setdefault(line.organisation_id, Scorecard(line.organisation))
        card.owned += 1
        if line.status == LineStatus.DONE:
            card.done += 1
            if line.closed_on:
                card.days_to_close.append((line.closed_on - line.resolution.meeting.starts_on).days)
        elif line_is_overdue(line, today):
            card.overdue += 1
    return sorted(cards.values(), key=lambda c: (-c.owned, str(c.organisation)))


def lines_of(resolutions):
    """The follow-up lines of these resolutions, with what the scorecard reads."""
    return FollowUpLine.objects.filter(resolution__in=[r.pk for r in resolutions]).select_related(
        "organisation", "resolution__meeting"
    )


def statuses_per_meeting(resolutions):
    """[(meeting, Counter of statuses)], oldest meeting first."""
    per_meeting = {}
    for resolution in resolutions:
        meeting = resolution.meeting
        per_meeting.setdefault(meeting.pk, (meeting, Counter()))[1][resolution.status] += 1
    return sorted(per_meeting.values(), key=lambda item: item[0].number)


# --- The chart: horizontal stacked bars, one per meeting ---------------------------------------

CHART_WIDTH = 640
LABEL_WIDTH = 90
BAR_HEIGHT = 22
BAR_GAP = 10
LEGEND_HEIGHT = 4


def status_chart(per_meeting, *, label=lambda meeting: str(meeting.number)):
    """Geometry for a server-rendered SVG: bars scaled to the busiest meeting, segments in status order."""
    most = max((sum(counts.values()) for _meeting, counts in per_meeting), default=0)
    scale = (CHART_WIDTH - LABEL_WIDTH - 40) / most if most else 0
    bars = []
    for i, (meeting, counts) in enumerate(per_meeting):
        y = LEGEND_HEIGHT + i * (BAR_HEIGHT + BAR_GAP)
        x = LABEL_WIDTH
        segments = []
        for status in ResolutionStatus:
            count = counts.get(status, 0)
            if not count:
                continue
            width = count * scale
            segments.append({"status": status.value, "label": status.label, "count": count,
                             "x": round(x, 1), "width": round(width, 1),
                             "text_x": round(x + width / 2, 1)})
            x += width
        bars.append({
            "meeting": meeting, "label": label(meeting), "y": y, "text_y": y + BAR_HEIGHT / 2 + 5,
            "total": sum(counts.values()), "counts": [counts.get(s, 0) for s in ResolutionStatus],
            "total_x": round(x + 6, 1), "segments": segments,
        })
    legend = []
    for i, status in enumerate(ResolutionStatus):
        legend.append({"status": status.value, "label": status.label, "x": LABEL_WIDTH + i * 110})
    height = LEGEND_HEIGHT + len(bars) * (BAR_HEIGHT + BAR_GAP) + 4
    return {"width": CHART_WIDTH, "height": height, "bar_height": BAR_HEIGHT, "bars": bars,
            "legend": legend}

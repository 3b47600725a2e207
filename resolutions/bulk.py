"""The secretariat's bulk changes: many resolutions or follow-up lines, one new status or due date,
one note.

A status is a line's (open, in progress, done): a resolution ticked for a status gives it to every
one of its lines, and the resolution follows its lines by the one rule (`status_from_lines`). The
one status a resolution takes itself is the secretariat's decision to cancel it (`status_changes`).
A due date is the resolution's: a ticked line changes its resolution's. Every change is saved one
object at a time, so each lands in the history with the note as its reason. `plan` says what would
change before anything is written; the secretariat confirms it.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.dates import format_date, format_number, isolate

from . import status_changes
from .models import FollowUpLine, LineStatus, Resolution, ResolutionStatus
from .models.resolutions import EXPLICIT_STATUSES

CANCEL = ResolutionStatus.CANCELLED.value
# What a bulk status change may set: a line's status, or cancelling the resolution.
BULK_STATUSES = [*LineStatus.choices, (CANCEL, gettext_lazy("Cancelled (the secretariat's decision)"))]
STATUS = "status"
DUE_DATE = "due_on"
MAX_NOTE = 200  # a decision's reason holds as much


@dataclass
class Skipped:
    label: str
    reason: str


@dataclass
class BulkPlan:
    what: str  # STATUS or DUE_DATE
    value: object  # a status value or a date
    lines: list = field(default_factory=list)  # FollowUpLine whose status changes
    resolutions: list = field(default_factory=list)  # Resolution cancelled or given the due date
    unchanged: list = field(default_factory=list)  # labels of what already is so
    skipped: list = field(default_factory=list)  # Skipped: what cannot change, and why

    @property
    def changes_anything(self):
        return bool(self.lines or self.resolutions)

    def value_label(self):
        if self.what == DUE_DATE:
            return format_date(self.value)
        return str(dict(BULK_STATUSES)[self.value])

    def summary(self, done=False):
        """"3 lines will be marked Done." (or, once done, "3 lines were marked Done."), in the reader's language."""
        if self.what == DUE_DATE:
            count = len(self.resolutions)
            text = (ngettext("%(count)s resolution is now due on %(date)s.",
                             "%(count)s resolutions are now due on %(date)s.", count) if done
                    else ngettext("%(count)s resolution will be due on %(date)s.",
                                  "%(count)s resolutions will be due on %(date)s.", count))
            return text % {"count": format_number(count), "date": self.value_label()}
        if self.value == CANCEL:
            count = len(self.resolutions)
            text = (ngettext("%(count)s resolution was cancelled.", "%(count)s resolutions were cancelled.", count)
                    if done else ngettext("%(count)s resolution will be cancelled.",
                                          "%(count)s resolutions will be cancelled.", count))
            return text % {"count": format_number(count)}
        count = len(self.lines)
        text = (ngettext("%(count)s line was marked %(status)s.", "%(count)s lines were marked %(status)s.", count)
                if done else ngettext("%(count)s line will be marked %(status)s.",
                                      "%(count)s lines will be marked %(status)s.", count))
        return text % {"count": format_number(count), "status": self.value_label()}


def line_label(line):
    return f"{line.resolution} · {isolate(line.organisation.name)}"


def plan(*, resolutions=(), lines=(), status=None, due_on=None):
    """What setting `status` or `due_on` on these resolutions and lines would change; writes nothing."""
    if (status is None) == (due_on is None):
        raise ValueError("A bulk change sets either a status or a due date.")
    resolutions, lines = _distinct(resolutions), _distinct(lines)
    if due_on is not None:
        return _plan_due_date(resolutions, lines, due_on)
    if status == CANCEL:
        return _plan_cancel(resolutions, lines)
    return _plan_line_status(resolutions, lines, status)


def _distinct(objects):
    return list({obj.pk: obj for obj in objects}.values())


def _plan_due_date(resolutions, lines, due_on):
    result = BulkPlan(DUE_DATE, due_on)
    for resolution in _distinct([*resolutions, *(line.resolution for line in lines)]):
        if resolution.due_on == due_on:
            result.unchanged.append(str(resolution))
        else:
            result.resolutions.append(resolution)
    return result


def _plan_cancel(resolutions, lines):
    result = BulkPlan(STATUS, CANCEL)
    for resolution in _distinct([*resolutions, *(line.resolution for line in lines)]):
        if resolution.status == ResolutionStatus.CANCELLED:
            result.unchanged.append(str(resolution))
        elif not status_changes.can_cancel(resolution):
            result.skipped.append(Skipped(str(resolution), _("it is closed: done or carried over")))
        else:
            result.resolutions.append(resolution)
    return result


def _plan_line_status(resolutions, lines, status):
    result = BulkPlan(STATUS, status)
    chosen = {line.pk: line for line in lines}
    for resolution in resolutions:
        its_lines = list(resolution.lines.select_related("organisation", "resolution__meeting"))
        if not its_lines:
            result.skipped.append(Skipped(str(resolution), _("it has no owner, so no line to mark")))
        for line in its_lines:
            chosen.setdefault(line.pk, line)
    for line in chosen.values():
        if line.resolution.status in EXPLICIT_STATUSES:
            result.skipped.append(Skipped(line_label(line), _("its resolution is %(status)s: reopen it first") % {
                "status": line.resolution.get_status_display().lower()}))
        elif line.status == status:
            result.unchanged.append(line_label(line))
        else:
            result.lines.append(line)
    return result


@transaction.atomic
def apply(bulk_plan, *, note, user=None):
    """Make the planned changes, each through the status rule and into the history with `note`."""
    note = " ".join((note or "").split())[:MAX_NOTE]
    if not note:
        raise ValueError("A bulk change needs a note.")
    for line in bulk_plan.lines:
        _set_line_status(line, bulk_plan.value, note, user)
    for resolution in bulk_plan.resolutions:
        resolution.refresh_from_db()
        if bulk_plan.what == DUE_DATE:
            _set_due_date(resolution, bulk_plan.value, note, user)
        else:
            _remember(resolution, note, user)
            status_changes.cancel(resolution, user=user, reason=note)
    return len(bulk_plan.lines) + len(bulk_plan.resolutions)


def _remember(obj, note, user):
    """What django-simple-history writes on the next save: the reason, and who (outside a request too)."""
    obj._change_reason = note
    if user is not None and user.is_authenticated:
        obj._history_user = user


def _set_line_status(line, status, note, user):
    line = FollowUpLine.objects.select_related("resolution").get(pk=line.pk)
    _remember(line, note, user)
    _remember(line.resolution, note, user)  # the resolution's own change, if its status follows
    line.status = status
    line.save(update_fields=["status", "updated_at"])


def _set_due_date(resolution, due_on, note, user):
    _remember(resolution, note, user)
    resolution.due_on = due_on
    resolution.save()


def selected(resolution_ids=(), line_ids=()):
    """The resolutions and lines a form ticked, with what `plan` reads."""
    resolutions = Resolution.objects.filter(pk__in=resolution_ids).select_related("meeting")
    lines = FollowUpLine.objects.filter(pk__in=line_ids).select_related("organisation", "resolution__meeting")
    return list(resolutions), list(lines)

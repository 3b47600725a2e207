"""The statuses only the secretariat sets: cancelled and carried over (and undoing a cancellation).

Each decision records who took it, when and why (`Resolution.decide`); every other status follows
the owners' lines (`status_from_lines`).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .models import ResolutionStatus
from .models.resolutions import CLOSED_STATUSES


def can_cancel(resolution):
    return resolution.status not in CLOSED_STATUSES


def can_reopen(resolution):
    return resolution.status == ResolutionStatus.CANCELLED


def can_carry_over(resolution):
    """Done, cancelled or already carried-over resolutions have nothing left to carry."""
    return resolution.status not in CLOSED_STATUSES


@transaction.atomic
def cancel(resolution, *, user=None, reason=""):
    if not can_cancel(resolution):
        raise ValueError("Only an open resolution can be cancelled.")
    reason = reason or _("Cancelled by the secretariat")
    resolution.decide(ResolutionStatus.CANCELLED, user=user, reason=reason)
    resolution._change_reason = reason
    resolution.save()
    return resolution


@transaction.atomic
def reopen(resolution):
    """Undo a cancellation: the status follows the owners' lines again."""
    if not can_reopen(resolution):
        raise ValueError("Only a cancelled resolution can be reopened.")
    resolution.status = ResolutionStatus.OPEN  # saving applies the rule: the lines decide from here
    resolution._change_reason = _("Reopened by the secretariat")
    resolution.save()
    return resolution


@transaction.atomic
def carry_over(resolution, meeting, number, *, user=None):
    """Re-adopt at a later meeting (see :meth:`Resolution.carry_over_to`), with a reason in history."""
    if not can_carry_over(resolution):
        raise ValueError("Only an open resolution can be carried over.")
    if meeting.number <= resolution.meeting.number:
        raise ValueError("A resolution is carried over to a later meeting.")
    reason = _("Carried over to meeting %(meeting)s as resolution %(number)s") % {
        "meeting": meeting.number, "number": number,
    }
    resolution._change_reason = reason
    return resolution.carry_over_to(meeting, number, user=user, reason=reason)

"""Follow-up reminders: one digest a day at most for each person whose organisation owes something."""

from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.addresses import absolute_url
from portal.models import Membership

from .board import line_is_overdue
from .models import FollowUpLine, LineStatus
from .models.resolutions import CLOSED_STATUSES


def site_url(path):
    return absolute_url(path)


def open_lines(organisation):
    """Lines this organisation still owes on resolutions of published meetings."""
    return (
        FollowUpLine.objects.filter(organisation=organisation, resolution__meeting__live=True)
        .exclude(status=LineStatus.DONE)
        .exclude(resolution__status__in=CLOSED_STATUSES)
        .select_related("resolution__meeting", "organisation")
        .order_by("resolution__due_on", "resolution__meeting__number", "resolution__number")
    )


def due_recipients(today):
    """Memberships that want reminders, have an address, and have had none today."""
    return (
        Membership.objects.filter(receives_reminders=True, user__is_active=True)
        .exclude(user__email="")
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
        .select_related("user", "organisation")
        .order_by("organisation__slug", "user__username")
    )


@dataclass
class Digest:
    membership: Membership
    lines: list
    overdue: list
    message: EmailMessage


def build_digest(membership, lines, today):
    """The e-mail, written in the person's language with links into the portal."""
    with translation.override(membership.language):
        overdue = [line for line in lines if line_is_overdue(line, today)]
        items = [
            {"line": line, "resolution": line.resolution, "overdue": line in overdue,
             "url": site_url(line.resolution.get_url())}
            for line in lines
        ]
        context = {
            "membership": membership, "organisation": membership.organisation, "items": items,
            "overdue_count": len(overdue), "today": today,
            "board_url": site_url(reverse("tracking:board")),
            "settings_url": site_url(reverse("tracking:reminder_settings")),
        }
        subject = render_to_string("resolutions/email/reminder_subject.txt", context).strip()
        body = render_to_string("resolutions/email/reminder_body.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[membership.user.email],
                           headers={"List-Unsubscribe": f"<{context['settings_url']}>"})
    return Digest(membership, lines, overdue, message)


def send_followup_reminders(today=None, *, dry_run=False):
    """Send today's digests; return them. Safe to run again: nobody hears twice in one day."""
    today = today or timezone.localdate()
    lines_by_organisation = {}
    digests = []
    for membership in due_recipients(today):
        org_id = membership.organisation_id
        if org_id not in lines_by_organisation:
            lines_by_organisation[org_id] = list(open_lines(membership.organisation))
        lines = lines_by_organisation[org_id]
        if not lines:
            continue
        digest = build_digest(membership, lines, today)
        if dry_run:
            digests.append(digest)
            continue
        # Claim the day first, so two runs at once cannot both send.
        claimed = Membership.objects.filter(pk=membership.pk).filter(
            Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today)
        ).update(last_reminded_on=today)
        if not claimed:
            continue
        try:
            digest.message.send()
        except Exception:
            Membership.objects.filter(pk=membership.pk).update(last_reminded_on=membership.last_reminded_on)
            raise
        digests.append(digest)
    return digests

"""Follow-up reminders: one digest a day at most for each person whose organisation owes something.

A city's people get their organisation's lines, overdue ones first, then the others soonest due
first, with a link to their workspace where they report. The secretariat's people get one digest
across the network: their own lines, then every owner's counts, those with overdue lines first.
Each digest is written whole in the person's language (portal.notices).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.mail import EmailMessage
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import dates, roles
from portal.models import Membership, Organisation
from portal.notices import Action, Entry, Foreign, Notice, Section, email_for, link, link_to, say

from .board import line_is_overdue
from .models import FollowUpLine, LineStatus
from .models.resolutions import CLOSED_STATUSES

TEXT_WORDS = 30  # of a resolution's text, in the digest


def owed_lines():
    """Lines still owed on resolutions of published meetings."""
    return (
        FollowUpLine.objects.filter(resolution__meeting__live=True)
        .exclude(status=LineStatus.DONE)
        .exclude(resolution__status__in=CLOSED_STATUSES)
    )


def open_lines(organisation, today=None):
    """Lines this organisation still owes: overdue ones first, then the soonest due."""
    today = today or timezone.localdate()
    return (
        owed_lines().filter(organisation=organisation)
        .select_related("resolution__meeting", "organisation")
        .annotate(late=Case(When(resolution__due_on__lt=today, then=Value(0)), default=Value(1),
                            output_field=IntegerField()))
        .order_by("late", F("resolution__due_on").asc(nulls_last=True), "resolution__meeting__number",
                  "resolution__number")
    )


@dataclass
class OwnerCounts:
    organisation: Organisation
    overdue: int
    still_open: int


def network_counts(today=None):
    """Each owner's overdue and other open lines, those with the most overdue first."""
    today = today or timezone.localdate()
    rows = (
        owed_lines().values("organisation")
        .annotate(overdue=Count("pk", filter=Q(resolution__due_on__lt=today)), owed=Count("pk"))
        .order_by("-overdue", "-owed", "organisation")
    )
    organisations = Organisation.objects.in_bulk([row["organisation"] for row in rows])
    return [OwnerCounts(organisations[row["organisation"]], row["overdue"], row["owed"] - row["overdue"])
            for row in rows]


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


# --- what a digest says ------------------------------------------------------------------------------

def counts_parts(overdue, still_open):
    """["2 lines overdue", "3 lines still open"], overdue first; a zero count is left out (but for
    "0 lines still open" when nothing is overdue either)."""
    parts = []
    if overdue:
        parts.append(ngettext("%(count)s line overdue", "%(count)s lines overdue", overdue) % {"count": overdue})
    if still_open or not overdue:
        parts.append(ngettext("%(count)s line still open", "%(count)s lines still open", still_open)
                     % {"count": still_open})
    return parts


def counts_phrase(overdue, still_open):
    """"2 lines overdue · 3 lines still open" (`counts_parts` on one line)."""
    return " · ".join(counts_parts(overdue, still_open))


def line_entry(line):
    resolution = line.resolution
    values = {"meeting": dates.local_digits(resolution.meeting.number),
              "number": dates.local_digits(resolution.number), "status": line.get_status_display()}
    if resolution.due_on:
        heading = say(_("Meeting %(meeting)s · Resolution %(number)s — %(status)s — due %(date)s"),
                      date=dates.format_date(resolution.due_on), **values)
    else:
        heading = say(_("Meeting %(meeting)s · Resolution %(number)s — %(status)s"), **values)
    words = resolution.text.split()
    text = " ".join(words[:TEXT_WORDS]) + (" …" if len(words) > TEXT_WORDS else "")
    return Entry([heading, Foreign(text, resolution.language)], link(resolution.get_url()))


def line_sections(lines, overdue, organisation=None):
    """The lines in two lists, overdue first; headed with the organisation's name in the secretariat's."""
    late = [line for line in lines if line in overdue]
    others = [line for line in lines if line not in overdue]
    if organisation is None:
        headings = say(_("Overdue")), say(_("Still open, soonest due first"))
    else:
        name = Foreign.name(organisation)
        headings = (say(_("Overdue lines of %(organisation)s"), organisation=name),
                    say(_("Lines of %(organisation)s still open, soonest due first"), organisation=name))
    return [Section(heading, [line_entry(line) for line in chosen])
            for heading, chosen in zip(headings, (late, others), strict=True) if chosen]


def settings_footer(network=False):
    reason = (_("You receive this digest because you follow the network's resolutions up for the secretariat.")
              if network else _("You receive this digest because your organisation owns follow-up lines."))
    return {"footer": [say(reason)],
            "footer_action": Action(_("To stop it or change its language:"), link_to("tracking:reminder_settings"))}


def board_link(organisation=None, overdue=False):
    query = {}
    if organisation is not None:
        query["owner"] = organisation.pk
    if overdue:
        query["overdue"] = "on"
    return link_to("tracking:board") + (f"?{urlencode(query)}" if query else "")


def city_notice(membership, lines, overdue, today):
    def compose():
        organisation = Foreign.name(membership.organisation)
        return Notice(
            subject=say(_("Follow-up for %(organisation)s: %(counts)s"), organisation=organisation,
                        counts=counts_phrase(len(overdue), len(lines) - len(overdue))),
            paragraphs=[say(_("These resolutions still wait for a follow-up report from %(organisation)s "
                              "(as of %(date)s)."), organisation=organisation, date=dates.format_date(today))],
            sections=line_sections(lines, overdue),
            actions=[Action(_("Report progress in your workspace:"), link_to("workspace")),
                     Action(_("All resolutions and their status:"), board_link())],
            **settings_footer(),
        )
    return compose


def network_notice(membership, lines, overdue, counts, today):
    def compose():
        sections = line_sections(lines, overdue, membership.organisation)
        sections.append(Section(say(_("Every owner, those with overdue lines first")), [
            Entry([say(_("%(organisation)s: %(counts)s"), organisation=Foreign.name(row.organisation),
                       counts=counts_phrase(row.overdue, row.still_open))],
                  board_link(row.organisation, overdue=bool(row.overdue)))
            for row in counts
        ]))
        total_overdue = sum(row.overdue for row in counts)
        total_open = sum(row.still_open for row in counts)
        return Notice(
            subject=say(_("Follow-up across the network: %(counts)s"),
                        counts=counts_phrase(total_overdue, total_open)),
            paragraphs=[say(_("Follow-up lines still owed across the network (as of %(date)s)."),
                            date=dates.format_date(today))],
            sections=sections,
            actions=[Action(_("The status board, with every owner's lines:"), board_link())],
            **settings_footer(network=True),
        )
    return compose


def build_digest(membership, lines, today, counts=None):
    """The e-mail for one person: their organisation's lines, and for the secretariat every owner's counts."""
    today = today or timezone.localdate()
    overdue = [line for line in lines if line_is_overdue(line, today)]
    if counts is not None:
        compose = network_notice(membership, lines, overdue, counts, today)
    else:
        compose = city_notice(membership, lines, overdue, today)
    message = email_for(membership.user, compose, headers=lambda: {
        "List-Unsubscribe": f"<{link_to('tracking:reminder_settings')}>"})
    return Digest(membership, lines, overdue, message)


def send_followup_reminders(today=None, *, dry_run=False):
    """Send today's digests; return them. Safe to run again: nobody hears twice in one day."""
    today = today or timezone.localdate()
    lines_by_organisation = {}
    counts = None
    digests = []
    for membership in due_recipients(today):
        org_id = membership.organisation_id
        if org_id not in lines_by_organisation:
            lines_by_organisation[org_id] = list(open_lines(membership.organisation, today))
        lines = lines_by_organisation[org_id]
        if roles.is_secretariat(membership.user):
            counts = network_counts(today) if counts is None else counts
            if not counts:
                continue
            digest = build_digest(membership, lines, today, counts=counts)
        elif lines:
            digest = build_digest(membership, lines, today)
        else:
            continue
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

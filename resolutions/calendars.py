"""Deadlines calendars (iCalendar): an organisation's open follow-up with a due date, one all-day event each.

Anyone may subscribe to an organisation's public calendar: it holds public resolutions of
published meetings only (resolutions.visibility), and since owners' lines are for members, it
goes by the resolution's status rather than the line's. A member's secret address (a CalendarKey)
gives what that member sees: internal resolutions too, and each line's own status.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from portal.addresses import absolute_url, base_url
from portal.models import Network

from .models import FollowUpLine
from .models.resolutions import CLOSED_STATUSES
from .visibility import resolutions_visible_to, sees_follow_up
from .workspace import open_lines_query

SUMMARY_WORDS = 12


def deadline_lines(organisation, reader=None):
    """The organisation's lines with a due date still owed, as `reader` (None: the public) may know them."""
    if sees_follow_up(reader):
        lines = open_lines_query(organisation, reader)
    else:
        lines = FollowUpLine.objects.filter(
            organisation=organisation, resolution__in=resolutions_visible_to(reader),
        ).exclude(resolution__status__in=CLOSED_STATUSES)
    return (lines.filter(resolution__due_on__isnull=False).select_related("resolution__meeting", "organisation")
            .order_by("resolution__due_on", "resolution__meeting__number", "resolution__number"))


def _host():
    return urlsplit(base_url()).hostname or "portal"


def event_uid(line):
    """Stable across downloads, so calendars update the event instead of adding another."""
    return f"follow-up-line-{line.pk}@{_host()}"


def _excerpt(text):
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")


def line_event(line):
    resolution = line.resolution
    url = absolute_url(resolution.get_url())
    event = Event()
    event.add("uid", event_uid(line))
    event.add("dtstamp", resolution.updated_at or timezone.now())
    event.add("dtstart", resolution.due_on)  # a date: an all-day event
    event.add("dtend", resolution.due_on + timedelta(days=1))
    words = resolution.text_in()  # the calendar's language where a translation exists, else the original
    event.add("summary", _("Due: %(resolution)s — %(text)s") % {
        "resolution": resolution, "text": _excerpt(words.summary)})
    texts = [words.summary] + ([resolution.text] if words.is_translation else [])
    event.add("description", "\n\n".join([str(resolution), *texts, url]))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def deadlines_calendar(organisation, reader=None, request=None):
    """The iCalendar of the organisation's deadlines, in the active language."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{_host()}//follow-up deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    network = Network.load(request_or_site=request).name_in()
    calendar.add("x-wr-calname", _("Deadlines of %(organisation)s · %(network)s") % {
        "organisation": organisation.name, "network": network})
    for line in deadline_lines(organisation, reader):
        calendar.add_component(line_event(line))
    return calendar

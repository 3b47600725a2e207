"""What each meeting and resolution filter means (see portal/api/filters.py)."""

from django.db.models import Q

from portal.api.filters import check_slugs, in_city, years
from portal.models import Hazard, Organisation

from ..models import MeetingPage

MEETING_CITIES = (MeetingPage, "host_city")


def filter_meetings(qs, f):
    if f.organisation:
        check_slugs(Organisation, f.organisation, "organisation")
        qs = qs.filter(participants__slug__in=f.organisation).distinct()
    if f.city:
        qs = qs.filter(in_city("host_city", f.city, MEETING_CITIES))
    if f.year:
        qs = qs.filter(years("starts_on", f.year))
    return qs.order_by("-number")


def filter_resolutions(qs, f, today=None):
    if f.meeting:
        qs = qs.filter(meeting__number__in=f.meeting)
    if f.organisation:
        check_slugs(Organisation, f.organisation, "organisation")
        qs = qs.filter(
            Q(owners__slug__in=f.organisation) | Q(lines__organisation__slug__in=f.organisation)
        ).distinct()
    if f.city:
        qs = qs.filter(in_city("meeting__host_city", f.city, MEETING_CITIES))
    if f.hazard:
        check_slugs(Hazard, f.hazard, "hazard")
        qs = qs.filter(hazards__slug__in=f.hazard).distinct()
    if f.lang:
        qs = qs.filter(language__in=f.lang)
    if f.year:
        qs = qs.filter(years("meeting__starts_on", f.year))
    if f.status:
        qs = qs.filter(status__in=f.status)
    if f.overdue is not None:
        overdue = qs.model.objects.overdue(today).values("pk")
        qs = qs.filter(pk__in=overdue) if f.overdue else qs.exclude(pk__in=overdue)
    return qs.order_by("-meeting__number", "number")

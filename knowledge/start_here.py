"""Start here: what a newly joined metropolis should read and do first, generated from the content."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When

from portal import roles
from portal.models import Hazard, Organisation, OrganisationKind, Phase
from resolutions.models import FollowUpLine, LineStatus, ResolutionStatus
from resolutions.visibility import resolutions_visible_to

from .models import ReadingList, Study, TrainingExperience
from .visibility import knowledge_items_visible_to

PER_TOPIC = 3
STILL_OPEN = [ResolutionStatus.OPEN, ResolutionStatus.IN_PROGRESS]


@dataclass
class Topic:
    term: object  # a Hazard or a Phase
    items: list


@dataclass
class ReadingPath:
    city: Organisation
    chosen_by: str  # "query", "membership" or "newest"
    resolutions: list = field(default_factory=list)
    hazards: list = field(default_factory=list)  # Topic per hazard
    phases: list = field(default_factory=list)  # Topic per phase
    checklist: list = field(default_factory=list)  # the city's open follow-up lines
    reading_lists: list = field(default_factory=list)  # (ReadingList, entries the viewer may read)
    cities: list = field(default_factory=list)  # the member cities one may switch to


def newcomer(city_slug, user):
    """The city to build the path for: ?city=, else the member's own city, else the newest member."""
    members = Organisation.objects.filter(is_active=True, kind__in=[OrganisationKind.CITY_OFFICE,
                                                                    OrganisationKind.OTHER])
    if city_slug:
        city = members.filter(slug=city_slug).first()
        if city is not None:
            return city, "query"
    own = roles.organisation_of(user)
    if own is not None and own.is_active and own.kind == OrganisationKind.CITY_OFFICE:
        return own, "membership"
    newest = Organisation.objects.member_metropolises().exclude(joined_on=None).order_by("-joined_on").first()
    return (newest, "newest") if newest else (None, "")


def applicable_resolutions(user):
    """Resolutions every member metropolis owes and that are still open."""
    return list(
        resolutions_visible_to(user)
        .filter(owned_by_all_members=True, status__in=STILL_OPEN)
        .select_related("meeting")
        .order_by("-meeting__number", "number")
    )


def open_lines(city, user):
    visible = resolutions_visible_to(user).exclude(status__in=[ResolutionStatus.CANCELLED,
                                                                      ResolutionStatus.CARRIED_OVER])
    return list(
        FollowUpLine.objects.filter(organisation=city, resolution__in=visible)
        .exclude(status=LineStatus.DONE)
        .select_related("resolution__meeting")
        .order_by("resolution__due_on", "-resolution__meeting__number", "resolution__number")
    )


def best_items(items, city, limit=PER_TOPIC):
    """Most useful first: from the city's own country, then those that answered a resolution, then newest."""
    return list(
        items.annotate(
            elsewhere=Case(When(organisation__country=city.country, then=Value(0)), default=Value(1),
                           output_field=IntegerField()),
            unanswered=Case(When(answers_resolution__isnull=False, then=Value(0)), default=Value(1),
                            output_field=IntegerField()),
        )
        .select_related("organisation")
        .order_by("elsewhere", "unanswered", "-document_date", "-first_published_at")[:limit]
    )


def reading_path(city_slug, user):
    city, chosen_by = newcomer(city_slug, user)
    if city is None:
        return None
    visible_items = knowledge_items_visible_to(user)
    readable = visible_items.type(Study, TrainingExperience).exclude(organisation=city)
    resolutions = applicable_resolutions(user)
    # Hazards the network's open resolutions name come first, then every other hazard with material.
    named = {h.pk for r in resolutions for h in r.hazards.all()}
    hazards = sorted(Hazard.objects.all(), key=lambda h: (h.pk not in named, h.sort_order, h.slug))
    path = ReadingPath(city=city, chosen_by=chosen_by, resolutions=resolutions)
    for hazard in hazards:
        if items := best_items(readable.filter(hazards=hazard).distinct(), city):
            path.hazards.append(Topic(hazard, items))
    for phase in Phase.objects.all():
        if items := best_items(readable.filter(phases=phase).distinct(), city):
            path.phases.append(Topic(phase, items))
    path.checklist = open_lines(city, user)
    for reading_list in ReadingList.objects.filter(show_on_start_page=True).select_related("hazard", "phase"):
        if entries := reading_list.items_for(visible_items):
            path.reading_lists.append((reading_list, entries))
    path.cities = list(Organisation.objects.member_metropolises().order_by("-joined_on", "slug"))
    return path

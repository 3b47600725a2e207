"""Start here: what a newly joined metropolis should read and do first, generated from the content."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When

from portal import roles
from portal.models import Hazard, Organisation, OrganisationKind
from resolutions.models import FollowUpLine, LineStatus, ResolutionStatus
from resolutions.visibility import resolutions_visible_to, sees_follow_up

from .models import ReadingList, Study, TrainingExperience
from .visibility import knowledge_items_visible_to

PER_TOPIC = 3  # items per hazard among the hazard studies
PER_STAGE = 4  # plans, training experiences
STILL_OPEN = [ResolutionStatus.OPEN, ResolutionStatus.IN_PROGRESS]
PLANS = [Study.StudyType.MASTER_PLAN, Study.StudyType.SAFETY_PLAN]


@dataclass
class Stop:
    """One item on the path, with the reading-list entry whose note says why to read it."""

    item: object
    entry: object = None  # a ReadingListEntry (its note: `part_in("note")`), or None


@dataclass
class Stage:
    """A part of the path: a secretariat's reading list, or a kind of material ("plans", "hazards",
    "training")."""

    kind: str
    stops: list
    reading_list: object = None


@dataclass
class ReadingPath:
    city: Organisation
    chosen_by: str  # "query", "membership" or "newest"
    resolutions: list = field(default_factory=list)
    checklist: list = field(default_factory=list)  # the city's open follow-up lines
    shows_lines: bool = False  # each line's own status: members only (resolutions.visibility)
    stages: list = field(default_factory=list)  # Stage, in reading order; each item once
    cities: list = field(default_factory=list)  # the member cities one may switch to

    @property
    def items(self):
        return [stop.item for stage in self.stages for stop in stage.stops]
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
    """The path a newly joined metropolis reads, each item once, in this order:

    1. the secretariat's reading lists, in their curated order: the network chose them for newcomers;
    2. plans (master plans, health-and-safety plans): how members organised their office and ranked
       their hazards, the first thing a new office sets up;
    3. hazard studies, the hazards the network's open resolutions name first (what every member is
       asked to study), then the others;
    4. training experience: teaching residents, volunteers and staff, once the office knows its hazards.
    """
    city, chosen_by = newcomer(city_slug, user)
    if city is None:
        return None
    visible_items = knowledge_items_visible_to(user)
    readable = visible_items.type(Study, TrainingExperience).exclude(organisation=city)
    resolutions = applicable_resolutions(user)
    path = ReadingPath(city=city, chosen_by=chosen_by, resolutions=resolutions, shows_lines=sees_follow_up(user))
    placed = set()

    def stage(kind, items, reading_list=None, entries=None):
        stops = []
        for item, entry in zip(items, entries or [None] * len(items), strict=True):
            if item.pk not in placed:
                placed.add(item.pk)
                stops.append(Stop(item, entry))
        if stops:
            path.stages.append(Stage(kind, stops, reading_list))

    for reading_list in ReadingList.objects.filter(show_on_start_page=True).select_related("hazard", "phase"):
        entries = reading_list.items_for(visible_items)
        stage("reading_list", [entry.item for entry in entries], reading_list, entries)
    studies = Study.objects.filter(pk__in=readable.values("pk"))
    stage("plans", best_items(studies.filter(study_type__in=PLANS).exclude(pk__in=placed), city, PER_STAGE))
    # Hazards the network's open resolutions name come first, then every other hazard with material.
    named = {h.pk for r in resolutions for h in r.hazards.all()}
    hazard_studies = []
    for hazard in sorted(Hazard.objects.all(), key=lambda h: (h.pk not in named, h.sort_order, h.slug)):
        found = best_items(studies.exclude(study_type__in=PLANS).filter(hazards=hazard).exclude(pk__in=placed)
                           .exclude(pk__in=[item.pk for item in hazard_studies]).distinct(), city)
        hazard_studies += found
    stage("hazards", hazard_studies)
    training = TrainingExperience.objects.filter(pk__in=readable.values("pk")).exclude(pk__in=placed)
    stage("training", best_items(training, city, PER_STAGE))
    path.checklist = open_lines(city, user)
    path.cities = list(Organisation.objects.member_metropolises().order_by("-joined_on", "slug"))
    return path

"""The members' workspace: what an organisation owes, what it reported, and what is new to the reader.

A city crisis manager sees the workspace of their own organisation; the secretariat sees any
organisation's (a city filter, with every city's overdue lines counted) and records reports on a
city's behalf. Other apps add sections and news from their AppConfig.ready() (`section`,
`news_source`): knowledge adds the organisation's submissions and the secretariat's decisions on them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import roles
from portal.audiences import MEMBERS
from portal.dates import isolate
from portal.models import Organisation

from .models import FollowUpLine, FollowUpReport, LineStatus
from .models.resolutions import CLOSED_STATUSES, EXPLICIT_STATUSES
from .visibility import resolutions_for, resolutions_visible_to

# --- what other apps add -------------------------------------------------------------------------


@dataclass
class Section:
    name: str
    template: str
    build: object  # function(workspace) -> the template's context (a dict), or None to leave it out
    order: int = 50


SECTIONS = {}
NEWS_SOURCES = []  # function(workspace) -> [News]


def section(name, template, order=50):
    """Register a section of the workspace: `build(workspace)` gives its template's context."""

    def register(build):
        SECTIONS[name] = Section(name=name, template=template, build=build, order=order)
        return build

    return register


def news_source(function):
    """Register what an app has new for the workspace: `function(workspace)` -> [News]."""
    if function not in NEWS_SOURCES:
        NEWS_SOURCES.append(function)
    return function


@dataclass
class News:
    when: datetime
    sentence: str  # what happened, in the reader's language
    url: str = ""
    title: str = ""  # what it is about, as written (a resolution's or an item's words)
    title_language: str = ""


# --- whose workspace -----------------------------------------------------------------------------


@dataclass
class Workspace:
    user: object
    organisation: object  # whose lines and submissions are shown; None for a secretariat without one
    since: datetime  # what happened after this is new to the reader
    today: date = field(default_factory=timezone.localdate)

    @property
    def for_secretariat(self):
        return roles.is_secretariat(self.user)

    @property
    def records_for_owner(self):
        """The secretariat, in a city's workspace, records what that city sent (it is not its own report)."""
        return self.for_secretariat and self.organisation is not None and \
            self.organisation != roles.organisation_of(self.user)


def organisation_for(user, slug=None):
    """A city manager's own organisation; for the secretariat the one asked for, else its own."""
    own = roles.organisation_of(user)
    if not roles.is_secretariat(user):
        return own
    if slug:
        return Organisation.objects.filter(slug=slug).first()
    return own


def organisations_with_lines():
    """Every organisation that owes a line, for the secretariat's city filter."""
    return Organisation.objects.filter(follow_up_lines__isnull=False).distinct().order_by("name_en", "name_fa")


# --- the organisation's open follow-up lines ----------------------------------------------------


def _reports_newest_first():
    return Prefetch("reports", queryset=FollowUpReport.objects.select_related("author", "recorded_by")
                    .prefetch_related("attachments").order_by("-reported_on", "-created_at", "-pk"))


def open_lines_query(organisation, user):
    """The organisation's lines not yet done, on resolutions the reader sees and nobody cancelled or carried over."""
    return (
        FollowUpLine.objects.filter(organisation=organisation, resolution__in=resolutions_visible_to(user))
        .exclude(status=LineStatus.DONE)
        .exclude(resolution__status__in=EXPLICIT_STATUSES)
    )


@dataclass
class LineRow:
    line: object
    overdue: bool
    latest_report: object = None

    @property
    def resolution(self):
        return self.line.resolution


def open_lines(organisation, user, today=None):
    """The rows of the workspace's table: overdue first, then by due date (none last)."""
    today = today or timezone.localdate()
    lines = (open_lines_query(organisation, user)
             .select_related("organisation", "resolution__meeting").prefetch_related(_reports_newest_first()))
    rows = []
    for line in lines:
        reports = list(line.reports.all())
        latest = reports[0] if reports else None
        rows.append(LineRow(line=line, overdue=line.is_overdue_on(today), latest_report=latest))
    rows.sort(key=lambda row: (not row.overdue, row.resolution.due_on is None, row.resolution.due_on or today,
                               row.resolution.meeting.number, row.resolution.number))
    return rows


def reportable_lines(workspace):
    """The lines the workspace's form may report on: the organisation's open lines, if the reader may report on them."""
    user, organisation = workspace.user, workspace.organisation
    if organisation is None:
        return FollowUpLine.objects.none()
    may_report = roles.is_secretariat(user) or (
        roles.is_city_manager(user) and roles.organisation_of(user) == organisation)
    if not may_report:
        return FollowUpLine.objects.none()
    return open_lines_query(organisation, user).select_related("resolution__meeting", "organisation")


# --- the secretariat's overview --------------------------------------------------------------------


@dataclass
class CityCount:
    organisation: object
    open: int
    overdue: int


def counts_per_organisation(today=None):
    """Open and overdue lines per organisation, most overdue first (members' view: every resolution)."""
    today = today or timezone.localdate()
    overdue = Q(resolution__due_on__lt=today) & ~Q(resolution__status__in=CLOSED_STATUSES)
    counted = (
        FollowUpLine.objects.filter(resolution__in=resolutions_for(MEMBERS))
        .exclude(status=LineStatus.DONE).exclude(resolution__status__in=EXPLICIT_STATUSES)
        .values("organisation").annotate(open=Count("pk"), overdue=Count("pk", filter=overdue))
    )
    organisations = Organisation.objects.in_bulk([row["organisation"] for row in counted])
    rows = [CityCount(organisations[row["organisation"]], row["open"], row["overdue"]) for row in counted]
    rows.sort(key=lambda row: (-row.overdue, -row.open, str(row.organisation)))
    return rows


# --- since the last visit ------------------------------------------------------------------------


def _resolution_title(resolution):
    return str(resolution)


def _new_resolution(workspace, resolution):
    words = resolution.text_in()  # in the reader's language where a translation exists
    return News(when=resolution.created_at, url=resolution.get_url(), title=words.summary,
                title_language=words.language,
                sentence=_("New resolution for %(organisation)s: %(resolution)s") % {
                    "organisation": isolate(workspace.organisation.name),
                    "resolution": _resolution_title(resolution)})


@news_source
def new_resolutions(workspace):
    """Resolutions adopted (recorded) since the last visit that name the organisation."""
    if workspace.organisation is None:
        return []
    resolutions = (resolutions_visible_to(workspace.user)
                   .filter(lines__organisation=workspace.organisation, created_at__gt=workspace.since)
                   .select_related("meeting").distinct())
    return [_new_resolution(workspace, resolution) for resolution in resolutions]


@news_source
def reports_by_others(workspace):
    """Reports others posted since the last visit on resolutions the organisation owes a line on."""
    if workspace.organisation is None:
        return []
    shared = resolutions_visible_to(workspace.user).filter(lines__organisation=workspace.organisation)
    reports = (FollowUpReport.objects.filter(line__resolution__in=shared, created_at__gt=workspace.since)
               .exclude(author=workspace.user)
               .select_related("line__organisation", "line__resolution__meeting"))
    return [News(when=report.created_at, url=report.resolution.get_url(),
                 sentence=_("%(organisation)s reported “%(status)s” on %(resolution)s") % {
                     "organisation": isolate(report.organisation.name), "status": report.get_status_display(),
                     "resolution": _resolution_title(report.resolution)})
            for report in reports]


def news(workspace, limit=30):
    items = [item for source in NEWS_SOURCES for item in source(workspace)]
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]


def sections(workspace):
    """The registered sections with their context, in order; those with nothing to show left out."""
    built = []
    for registered in sorted(SECTIONS.values(), key=lambda s: (s.order, s.name)):
        context = registered.build(workspace)
        if context is not None:
            built.append((registered.template, context))
    return built


"""What meetings and resolutions add to the portal's shared pages and services.

Registered once, from ResolutionsConfig.ready(): the organisation page's follow-up lines, the
home page's numbers and latest resolutions, who may download minutes and report attachments,
the secretariat's permissions, the models whose changes refresh cached pages, the meetings index
every network needs (`setup_portal`), and the demo.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from portal import demo, directory, documents, freshness, roles, setup
from portal.audiences import MEMBERS, PUBLIC
from portal.home import LATEST, front_page_list

from . import demo_content
from .models import FollowUpLine, FollowUpReport, MeetingIndexPage, MeetingPage, Resolution
from .visibility import (
    may_see_meeting,
    meetings_for,
    meetings_visible_to,
    resolutions_for,
    resolutions_visible_to,
    sees_follow_up,
)


@dataclass
class OwnedResolution:
    """A resolution the organisation follows up, with its line when the reader sees lines."""

    resolution: Resolution
    line: FollowUpLine | None = None


@dataclass
class OwnedLines:
    """The organisation page's resolutions; each line's own status and closing date only for readers
    who see follow-up lines (`sees_follow_up`, as on the resolution page), not the public."""

    rows: list
    shows_lines: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def owned_lines(organisation, user):
    """The resolutions `user` may read that the organisation follows up, newest meeting first."""
    shows_lines = sees_follow_up(user)
    lines = (
        FollowUpLine.objects.filter(organisation=organisation, resolution__in=resolutions_visible_to(user))
        .select_related("resolution__meeting")
        .order_by("-resolution__meeting__number", "resolution__number")
    )
    return OwnedLines([OwnedResolution(line.resolution, line if shows_lines else None) for line in lines],
                      shows_lines)


def latest_resolution_ids(user):
    resolutions = resolutions_visible_to(user).order_by("-meeting__starts_on", "number")
    return list(resolutions.values_list("pk", flat=True)[:LATEST])


def latest_resolutions(user, ids):
    return freshness.in_order(resolutions_visible_to(user).select_related("meeting"), ids)


class Minutes(documents.DocumentUses):
    """A meeting's minutes are as visible as the meeting (resolutions.visibility)."""

    def public(self):
        return meetings_for(PUBLIC).values("minutes_document")

    def published(self):
        return meetings_for(MEMBERS).values("minutes_document")

    def opened_by(self, document, request):
        meetings = MeetingPage.objects.live().filter(minutes_document=document)
        return any(may_see_meeting(meeting, request.user, request) for meeting in meetings)


class ReportAttachments(documents.DocumentUses):
    @staticmethod
    def _live():
        return FollowUpReport.attachments.through.objects.filter(
            followupreport__line__resolution__meeting__live=True
        ).values("document")

    def public(self):
        """Only what a reporter made public, on a resolution the public reads: the report is members-only."""
        return self._live().filter(
            followupreport__attachments_public=True,
            followupreport__line__resolution__in=resolutions_visible_to(None),
        )

    def published(self):
        return self._live().filter(followupreport__line__resolution__in=resolutions_for(MEMBERS))

    def opened_by(self, document, request):
        """On a meeting this reader opened: members' attachments, or ones made public on a public resolution."""
        reports = FollowUpReport.objects.filter(attachments=document).select_related("line__resolution__meeting")
        return any(
            (sees_follow_up(request.user) or (report.attachments_public and report.line.resolution.is_public))
            and may_see_meeting(report.line.resolution.meeting, request.user, request)
            for report in reports
        )


def setup_meetings(network_setup):
    """The meetings index, at /<lang>/meetings/ where the site's menu links, titled in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Meetings")
    network_setup.pages["meetings"] = setup.ensure_child(network_setup.home, MeetingIndexPage, "meetings",
                                                         title=title)


def demo_meetings(network):
    meetings_index = network.pages["meetings"]
    meetings_index.intro = "<p>نشست‌های شبکه و آنچه در هر یک تصویب شد.</p>"
    meetings_index.save()
    demo.page_intros(meetings_index, {
        "en": "<p>The network's meetings and what each one adopted.</p>",
        "zh-hans": "<p>网络历次会议及每次会议通过的决议。</p>",
        "zh-hant": "<p>網絡歷次會議及每次會議通過的決議。</p>",
    })
    organisations = network.organisations
    meetings = {}
    for data in demo_content.MEETINGS:
        data = dict(data)
        host = organisations[data.pop("host")]
        meeting = demo.upsert_child(meetings_index, MeetingPage, data.pop("slug"), **data)
        meeting.participants.set([host, organisations["network-secretariat"]])
        meeting.save()
        meetings[meeting.number] = meeting

    resolutions = {}
    for number, owners, all_members, follows, public, due, fa, en in demo_content.NINTH_MEETING_RESOLUTIONS:
        resolution, _ = Resolution.objects.update_or_create(
            meeting=meetings[9], number=number,
            defaults=dict(text=fa, language="fa", english_summary=en,
                          simplified_chinese_summary=demo_content.CHINESE_SUMMARIES[number],
                          owned_by_all_members=all_members, is_public=public, due_on=due),
        )
        resolution.owners.set([organisations[slug] for slug in owners])
        resolution.follows_up_meetings.set([meetings[n] for n in follows])
        if number == 2:
            resolution.hazards.set([network.hazards["earthquake"], network.hazards["flood"]])
        resolution.sync_lines()
        resolutions[(9, number)] = resolution

    for number, slug, status, reported_on, text, username in demo_content.REPORTS:
        line = resolutions[(9, number)].lines.get(organisation=organisations[slug])
        author = network.users.get(username)
        if not line.reports.filter(text=text).exists():
            line.record_report(author=author, text=text, status=status, reported_on=reported_on)
        else:
            line.reports.filter(text=text).exclude(author=author).update(author=author)
    network.made["resolutions"] = resolutions


def register():
    directory.profile_part("lines")(owned_lines)
    directory.network_fact("meetings")(lambda user: meetings_visible_to(user).count())
    directory.network_fact("resolutions")(lambda user: resolutions_visible_to(user).count())
    # Every resolution the meetings the reader sees adopted, so a count says "8 public resolutions of 9".
    directory.network_fact("resolutions_adopted")(
        lambda user: Resolution.objects.filter(meeting__in=meetings_visible_to(user)).count())
    front_page_list("latest_resolutions", latest_resolution_ids, latest_resolutions)
    documents.publishes_documents(Minutes())
    documents.publishes_documents(ReportAttachments())
    roles.grant("resolutions", roles.crud("resolution") + roles.crud("followupline") + roles.crud("followupreport"))
    freshness.watch(Resolution, FollowUpLine, FollowUpReport)
    setup.setup_step(10)(setup_meetings)
    demo.demo_step(10)(demo_meetings)

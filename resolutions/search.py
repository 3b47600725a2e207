"""What the search index holds of meetings, resolutions and follow-up reports.

Registered from ResolutionsConfig.ready(). A meeting is a page (indexed on publish); resolutions
and reports are records (indexed on every save) that inherit the meeting's publication and URL,
so they change with it; a report carries its resolution's status, so the resolution changes
with its reports.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audiences import MEMBERS, PUBLIC
from portal.chinese import to_simplified
from portal.dates import local_digits
from portal.textnorm import guess_language
from portal.translations import FIELD_PREFIXES, field_name
from search import registry
from search.prepare import (
    cities,
    date_fields,
    empty_document,
    organisation_ref,
    stored_url,
    texts_of_translations,
    topic_names,
    translated_texts,
)
from search.text import extra_searchable_text, html_blocks, join_text, normalise

from .models import FollowUpReport, MeetingPage, Resolution, ResolutionStatus
from .visibility import meetings_for, reports_for, resolutions_for

MEETING = "meeting"
RESOLUTION = "resolution"
FOLLOW_UP_REPORT = "follow_up_report"

# The status facet's values are the resolutions' statuses.
STATUS_FACET = {"status": dict(ResolutionStatus.choices)}


# --- documents ---------------------------------------------------------------------------------

def seen_by_public(obj, public_rows):
    """Whether the public sees `obj` (resolutions.visibility), as `attach` marked it for its batch."""
    seen = getattr(obj, "seen_by_public", None)
    return public_rows().filter(pk=obj.pk).exists() if seen is None else seen


def marking_public(public_rows):
    """An `attach` step: mark each object of a batch with whether the public sees it, in one query."""
    def attach(objects):
        public = set(public_rows().filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True))
        for obj in objects:
            obj.seen_by_public = obj.pk in public

    return attach


def summary_by_language(meeting):
    """The meeting's language and its summary's fields. The secretariat often writes a summary in
    two languages, a paragraph each: the paragraphs in the meeting's language are its summary, the
    others its translations, so each reader's search hit shows the one in their language (one
    paragraph of both read in the first one's direction)."""
    blocks = html_blocks(meeting.summary)
    language = guess_language(meeting.title) or guess_language(" ".join(blocks))
    own, others = [], {}
    for block in blocks:
        written_in = guess_language(block)
        if written_in in ("", language):
            own.append(block)
            continue
        if written_in == "zh":
            written_in = "zh-hant" if to_simplified(block) != block else "zh-hans"
        others.setdefault(written_in, []).append(block)
    if not own:  # nothing in the meeting's own language: the summary as written, for every reader
        own, others = blocks, {}
    translations = {reader: ("", join_text(*written)) for reader, written in others.items()}
    return language, {
        "summary": join_text(*own),
        "english_summary": translations.get("en", ("", ""))[1],
        **texts_of_translations(translations),
    }


def prepare_meeting(meeting):
    language, summary = summary_by_language(meeting)
    document = empty_document(MEETING, meeting.pk)
    document.update(
        url=stored_url(meeting.get_url),
        title=normalise(meeting.title),
        body=join_text(meeting.host_city, meeting.location),
        extra_text=extra_searchable_text(meeting),
        language=language,
        **summary,
        organisation=[organisation_ref(o) for o in meeting.participants.all()],
        city=cities(meeting.host_city),
        visibility=PUBLIC if seen_by_public(meeting, lambda: meetings_for(PUBLIC)) else MEMBERS,
        live=meeting.live,
        meeting_number=meeting.number,
        **date_fields(meeting.starts_on),
    )
    return document


def resolution_organisations(resolution):
    """The owners, and every organisation holding a follow-up line ("all member metropolises")."""
    organisations = {o.pk: o for o in resolution.owners.all()}
    for line in resolution.lines.all():
        organisations.setdefault(line.organisation_id, line.organisation)
    return sorted(organisations.values(), key=lambda o: o.slug)


def prepare_resolution(resolution):
    meeting = resolution.meeting
    organisations = resolution_organisations(resolution)
    document = empty_document(RESOLUTION, resolution.pk)
    document.update(
        url=stored_url(resolution.get_url),
        body=normalise(resolution.text),
        english_summary=normalise(resolution.english_summary),
        **translated_texts(resolution),
        extra_text=extra_searchable_text(resolution),
        language=resolution.language,
        organisation=[organisation_ref(o) for o in organisations],
        city=cities(meeting.host_city),
        topics=topic_names(resolution.hazards.all()),
        hazards=sorted(h.slug for h in resolution.hazards.all()),
        resolution_status=resolution.status,
        # The internal note is for the secretariat's eyes only: never indexed.
        visibility=PUBLIC if seen_by_public(resolution, lambda: resolutions_for(PUBLIC)) else MEMBERS,
        live=meeting.live,
        meeting_number=meeting.number,
        number=resolution.number,
        **date_fields(meeting.starts_on),
    )
    return document


def prepare_follow_up_report(report):
    line = report.line
    resolution = line.resolution
    organisation = line.organisation
    document = empty_document(FOLLOW_UP_REPORT, report.pk)
    document.update(
        url=stored_url(resolution.get_url),
        body=normalise(report.text),
        extra_text=extra_searchable_text(report),
        language=guess_language(report.text),
        organisation=[organisation_ref(organisation)],
        city=cities(organisation.city),
        hazards=sorted(h.slug for h in resolution.hazards.all()),
        resolution_status=resolution.status,
        visibility=MEMBERS,  # reports are shown on resolution pages to members only
        live=resolution.meeting.live,
        organisation_id=organisation.pk,
        meeting_number=resolution.meeting.number,
        number=resolution.number,
        **date_fields(report.reported_on),
    )
    return document


# --- titles: resolutions and reports have none of their own ---------------------------------------
# Rendered when shown, so they read in the reader's language and digits.

def _numbers(hit):
    return {"meeting": local_digits(hit.meeting_number), "number": local_digits(hit.number)}


def resolution_title(hit):
    return _("Meeting %(meeting)s, resolution %(number)s") % _numbers(hit)


def report_title(hit):
    return _("Follow-up report on meeting %(meeting)s, resolution %(number)s") % _numbers(hit)


# --- which rows are indexable: what members see (resolutions.visibility) ---------------------------
# A meeting behind a group restriction is in no list, so in no index; one behind a login or password
# restriction, with its resolutions, is indexed for members only.

def meetings():
    return meetings_for(MEMBERS).prefetch_related("participants")


def resolutions():
    return (
        resolutions_for(MEMBERS)
        .select_related("meeting")
        .prefetch_related("owners", "hazards", "lines__organisation")
    )


def follow_up_reports():
    return (
        reports_for(MEMBERS)
        .select_related("line__organisation", "line__resolution__meeting")
        .prefetch_related("line__resolution__hazards")
    )


def numbered(meeting_lookup, number_lookup=None):
    """The database search's filter of the rows a query names by number (registry.IndexedType.numbered):
    a meeting by its ordinal; a resolution, or a report on it, by its meeting's and its own number."""
    def rows(meetings, resolutions):
        named = Q(**{f"{meeting_lookup}__in": meetings}) if meetings else Q()
        if not number_lookup:  # a meeting: named by its ordinal, or not at all
            return named if meetings else Q(pk__in=[])
        return named & Q(**{f"{number_lookup}__in": resolutions}) if resolutions else named

    return rows


def report_attachments(report):
    return report.attachments.order_by("pk")


def register():
    registry.register(
        registry.IndexedType(
            name=MEETING,
            model=MeetingPage,
            label=gettext_lazy("Meeting"),
            prepare=prepare_meeting,
            indexable=meetings,
            members_only=lambda qs: qs.exclude(pk__in=meetings_for(PUBLIC).values("pk")),
            attach=marking_public(lambda: meetings_for(PUBLIC)),
            indexed_on=registry.PUBLISH,
            # Resolutions and reports inherit the meeting's publication and URL.
            dependents={RESOLUTION: "meeting", FOLLOW_UP_REPORT: "line__resolution__meeting"},
            organisations=("participants",),
            text_lookups=("title", "summary", "host_city", "location"),
            numbered=numbered("number"),
        ),
        registry.IndexedType(
            name=RESOLUTION,
            model=Resolution,
            label=gettext_lazy("Resolution"),
            prepare=prepare_resolution,
            indexable=resolutions,
            members_only=lambda qs: qs.exclude(pk__in=resolutions_for(PUBLIC).values("pk")),
            attach=marking_public(lambda: resolutions_for(PUBLIC)),
            indexed_on=registry.SAVE,
            relations=("owners", "hazards"),
            dependents={FOLLOW_UP_REPORT: "line__resolution"},  # a report carries the resolution's status
            organisations=("owners", "lines__organisation"),
            text_lookups=("text", *(field_name("summary", language) for language in FIELD_PREFIXES)),
            changed_at=("updated_at",),
            facet_labels=STATUS_FACET,
            title=resolution_title,
            numbered=numbered("meeting__number", "number"),
        ),
        registry.IndexedType(
            name=FOLLOW_UP_REPORT,
            model=FollowUpReport,
            label=gettext_lazy("Follow-up report"),
            prepare=prepare_follow_up_report,
            indexable=follow_up_reports,
            members_only=lambda qs: qs.exclude(pk__in=reports_for(PUBLIC).values("pk")),
            indexed_on=registry.SAVE,
            relations=("attachments",),
            dependents={RESOLUTION: ("lines", "line_id")},  # a report moves its resolution's status
            organisations=("line__organisation",),
            attachments=registry.Attachments(documents=report_attachments, lookup="attachments"),
            text_lookups=("text",),
            changed_at=("created_at",),
            facet_labels=STATUS_FACET,
            title=report_title,
            numbered=numbered("line__resolution__meeting__number", "line__resolution__number"),
        ),
    )

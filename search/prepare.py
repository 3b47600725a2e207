"""Turn a model instance into the dictionary the index stores (one function per kind).

Plain functions of the instance: no engine involved, so they are unit-tested on their own.
Which instances are indexed at all is decided in registry.py; these functions describe any
instance they are given.
"""

import datetime

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation

from .text import extra_searchable_text, guess_language, html_to_text, join_text, normalise

PUBLIC = "public"
MEMBERS = "members"

# Model label → document type of the knowledge item kinds.
KNOWLEDGE_TYPES = {
    "knowledge.study": "study",
    "knowledge.trainingexperience": "training_experience",
    "knowledge.experiencereport": "experience_report",
}
MEETING = "meeting"
RESOLUTION = "resolution"
FOLLOW_UP_REPORT = "follow_up_report"


def empty_document(type_name, pk):
    return {
        "type": type_name,
        "pk": pk,
        "url": "",
        "external_id": "",
        "title": "",
        "summary": "",
        "body": "",
        "english_summary": "",
        "extra_text": "",
        "topics": "",
        "language": "",
        "organisation": [],
        "city": [],
        "hazards": [],
        "phases": [],
        "year": None,
        "date": None,
        "resolution_status": None,
        "visibility": MEMBERS,  # the safe default: whoever forgets to set it hides the item
        "live": False,
        "organisation_id": None,
        "meeting_number": None,
        "number": None,
    }


# --- shared pieces ---------------------------------------------------------------------------

def organisation_ref(organisation):
    return {"slug": organisation.slug, "name": join_text(*organisation.all_names())}


def topic_names(*term_lists):
    """Every name of the hazards and phases, so «زلزله», "earthquake" and «地震» find the item."""
    return join_text(*(name for terms in term_lists for term in terms for name in term.names()))


def cities(*values):
    """City facet values: the slug of a known city however it was written, else the text."""
    from portal.models import City

    found = set()
    for value in values:
        if value and value.strip():
            city = City.named(value)
            found.add(city.slug if city else normalise(value))
    return sorted(found)


def date_fields(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    if not value:
        return {"year": None, "date": None}
    return {"year": value.year, "date": value.isoformat()}


def stored_url(get_url):
    """A URL in the site's default language; the search page re-prefixes it for the reader."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            return get_url() or ""
        except Http404:
            return ""


def streamfield_text(page, field_name="body"):
    field = page._meta.get_field(field_name)
    chunks = field.get_searchable_content(getattr(page, field_name))
    return join_text(*(html_to_text(chunk) for chunk in chunks))


# --- one function per kind -------------------------------------------------------------------

def prepare_knowledge_item(item):
    """A Study, TrainingExperience or ExperienceReport (the specific page)."""
    organisation = item.organisation
    document = empty_document(KNOWLEDGE_TYPES[item._meta.label_lower], item.pk)
    document.update(
        url=stored_url(item.get_url),
        external_id=item.external_id,
        title=normalise(item.title),
        summary=normalise(item.summary),
        body=join_text(streamfield_text(item), item.authors),
        english_summary=normalise(item.english_summary),
        extra_text=extra_searchable_text(item),
        language=item.language,
        organisation=[organisation_ref(organisation)],
        city=cities(organisation.city),
        topics=topic_names(item.hazards.all(), item.phases.all()),
        hazards=sorted(h.slug for h in item.hazards.all()),
        phases=sorted(p.slug for p in item.phases.all()),
        visibility=MEMBERS if item.visibility == MEMBERS else PUBLIC,
        live=item.live,
        organisation_id=organisation.pk,
        **date_fields(item.document_date or item.first_published_at),
    )
    return document


def prepare_meeting(meeting):
    summary = html_to_text(meeting.summary)
    document = empty_document(MEETING, meeting.pk)
    document.update(
        url=stored_url(meeting.get_url),
        title=normalise(meeting.title),
        summary=summary,
        body=join_text(meeting.host_city, meeting.location),
        extra_text=extra_searchable_text(meeting),
        language=guess_language(f"{meeting.title} {summary}"),
        organisation=[organisation_ref(o) for o in meeting.participants.all()],
        city=cities(meeting.host_city),
        visibility=PUBLIC,
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
        extra_text=extra_searchable_text(resolution),
        language=resolution.language,
        organisation=[organisation_ref(o) for o in organisations],
        city=cities(meeting.host_city),
        topics=topic_names(resolution.hazards.all()),
        hazards=sorted(h.slug for h in resolution.hazards.all()),
        resolution_status=resolution.status,
        # The internal note is for the secretariat's eyes only: never indexed.
        visibility=PUBLIC if resolution.is_public else MEMBERS,
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

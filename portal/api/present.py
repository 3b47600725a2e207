"""What the API shows of each object, as plain dictionaries (shaped by schemas.py).

Never shown: a resolution's internal note, follow-up reports' texts and authors, people; an
organisation's contact e-mail only to members (the key is left out for the public); follow-up
lines only to members.
"""

import html

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from . import visibility

KIND_NAMES = {
    "knowledge.study": "study",
    "knowledge.trainingexperience": "training_experience",
    "knowledge.experiencereport": "experience_report",
}


class Presenter:
    """Shows objects to one caller; remembers page URLs so a list costs few queries."""

    def __init__(self, request):
        self.request = request
        self.member = visibility.is_member(request.user)
        self._meeting_urls = {}
        self._visible_resolutions = None

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url else ""

    # --- small pieces ----------------------------------------------------------------------

    @staticmethod
    def names(obj):
        return {"fa": obj.name_fa, "en": obj.name_en, "zh": obj.name_zh}

    def organisation_ref(self, organisation):
        return {"slug": organisation.slug, "name": organisation.name, "names": self.names(organisation)}

    def term(self, term):
        return {"slug": term.slug, "name": term.name, "names": self.names(term)}

    def meeting_url(self, meeting):
        if meeting.pk not in self._meeting_urls:
            self._meeting_urls[meeting.pk] = meeting.get_url(self.request) or ""
        return self._meeting_urls[meeting.pk]

    def resolution_url(self, resolution):
        base = self.meeting_url(resolution.meeting)
        if not base:
            return ""
        return self.absolute(base + resolution.meeting.reverse_subpage(
            "resolution", kwargs={"number": resolution.number}))

    def visible_resolution_ids(self):
        if self._visible_resolutions is None:
            self._visible_resolutions = set(
                visibility.resolutions(self.request.user).values_list("pk", flat=True)
            )
        return self._visible_resolutions

    def resolution_ref(self, resolution):
        """A link to another resolution, only if the caller may see it."""
        if resolution is None or resolution.pk not in self.visible_resolution_ids():
            return None
        return {"id": resolution.pk, "meeting": resolution.meeting.number, "number": resolution.number}

    # --- organisations ---------------------------------------------------------------------

    def organisation(self, organisation):
        data = {
            "slug": organisation.slug,
            "name": organisation.name,
            "names": self.names(organisation),
            "kind": organisation.kind,
            "city": organisation.city,
            "country": organisation.country,
            "joined_on": organisation.joined_on,
            "is_active": organisation.is_active,
            "website": organisation.website,
            "url": self.absolute(reverse("organisation", args=[organisation.slug])),
        }
        if self.member:
            data["contact_email"] = organisation.contact_email
        return data

    def organisations(self, organisations):
        return [self.organisation(o) for o in organisations]

    # --- meetings --------------------------------------------------------------------------

    def meeting_summary(self, meeting):
        return {
            "number": meeting.number,
            "title": meeting.title,
            "host_city": meeting.host_city,
            "location": meeting.location,
            "starts_on": meeting.starts_on,
            "ends_on": meeting.ends_on,
            "url": self.absolute(self.meeting_url(meeting)),
        }

    def meeting(self, meeting, resolution_count):
        return self.meeting_summary(meeting) | {
            "summary": html.unescape(normalize_newlines(strip_tags(meeting.summary or ""))).strip(),
            "participants": [self.organisation_ref(o) for o in meeting.participants.all()],
            "resolution_count": resolution_count,
        }

    def meetings(self, meetings):
        counts = {}
        for meeting_id in visibility.resolutions(self.request.user).filter(
            meeting__in=[m.pk for m in meetings]
        ).values_list("meeting_id", flat=True):
            counts[meeting_id] = counts.get(meeting_id, 0) + 1
        return [self.meeting(m, counts.get(m.pk, 0)) for m in meetings]

    # --- resolutions -----------------------------------------------------------------------

    def resolution(self, resolution):
        data = {
            "id": resolution.pk,
            "meeting": self.meeting_summary(resolution.meeting),
            "number": resolution.number,
            "text": resolution.text,
            "language": resolution.language,
            "english_summary": resolution.english_summary,
            "owners": [self.organisation_ref(o) for o in resolution.owners.all()],
            "owned_by_all_members": resolution.owned_by_all_members,
            "status": resolution.status,
            "status_label": str(resolution.get_status_display()),
            "due_on": resolution.due_on,
            "overdue": resolution.is_overdue,
            "closed_on": resolution.closed_on,
            "is_public": resolution.is_public,
            "hazards": [self.term(h) for h in resolution.hazards.all()],
            "carried_over_to": self.resolution_ref(resolution.carried_over_to),
            "url": self.resolution_url(resolution),
        }
        if self.member:
            data["lines"] = [
                {"organisation": self.organisation_ref(line.organisation), "status": line.status,
                 "closed_on": line.closed_on}
                for line in resolution.lines.all()
            ]
        return data

    def resolutions(self, resolutions):
        return [self.resolution(r) for r in resolutions]

    # --- knowledge items -------------------------------------------------------------------

    def knowledge_item(self, item):
        return {
            "id": item.pk,
            "type": KIND_NAMES.get(item._meta.label_lower, "study"),
            "type_label": str(item.kind_label),
            "title": item.title,
            "summary": item.summary,
            "english_summary": item.english_summary,
            "authors": item.authors,
            "language": item.language,
            "document_date": item.document_date,
            "year": item.year,
            "organisation": self.organisation_ref(item.organisation),
            "hazards": [self.term(h) for h in item.hazards.all()],
            "phases": [self.term(p) for p in item.phases.all()],
            "audience": item.audience,
            "visibility": item.visibility,
            "source_url": item.source_url,
            "answers_resolution": self.resolution_ref(item.answers_resolution),
            "first_published_at": item.first_published_at,
            "last_published_at": item.last_published_at,
            "study_type": getattr(item, "study_type", None),
            "people_trained": getattr(item, "people_trained", None),
            "event_date": getattr(item, "event_date", None),
            "documents": [
                {"title": d.display_title, "url": self.absolute(d.document.url)}
                for d in item.documents.all()
            ],
            "url": self.absolute(item.get_url(self.request)),
        }

    def knowledge_items(self, items):
        return [self.knowledge_item(i) for i in items]

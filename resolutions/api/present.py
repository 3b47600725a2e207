"""What the API shows of meetings and resolutions (shaped by portal/api/schemas.py).

Never shown: a resolution's internal note, follow-up reports' texts and authors; follow-up lines
only to members.
"""

import html
from collections import Counter

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from portal.api.present import Presenter, translations

from ..models import Resolution
from ..visibility import resolutions_visible_to


class ResolutionPresenter(Presenter):
    def __init__(self, request):
        super().__init__(request)
        self._meeting_urls = {}
        self._visible_resolutions = None

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
                resolutions_visible_to(self.request.user).values_list("pk", flat=True)
            )
        return self._visible_resolutions

    def resolution_ref(self, resolution):
        """A link to another resolution, only if the caller may see it."""
        if resolution is None or resolution.pk not in self.visible_resolution_ids():
            return None
        return {"id": resolution.pk, "meeting": resolution.meeting.number, "number": resolution.number}

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

    def meeting(self, meeting, resolution_count, adopted_count):
        return self.meeting_summary(meeting) | {
            "summary": html.unescape(normalize_newlines(strip_tags(meeting.summary or ""))).strip(),
            "participants": [self.organisation_ref(o) for o in meeting.participants.all()],
            "resolution_count": resolution_count,
            "adopted_count": adopted_count,
        }

    def meetings(self, meetings):
        ids = [m.pk for m in meetings]
        counts = Counter(resolutions_visible_to(self.request.user).filter(meeting__in=ids)
                         .values_list("meeting_id", flat=True))
        adopted = Counter(Resolution.objects.filter(meeting__in=ids).values_list("meeting_id", flat=True))
        return [self.meeting(m, counts.get(m.pk, 0), adopted.get(m.pk, 0)) for m in meetings]

    # --- resolutions -----------------------------------------------------------------------

    def resolution(self, resolution):
        data = {
            "id": resolution.pk,
            "meeting": self.meeting_summary(resolution.meeting),
            "number": resolution.number,
            "text": resolution.text,
            "language": resolution.language,
            "english_summary": resolution.english_summary,
            "translations": translations(resolution),
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

"""Atom feeds of what the public may see, under each interface language (/fa/feeds/…, /en/feeds/…):

- /<lang>/feeds/resolutions/            new public resolutions;
- /<lang>/feeds/resolutions/status/     status changes of public resolutions (from their history);
- /<lang>/feeds/knowledge/              new public knowledge items;
- /<lang>/feeds/knowledge/<hazard>/     the same about one hazard (also ?hazard=<slug>, which the
                                        resolution feeds accept too).

Only what `portal.api.visibility` shows an anonymous reader: no members-only or draft content, no
internal notes, no history reasons or people, no e-mail addresses.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.api import visibility
from portal.api.schemas import SLUG_PATTERN
from portal.models import Hazard
from resolutions.models import Resolution, ResolutionStatus

LIMIT = 30
SLUG = re.compile(SLUG_PATTERN)


def home_url():
    return f"/{get_language()}/"


def resolution_link(resolution):
    try:
        return resolution.get_url()
    except Http404:  # the meeting page has no URL on any site
        return home_url()


def public_resolutions(hazard=None):
    qs = visibility.resolutions(AnonymousUser()).select_related("meeting")
    return qs.filter(hazards=hazard) if hazard is not None else qs


@dataclass
class StatusChange:
    resolution: Resolution
    history_id: int
    when: datetime
    old: str
    new: str


def status_label(value):
    return str(dict(ResolutionStatus.choices).get(value, value))


def public_status_changes(hazard=None, limit=LIMIT):
    """Changes of status recorded in the history of resolutions the public sees, newest first.

    A change counts only if the resolution was public when it happened.
    """
    visible = public_resolutions(hazard)
    rows = (
        Resolution.history.filter(id__in=visible.values("pk"))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_id", "history_date", "status", "is_public", "history_type")
    )
    changes, previous = [], {}
    for resolution_id, history_id, when, status, is_public, history_type in rows:
        before = previous.get(resolution_id)
        previous[resolution_id] = status
        if history_type == "~" and before is not None and before != status and is_public:
            changes.append((when, history_id, resolution_id, before, status))
    changes.sort(reverse=True)
    changes = changes[:limit]
    resolutions = visible.in_bulk([c[2] for c in changes])
    return [
        StatusChange(resolution=resolutions[rid], history_id=hid, when=when, old=old, new=new)
        for when, hid, rid, old, new in changes
    ]


class PlainTextAtomFeed(Atom1Feed):
    """Entry summaries typed as text: ours are plain text, and as Django's default "html" a reader
    would run a summary's "<img onerror=…>" as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class PortalFeed(Feed):
    feed_type = PlainTextAtomFeed

    def get_object(self, request, hazard=None):
        slug = hazard or request.GET.get("hazard")
        if not slug:
            return None
        if not SLUG.match(slug):
            raise Http404
        return get_object_or_404(Hazard, slug=slug)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["id"] = feed.feed["feed_url"] or feed.feed["id"]  # each feed its own Atom id
        return feed

    def link(self, obj):
        return home_url()

    def feed_url(self, obj):
        url = reverse(f"feeds:{self.url_name}")
        return f"{url}?hazard={obj.slug}" if obj is not None else url

    def subtitle(self, obj):
        return self.description(obj)

    def with_hazard(self, title, obj):
        if obj is None:
            return title
        return _("%(feed)s: %(hazard)s") % {"feed": title, "hazard": obj.name}


class NewResolutionsFeed(PortalFeed):
    url_name = "resolutions"

    def title(self, obj):
        return self.with_hazard(_("New resolutions of the network"), obj)

    def description(self, obj):
        return _("Resolutions the network's meetings adopted and made public, newest first.")

    def items(self, obj):
        return public_resolutions(obj).order_by("-created_at", "-pk")[:LIMIT]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        parts = [item.text]
        if item.english_summary and item.language != "en":
            parts.append(item.english_summary)
        parts.append(_("Status: %(status)s") % {"status": item.get_status_display()})
        return "\n\n".join(parts)

    def item_link(self, item):
        return resolution_link(item)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class StatusChangesFeed(PortalFeed):
    url_name = "status_changes"

    def title(self, obj):
        return self.with_hazard(_("Follow-up of the network's resolutions"), obj)

    def description(self, obj):
        return _("Changes of status of public resolutions, newest first.")

    def items(self, obj):
        return public_status_changes(obj)

    def item_title(self, item):
        return _("%(resolution)s: %(old)s → %(new)s") % {
            "resolution": item.resolution, "old": status_label(item.old), "new": status_label(item.new),
        }

    def item_description(self, item):
        return item.resolution.text

    def item_link(self, item):
        return resolution_link(item.resolution)

    def item_guid(self, item):
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'resolution-status-change/{item.history_id}')}"

    def item_pubdate(self, item):
        return item.when

    def item_updateddate(self, item):
        return item.when


class NewKnowledgeFeed(PortalFeed):
    url_name = "knowledge"

    def feed_url(self, obj):
        if obj is None:
            return reverse("feeds:knowledge")
        return reverse("feeds:knowledge_hazard", args=[obj.slug])

    def title(self, obj):
        return self.with_hazard(_("What the network's cities share"), obj)

    def description(self, obj):
        return _("New public studies, training experiences and experience reports, newest first.")

    def items(self, obj):
        qs = visibility.knowledge_items(AnonymousUser())
        if obj is not None:
            qs = qs.filter(hazards=obj)
        qs = qs.order_by("-first_published_at", "-pk").specific()
        return qs.prefetch_related("organisation", "hazards")[:LIMIT]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url or home_url()

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [str(item.kind_label)] + [hazard.name for hazard in item.hazards.all()]

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


urlpatterns = [
    path("resolutions/", NewResolutionsFeed(), name="resolutions"),
    path("resolutions/status/", StatusChangesFeed(), name="status_changes"),
    path("knowledge/", NewKnowledgeFeed(), name="knowledge"),
    path("knowledge/<slug:hazard>/", NewKnowledgeFeed(), name="knowledge_hazard"),
]

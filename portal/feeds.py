"""Atom feeds of what the public may see, under each interface language (/fa/feeds/…, /en/feeds/…).

The ground's part: the feed type and what every feed shares (its hazard filter, links, ids).
Each app defines its feeds (resolutions/feeds.py, knowledge/feeds.py) with their URL patterns;
portal/urls.py mounts them under /<lang>/feeds/. A feed shows only what its app's visibility
function shows an anonymous reader: no members-only or draft content, no internal notes, no
history reasons or people, no e-mail addresses. Every link and id starts with PORTAL_BASE_URL.
"""

import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.addresses import absolute_url
from portal.api.schemas import SLUG_PATTERN
from portal.models import Hazard

LIMIT = 30
SLUG = re.compile(SLUG_PATTERN)


def home_url():
    return absolute_url(f"/{get_language()}/")


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
        return absolute_url(f"{url}?hazard={obj.slug}" if obj is not None else url)

    def subtitle(self, obj):
        return self.description(obj)

    def with_hazard(self, title, obj):
        if obj is None:
            return title
        return _("%(feed)s: %(hazard)s") % {"feed": title, "hazard": obj.name}

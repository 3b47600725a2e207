"""Feeds of public resolutions: /<lang>/feeds/resolutions/ (new ones) and
/<lang>/feeds/resolutions/status/ (status changes, from their history); ?hazard=<slug> narrows both."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _

from portal.addresses import absolute_url
from portal.feeds import LIMIT, PortalFeed, home_url

from .models import Resolution, ResolutionStatus
from .visibility import resolutions_visible_to


def resolution_link(resolution):
    try:
        return absolute_url(resolution.get_url())
    except Http404:  # the meeting page has no URL on any site
        return home_url()


def public_resolutions(hazard=None):
    qs = resolutions_visible_to(AnonymousUser()).select_related("meeting")
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
        # The summary people wrote in the feed's language first, as on the resolution's page.
        words = item.text_in()
        parts = [words.summary, item.text] if words.is_translation else [item.text]
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


urlpatterns = [
    path("resolutions/", NewResolutionsFeed(), name="resolutions"),
    path("resolutions/status/", StatusChangesFeed(), name="status_changes"),
]

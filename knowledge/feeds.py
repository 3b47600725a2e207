"""Feeds of public knowledge items: /<lang>/feeds/knowledge/ and /<lang>/feeds/knowledge/<hazard>/."""

from django.contrib.auth.models import AnonymousUser
from django.urls import path, reverse
from django.utils.translation import gettext as _

from portal.addresses import absolute_url
from portal.feeds import LIMIT, PortalFeed, home_url

from .visibility import knowledge_items_visible_to


class NewKnowledgeFeed(PortalFeed):
    url_name = "knowledge"

    def feed_url(self, obj):
        if obj is None:
            return absolute_url(reverse("feeds:knowledge"))
        return absolute_url(reverse("feeds:knowledge_hazard", args=[obj.slug]))

    def title(self, obj):
        return self.with_hazard(_("What the network's cities share"), obj)

    def description(self, obj):
        return _("New public studies, training experiences and experience reports, newest first.")

    def items(self, obj):
        qs = knowledge_items_visible_to(AnonymousUser())
        if obj is not None:
            qs = qs.filter(hazards=obj)
        qs = qs.order_by("-first_published_at", "-pk").specific()
        return qs.prefetch_related("organisation", "hazards")[:LIMIT]

    # The title and summary people wrote in the feed's language, as on the item's page; else the original.
    def item_title(self, item):
        return item.text_in().title

    def item_description(self, item):
        words = item.text_in()
        return "\n\n".join([words.summary, item.summary]) if words.is_translation else item.summary

    def item_link(self, item):
        return absolute_url(item.url) or home_url()

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [str(item.kind_label)] + [hazard.name for hazard in item.hazards.all()]

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


urlpatterns = [
    path("knowledge/", NewKnowledgeFeed(), name="knowledge"),
    path("knowledge/<slug:hazard>/", NewKnowledgeFeed(), name="knowledge_hazard"),
]

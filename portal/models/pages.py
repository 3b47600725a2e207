from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

LATEST = 6


def front_page_contents(user):
    """What the home page shows `user`'s audience: the network's numbers and the newest ids.

    Plain numbers and ids (the same in every language), cached by the page.
    """
    from knowledge.models import KnowledgeItem
    from portal.directory import network_facts
    from resolutions.models import Resolution

    resolutions = Resolution.objects.visible_to(user).order_by("-meeting__starts_on", "number")
    items = KnowledgeItem.objects.visible_to(user)
    # "Published by now" holds for every item with a publication date; the range lets SQLite read
    # them newest first through the publication-date index instead of sorting all of them.
    item_ids = list(
        items.filter(first_published_at__lte=timezone.now())
        .order_by("-first_published_at").values_list("pk", flat=True)[:LATEST]
    )
    if len(item_ids) < LATEST:  # then those live without one (made live directly, e.g. the demo)
        undated = items.filter(first_published_at__isnull=True).order_by("-pk")
        item_ids += undated.values_list("pk", flat=True)[:LATEST - len(item_ids)]
    return {
        "facts": network_facts(user),
        "resolution_ids": list(resolutions.values_list("pk", flat=True)[:LATEST]),
        "item_ids": item_ids,
    }


class HomePage(Page):
    """The front door: what the network is, what it decided lately, what cities learned."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from knowledge.models import KnowledgeItem
        from portal import freshness
        from resolutions.models import Resolution

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        contents = freshness.remember(
            "home", user, lambda: front_page_contents(user), per_language=False
        )
        context["facts"] = contents["facts"]
        # The rows themselves are read again (by primary key, and only if still visible): cheap,
        # and what the page shows in any language is built from today's rows.
        context["latest_resolutions"] = freshness.in_order(
            Resolution.objects.visible_to(user).select_related("meeting"), contents["resolution_ids"]
        )
        context["recent_knowledge"] = freshness.in_order(
            KnowledgeItem.objects.visible_to(user).select_related("organisation"), contents["item_ids"]
        )
        return context

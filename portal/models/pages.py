from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


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
        from resolutions.models import Resolution

        context = super().get_context(request, *args, **kwargs)
        context["latest_resolutions"] = Resolution.objects.visible_to(request.user).select_related(
            "meeting"
        ).order_by("-meeting__starts_on", "number")[:6]
        context["recent_knowledge"] = (
            KnowledgeItem.objects.visible_to(request.user)
            .select_related("organisation")
            .order_by("-first_published_at")[:6]
        )
        return context

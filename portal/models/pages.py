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

    # What the page shows beyond its fields: portal/home.py registers it from PortalConfig.ready(),
    # so that this model imports no page logic.
    contents = None

    @classmethod
    def show(cls, contents):
        cls.contents = staticmethod(contents)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.contents(request))
        return context

from django import forms
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.models.pages import TranslatedPage, translations_panel


class MeetingIndexPage(TranslatedPage, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro"), translations_panel("title", "intro")]
    default_title = gettext_noop("Meetings")  # as setup_portal titles it (contributions.setup_meetings)
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["resolutions.MeetingPage"]
    max_count = 1

    class Meta:
        verbose_name = _("meetings index")

    def get_context(self, request, *args, **kwargs):
        from ..visibility import meetings_visible_to

        context = super().get_context(request, *args, **kwargs)
        context["meetings"] = meetings_visible_to(request.user).child_of(self).order_by("-number")
        return context


class MeetingPage(RoutablePageMixin, Page):
    """One periodic meeting of the network, with the resolutions it adopted."""

    number = models.PositiveSmallIntegerField(
        _("ordinal number"), unique=True, help_text=_("9 for the 9th meeting.")
    )
    host_city = models.CharField(_("host city"), max_length=120)
    location = models.CharField(_("venue"), max_length=255, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    participants = ParentalManyToManyField(
        "portal.Organisation", blank=True, related_name="meetings", verbose_name=_("participants")
    )
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("host_city"), FieldPanel("location")]),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("participants", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("minutes_document"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("number")]
    parent_page_types = ["resolutions.MeetingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-number"]

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})

    def get_context(self, request, *args, **kwargs):
        from ..visibility import resolutions_of_meeting

        context = super().get_context(request, *args, **kwargs)
        resolutions = list(
            resolutions_of_meeting(self, request.user).prefetch_related("owners", "lines__organisation")
        )
        context["resolutions"] = resolutions
        context.update(self.resolution_counts(resolutions))
        return context

    def resolution_counts(self, shown):
        """What a list of this meeting's resolutions says it holds: how many of how many adopted, and
        the numbers it leaves out (internal resolutions), so that no gap in the numbering is silent."""
        by_number = {resolution.number: resolution for resolution in shown}
        adopted = list(self.resolutions.order_by("number").values_list("number", flat=True))
        return {"adopted_count": len(adopted), "shown_count": len(by_number),
                "hidden_numbers": [n for n in adopted if n not in by_number],
                # (number, resolution or None for one the reader may not see), in the minutes' order
                "numbered": [(n, by_number.get(n)) for n in adopted]}

    # The view that shows one resolution: resolutions.views registers it (serve_resolutions_with),
    # so that this model does not import a view.
    resolution_page = None

    @classmethod
    def serve_resolutions_with(cls, view):
        cls.resolution_page = staticmethod(view)

    @path("resolutions/<int:number>/", name="resolution")
    def resolution_view(self, request, number):
        from ..visibility import resolutions_of_meeting

        resolution = get_object_or_404(resolutions_of_meeting(self, request.user), number=number)
        return self.resolution_page(request, resolution)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            for resolution in self.resolutions.filter(is_public=True).only("number", "updated_at"):
                urls.append({
                    "location": base + self.reverse_subpage("resolution", kwargs={"number": resolution.number}),
                    "lastmod": resolution.updated_at,
                })
        return urls

    def resolution_url(self, number):
        url = self.get_url()
        if url is None:
            raise Http404
        return url + self.reverse_subpage("resolution", kwargs={"number": number})

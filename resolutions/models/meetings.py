from django import forms
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class MeetingIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["resolutions.MeetingPage"]
    max_count = 1

    class Meta:
        verbose_name = _("meetings index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["meetings"] = MeetingPage.objects.child_of(self).live().order_by("-number")
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
        context = super().get_context(request, *args, **kwargs)
        context["resolutions"] = (
            self.resolutions.visible_to(request.user).prefetch_related("owners", "lines__organisation")
        )
        return context

    # The view that shows one resolution: resolutions.views registers it (serve_resolutions_with),
    # so that this model does not import a view.
    resolution_page = None

    @classmethod
    def serve_resolutions_with(cls, view):
        cls.resolution_page = staticmethod(view)

    @path("resolutions/<int:number>/", name="resolution")
    def resolution_view(self, request, number):
        resolution = get_object_or_404(self.resolutions.visible_to(request.user), number=number)
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

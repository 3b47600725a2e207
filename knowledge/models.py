from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.addresses import MAX_URL_LENGTH
from portal.audiences import Audience
from portal.models.pages import TranslatedPage, translations_panel
from portal.translation_panels import TRANSLATIONS_HELP
from portal.translation_panels import translations_panel as translated_texts_panel
from portal.translations import Translated, WordsPerLanguage

from .admin_forms import KnowledgeItemAdminForm

DOCUMENT_LANGUAGES = [("fa", "فارسی"), ("en", "English"), ("zh", "中文"), ("other", _("Other"))]


class Readership(models.TextChoices):
    """Whom an item is written for (not who may see it: that is its visibility)."""

    SPECIALISTS = "specialists", _("Specialists")
    PUBLIC = "public", _("The public")
    BOTH = "both", _("Specialists and the public")


# A knowledge item is shown to one audience (the portal's one definition of them).
Visibility = Audience


# What a page shows beyond its own fields (the listing, related items, the citation), added by the
# modules that compute it: they register here from KnowledgeConfig.ready(), so that the models
# import none of them. {page class: [function(page, request) -> dict of context]}
PAGE_CONTEXT = {}


def adds_to_context(page_class):
    def register(function):
        PAGE_CONTEXT.setdefault(page_class, []).append(function)
        return function

    return register


def registered_context(page, request):
    context = {}
    for page_class in type(page).__mro__:
        for function in PAGE_CONTEXT.get(page_class, []):
            context.update(function(page, request))
    return context


class KnowledgeIndexPage(TranslatedPage, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), translations_panel("title", "intro")]
    default_title = gettext_noop("Knowledge")  # as setup_portal titles it (contributions.setup_knowledge)
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.Study", "knowledge.TrainingExperience", "knowledge.ExperienceReport"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(registered_context(self, request))  # the listing (browsing.py)
        return context


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", label=_("Heading"))
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    image = ImageBlock(required=False, label=_("Image"))


class KnowledgeItem(Translated, Page):
    """What a city learned and shares: the fields every kind of knowledge item has."""

    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="knowledge_items",
        verbose_name=_("submitting organisation"),
    )
    authors = models.CharField(_("authors"), max_length=255, blank=True)
    language = models.CharField(_("document language"), max_length=10, choices=DOCUMENT_LANGUAGES,
                                default="fa")
    document_date = models.DateField(_("date of the document"), null=True, blank=True)
    hazards = ParentalManyToManyField("portal.Hazard", blank=True, verbose_name=_("hazards"))
    phases = ParentalManyToManyField("portal.Phase", blank=True, verbose_name=_("phases"))
    audience = models.CharField(_("audience"), max_length=20, choices=Readership.choices,
                                default=Readership.SPECIALISTS)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    summary = models.TextField(_("summary"))
    # Title and summary in each interface language, as people wrote them (portal.translations; `text_in`).
    persian_title = models.CharField(_("Persian title"), max_length=255, blank=True)
    persian_summary = models.TextField(_("Persian summary"), blank=True)
    english_title = models.CharField(_("English title"), max_length=255, blank=True)
    english_summary = models.TextField(_("English summary"), blank=True)
    simplified_chinese_title = models.CharField(_("Simplified Chinese title"), max_length=255, blank=True)
    simplified_chinese_summary = models.TextField(_("Simplified Chinese summary"), blank=True)
    traditional_chinese_title = models.CharField(_("Traditional Chinese title"), max_length=255, blank=True)
    traditional_chinese_summary = models.TextField(_("Traditional Chinese summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    answers_resolution = models.ForeignKey(
        "resolutions.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="answers", verbose_name=_("answers resolution"),
    )
    # Archives' addresses run long once Persian or Chinese words are percent-encoded.
    source_url = models.URLField(_("source"), max_length=MAX_URL_LENGTH, blank=True)
    external_id = models.CharField(_("external id"), max_length=120, blank=True, db_index=True)

    kind_label = _("Knowledge item")
    is_creatable = False
    base_form_class = KnowledgeItemAdminForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("authors"), FieldPanel("document_date")]),
                FieldRowPanel([FieldPanel("language"), FieldPanel("audience"), FieldPanel("visibility")]),
            ],
            heading=_("About this item"),
        ),
        FieldPanel("summary"),
        translated_texts_panel(["title", "summary"], heading=_("Title and summary in each interface language"),
                               help_text=TRANSLATIONS_HELP),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Documents")),
        FieldRowPanel([
            FieldPanel("hazards", widget=forms.CheckboxSelectMultiple),
            FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
        ]),
        FieldPanel("answers_resolution"),
        FieldPanel("source_url"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("english_summary"),
        index.SearchField("body"),
        index.FilterField("visibility"),
        index.FilterField("language"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge item")
        # The listing's order (newest document first), read through the index with the
        # visibility beside it: a page of 100,000 items without sorting them all.
        indexes = [models.Index(fields=["document_date", "visibility"], name="knowledge_date_visibility")]

    @property
    def kind(self):
        return self.specific_class.__name__ if self.specific_class else type(self).__name__

    def serve(self, request, *args, **kwargs):
        from .visibility import may_read_item  # the one rule (knowledge.visibility)

        if not may_read_item(self, request.user, request):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.visibility == Visibility.PUBLIC else []

    @property
    def dated(self):
        """The item's date: the document's own, else its publication."""
        return self.document_date or self.first_published_at

    @property
    def year(self):
        return self.dated.year if self.dated else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(registered_context(self, request))  # related items, the citation
        return context

    # --- title and summary in the reader's language (portal.translations) ------------------

    translated_parts = ("title", "summary")

    def original_parts(self):
        return {"title": self.title, "summary": self.summary}


class KnowledgeDocument(Orderable):
    page = ParentalKey(KnowledgeItem, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("document"))
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title


class Study(KnowledgeItem):
    """A hazard study, master plan or health-and-safety plan."""

    class StudyType(models.TextChoices):
        HAZARD_STUDY = "hazard_study", _("Hazard study")
        MASTER_PLAN = "master_plan", _("Master plan")
        SAFETY_PLAN = "safety_plan", _("Health and safety plan")
        OTHER = "other", _("Other study")

    study_type = models.CharField(_("type of study"), max_length=20, choices=StudyType.choices,
                                  default=StudyType.HAZARD_STUDY)
    kind_label = _("Study")
    content_panels = KnowledgeItem.content_panels[:1] + [FieldPanel("study_type")] + KnowledgeItem.content_panels[1:]
    is_creatable = True
    template = "knowledge/knowledge_item.html"

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")


class TrainingExperience(KnowledgeItem):
    """Public education, drills, safe-community programmes: what was taught and how it went."""

    people_trained = models.PositiveIntegerField(_("people trained"), null=True, blank=True)
    kind_label = _("Training experience")
    content_panels = (
        KnowledgeItem.content_panels[:1] + [FieldPanel("people_trained")] + KnowledgeItem.content_panels[1:]
    )
    is_creatable = True
    template = "knowledge/knowledge_item.html"

    class Meta:
        verbose_name = _("training experience")
        verbose_name_plural = _("training experiences")


class ExperienceReport(KnowledgeItem):
    """Lessons learned from a real event."""

    event_date = models.DateField(_("date of the event"), null=True, blank=True)
    kind_label = _("Experience report")
    content_panels = KnowledgeItem.content_panels[:1] + [FieldPanel("event_date")] + KnowledgeItem.content_panels[1:]
    is_creatable = True
    template = "knowledge/knowledge_item.html"

    class Meta:
        verbose_name = _("experience report")
        verbose_name_plural = _("experience reports")


READING_LIST_HELP = _(
    "What readers of each interface language see; a language left empty shows the words above as they are "
    "written. Traditional Chinese readers get the Simplified words in Traditional characters unless some are "
    "written for them."
)


class ReadingList(WordsPerLanguage, ClusterableModel):
    """A reading list the secretariat curates for newcomers: an ordered choice of knowledge items."""

    title = models.CharField(_("title"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True)
    # The title and introduction for each interface language's readers (portal.translations).
    persian_title = models.CharField(_("Persian title"), max_length=255, blank=True)
    persian_introduction = models.TextField(_("Persian introduction"), blank=True)
    english_title = models.CharField(_("English title"), max_length=255, blank=True)
    english_introduction = models.TextField(_("English introduction"), blank=True)
    simplified_chinese_title = models.CharField(_("Simplified Chinese title"), max_length=255, blank=True)
    simplified_chinese_introduction = models.TextField(_("Simplified Chinese introduction"), blank=True)
    traditional_chinese_title = models.CharField(_("Traditional Chinese title"), max_length=255, blank=True)
    traditional_chinese_introduction = models.TextField(_("Traditional Chinese introduction"), blank=True)
    hazard = models.ForeignKey("portal.Hazard", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("hazard"))
    phase = models.ForeignKey("portal.Phase", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("phase"))
    sort_order = models.PositiveSmallIntegerField(_("order on the Start-here page"), default=0)
    show_on_start_page = models.BooleanField(_("show on the Start-here page"), default=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        translated_texts_panel(["title", "introduction"], heading=_("In each interface language"),
                               help_text=READING_LIST_HELP, missing=False),
        FieldRowPanel([FieldPanel("hazard"), FieldPanel("phase")]),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("show_on_start_page")]),
        InlinePanel("entries", label=_("Items"), min_num=1),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("reading list")
        verbose_name_plural = _("reading lists")

    def __str__(self):
        return self.title

    def items_for(self, readable):
        """The list's entries whose items are among `readable` (what the reader may read, as
        knowledge.visibility answers), in the curated order."""
        readable_ids = set(readable.filter(pk__in=self.entries.values("item")).values_list("pk", flat=True))
        return [entry for entry in self.entries.select_related("item") if entry.item_id in readable_ids]


class ReadingListEntry(WordsPerLanguage, Orderable):
    reading_list = ParentalKey(ReadingList, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("knowledge item"))
    note = models.CharField(_("why read it"), max_length=255, blank=True)
    # The note for each interface language's readers (portal.translations).
    persian_note = models.CharField(_("why read it, in Persian"), max_length=255, blank=True)
    english_note = models.CharField(_("why read it, in English"), max_length=255, blank=True)
    simplified_chinese_note = models.CharField(_("why read it, in Simplified Chinese"), max_length=255, blank=True)
    traditional_chinese_note = models.CharField(_("why read it, in Traditional Chinese"), max_length=255,
                                                blank=True)

    panels = [PageChooserPanel("item", page_type="knowledge.KnowledgeItem"), FieldPanel("note"),
              translated_texts_panel(["note"], heading=_("Why read it, in each interface language"),
                                     missing=False)]

    class Meta(Orderable.Meta):
        verbose_name = _("reading-list item")

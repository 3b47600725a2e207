from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.rich_text import expand_db_html

from portal.textnorm import guess_language, to_traditional


def other_interface_languages():
    """The interface languages besides the site's own, in which the page's own fields are written."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class PageText(Orderable):
    """What one of the site's own pages (home, the meetings and knowledge indexes) says to readers
    of another interface language: its title and introduction. The page's own fields are in the
    site's language (settings.LANGUAGE_CODE)."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=12, choices=other_interface_languages)
    title = models.CharField(_("title"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("title")]), FieldPanel("intro")]

    class Meta(Orderable.Meta):
        verbose_name = _("text in another language")
        verbose_name_plural = _("texts in other languages")

    def __str__(self):
        return f"{self.language}: {self.title}"


@dataclass
class PageWords:
    """A page's heading and introduction for one reader, with the languages they are written in."""

    heading: str
    heading_language: str
    intro: str = ""  # safe HTML
    intro_language: str = ""


def translations_panel(*fields):
    return InlinePanel(
        "texts", heading=_("In the other interface languages"), label=_("Language"),
        help_text=_("What readers of the other interface languages see; the fields above are in the "
                    "site's main language. A language left out shows those instead."),
        panels=[FieldRowPanel([FieldPanel("language"), *(FieldPanel(f) for f in fields if f == "title")]),
                *(FieldPanel(f) for f in fields if f != "title")],
    )


class TranslatedPage:
    """A page of the site's own whose title and introduction have a version per interface language.

    The page's `title` and `intro` are in the site's language; `texts` (PageText) hold the others.
    A language without a text of its own reads, in this order: the Simplified Chinese text in
    Traditional characters (for zh-hant), the default title in its language while the page keeps
    the title setup_portal gave it, then the site language's own fields (marked as such).
    """

    # The title setup_portal gives the page, marked for translation ("Meetings").
    default_title = None
    # Without an introduction in the reader's language, show the site language's one (False: none).
    intro_falls_back = True

    def words(self, language=None, request=None):
        language = (language or get_language() or settings.LANGUAGE_CODE).lower()
        site_language = settings.LANGUAGE_CODE
        if language == site_language:
            intro = self.intro_html(getattr(self, "intro", ""))
            return PageWords(self.title, site_language, mark_safe(intro), site_language)  # noqa: S308
        texts = self.texts_by_language()
        own = texts.get(language)
        simplified = texts.get("zh-hans") if language == "zh-hant" else None

        heading = self.heading_in(language, request)
        if own is not None and own.title.strip():
            heading = (own.title.strip(), language)
        elif simplified is not None and simplified.title.strip():
            heading = (to_traditional(simplified.title.strip()), language)

        if own is not None and own.intro.strip():
            intro = (expand_db_html(own.intro), language)
        elif simplified is not None and simplified.intro.strip():
            intro = (to_traditional(expand_db_html(simplified.intro)), language)
        elif self.intro_falls_back:
            intro = (self.intro_html(getattr(self, "intro", "")), site_language)
        else:
            intro = ("", "")
        return PageWords(heading[0], heading[1], mark_safe(intro[0]) if intro[0] else "", intro[1])  # noqa: S308

    def texts_by_language(self):
        """{language: PageText}, the first one of a language winning; read once per page object."""
        if getattr(self, "_texts_by_language", None) is None:
            self._texts_by_language = {text.language: text for text in reversed(list(self.texts.all()))}
        return self._texts_by_language

    def heading_in(self, language, request=None):
        """(heading, its language) when no text in `language` gives one."""
        with override(settings.LANGUAGE_CODE):
            untouched = self.default_title and self.title == gettext(self.default_title)
        if untouched:
            with override(language):
                return gettext(self.default_title), language
        return self.title, settings.LANGUAGE_CODE

    def intro_html(self, value):
        """The page's own introduction as HTML: rich text expanded, plain text escaped into paragraphs."""
        if not value or not value.strip():
            return ""
        field = self._meta.get_field("intro")
        if isinstance(field, RichTextField):
            return expand_db_html(value)
        return linebreaks(escape(value))


class HomePage(TranslatedPage, Page):
    """The front door: what the network is, what it decided lately, what cities learned."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro"), translations_panel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    # The hero's built-in lead is in every language: better than another language's introduction.
    intro_falls_back = False

    class Meta:
        verbose_name = _("home page")

    # What the page shows beyond its fields: portal/home.py registers it from PortalConfig.ready(),
    # so that this model imports no page logic.
    contents = None

    @classmethod
    def show(cls, contents):
        cls.contents = staticmethod(contents)

    def heading_in(self, language, request=None):
        """The home page is the network's: its heading is the network's name in the reader's language."""
        from .network import Network

        name = Network.load(request_or_site=request).name_in(language)  # read once per request
        written_in = guess_language(name, default=language[:2])
        return name, language if written_in == language[:2] else written_in

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.contents(request))
        return context

"""What a search asks for and what it returns, the same in engine and database mode."""

import datetime
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override

from portal.audiences import MEMBERS, PUBLIC

from . import registry

RELEVANCE = "relevance"
NEWEST = "date"
PAGE_SIZE = 10
# The texts a hit's snippets are cut from, most telling first (the title is shown anyway).
SNIPPET_FIELDS = ("summary", "body", "english_summary", "extra_text")


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet name → [values]
    sort: str = RELEVANCE
    page: int = 1
    page_size: int = PAGE_SIZE
    as_typed: bool = False  # the words as typed, not corrected (backend.engine_search)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    id: int
    type: str
    title: str
    url: str
    summary: str = ""
    score: float | None = None
    highlight: list = field(default_factory=list)  # HTML fragments: text escaped, matches in <mark>
    title_highlight: str = ""  # the whole title as HTML, matches in <mark> ("" when none matched)
    external_id: str = ""
    language: str = ""
    date: datetime.date | None = None
    organisations: list = field(default_factory=list)  # slugs
    resolution_status: str | None = None
    visibility: str = PUBLIC
    meeting_number: int | None = None
    number: int | None = None
    concepts: list = field(default_factory=list)  # thesaurus concept slugs the document mentions
    english_summary: str = ""
    summaries: dict = field(default_factory=dict)  # {interface language: {"title", "summary"}} people wrote
    matched: list = field(default_factory=list)  # names of the query clauses it matched (queries.py)
    # Found across languages through the thesaurus: why (expansion.Crossing), and the summary in
    # the reader's language where the item has one (expansion.Translation).
    crossings: list = field(default_factory=list)
    translation: object = None

    # What from_document reads of an indexed document: all the engine sends with a hit (the texts,
    # their language copies and the facets' values would be most of its answer, unread).
    FIELDS = ("type", "pk", "title", "url", "summary", "external_id", "language", "date", "organisation.slug",
              "resolution_status", "visibility", "meeting_number", "number", "concepts", "english_summary",
              "summaries")

    @classmethod
    def from_document(cls, document, *, score=None, highlight=(), title_highlight=""):
        date = document.get("date")
        if isinstance(date, str):
            date = datetime.date.fromisoformat(date[:10])
        elif isinstance(date, datetime.datetime):
            date = date.date()
        return cls(
            id=document["pk"],
            type=document["type"],
            title=document.get("title") or "",
            url=document.get("url") or "",
            summary=document.get("summary") or "",
            score=score,
            highlight=list(highlight),
            title_highlight=title_highlight,
            external_id=document.get("external_id") or "",
            language=document.get("language") or "",
            date=date,
            organisations=[o["slug"] for o in document.get("organisation") or []],
            resolution_status=document.get("resolution_status"),
            visibility=document.get("visibility") or MEMBERS,
            meeting_number=document.get("meeting_number"),
            number=document.get("number"),
            concepts=list(document.get("concepts") or []),
            english_summary=document.get("english_summary") or "",
            summaries=dict(document.get("summaries") or {}),
        )

    @property
    def display_title(self):
        # Rendered when shown (by the type's `title`), so it reads in the reader's language and digits.
        titled = self._title_of_type()
        return titled(self) if titled else self.title

    @property
    def title_is_content(self):
        """The title is the item's own text (so it carries the item's language)."""
        return self._title_of_type() is None

    def _title_of_type(self):
        indexed_type = registry.BY_NAME.get(self.type)
        return indexed_type.title if indexed_type else None

    @property
    def lang_attr(self):
        return self.language if self.language in ("fa", "en", "zh") else ""

    @property
    def local_url(self):
        """The stored URL (in the default language) in the reader's interface language."""
        language = get_language() or settings.LANGUAGE_CODE
        if not self.url:
            return ""
        # The site's URL patterns are the same in every language but for their prefix: swapping it
        # is what translate_url would do, without resolving each hit's path (a millisecond each).
        stored_prefix = f"/{settings.LANGUAGE_CODE}/"
        if self.url.startswith(stored_prefix):
            return f"/{language}/{self.url[len(stored_prefix):]}"
        try:
            # translate_url only resolves paths of the active language: the stored one's.
            with override(settings.LANGUAGE_CODE):
                return translate_url(self.url, language)
        except Exception:  # an odd URL must not break the results page
            return self.url


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class Outcome:
    params: SearchParams
    hits: list = field(default_factory=list)
    total: int = 0
    facets: dict = field(default_factory=dict)  # facet name → [FacetValue]
    suggestion: str = ""
    degraded: bool = False
    concepts: dict = field(default_factory=dict)  # concepts the query names: {slug: the words naming them}
    # No result on the page has all the query's words (or a concept it names): the page says so
    # and offers these topics ([(slug, label)]).
    weak: bool = False
    related_topics: list = field(default_factory=list)
    # The words as typed, when these are the results of their spelling corrected (`params.q`):
    # "landlide risk" searched as "landslide risk" (search/spelling.py).
    corrected_from: str = ""

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.params.page_size))

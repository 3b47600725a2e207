"""The building blocks of the dictionaries the index stores.

Each app's `prepare` functions (in the app's search.py, see registry.py) build its documents
from these: the empty document, organisations and cities, hazards and phases, dates, stored URLs,
the text of rich text and StreamFields. Plain functions: no engine involved, so they are
unit-tested on their own.
"""

import contextlib
import contextvars
import datetime
import re
import urllib.parse

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation
from wagtail import blocks
from wagtail.coreutils import WAGTAIL_APPEND_SLASH

from portal.audiences import MEMBERS

from .text import html_to_text, join_text, normalise

# The path Wagtail's serving view accepts (wagtail.urls).
_SERVED_PATH = re.compile(r"(?:[\w\-]+/)*" if WAGTAIL_APPEND_SLASH else r"[\w\-/]*")


def empty_document(type_name, pk):
    return {
        "type": type_name,
        "pk": pk,
        "url": "",
        "external_id": "",
        "title": "",
        "summary": "",
        "body": "",
        "english_summary": "",
        "translations": "",  # what people translated, to search (translated_texts)
        "summaries": {},  # the same, to show: {interface language: {"title", "summary"}}
        "extra_text": "",
        "topics": "",
        "language": "",
        "organisation": [],
        "city": [],
        "hazards": [],
        "phases": [],
        "year": None,
        "date": None,
        "resolution_status": None,
        "visibility": MEMBERS,  # the safe default: whoever forgets to set it hides the item
        "live": False,
        "organisation_id": None,
        "meeting_number": None,
        "number": None,
    }


# --- shared pieces ---------------------------------------------------------------------------

def translated_texts(obj):
    """`translations` and `summaries` of an object people translate (portal.translations.Translated):
    its titles and summaries in the interface languages, found by readers of each language and
    shown to them. The English summary is left out of `translations`: `english_summary` holds it."""
    return texts_of_translations(obj.summaries())


def texts_of_translations(translations):
    """`translations` and `summaries` of {interface language: (title, summary)} (translated_texts)."""
    summaries = {language: {"title": normalise(title), "summary": normalise(summary)}
                 for language, (title, summary) in translations.items()}
    searched = [part for language, texts in summaries.items()
                for name, part in texts.items() if part and (language, name) != ("en", "summary")]
    return {"translations": join_text(*searched), "summaries": summaries}


def prefetched_name(relation):
    return f"indexed_{relation}"


def prefetched(obj, relation):
    """The related objects read for a whole batch (attach_terms, an `attach`), else from the manager."""
    found = getattr(obj, prefetched_name(relation), None)
    return found if found is not None else getattr(obj, relation).all()


def attach_terms(items, relations=("hazards", "phases")):
    """Read the hazards and phases of a batch of items at once, into the lists `prefetched` reads.

    One read of each link table and of each (small) vocabulary per batch: a prefetch would build
    a model instance per link, which cost a fifth of a rebuild.
    """
    if not items:
        return
    model, pks = type(items[0]), [item.pk for item in items]
    for relation in relations:
        field = model._meta.get_field(relation)
        terms = {term.pk: term for term in field.related_model.objects.all()}  # in the vocabulary's order
        order = {pk: position for position, pk in enumerate(terms)}
        by_item = {pk: [] for pk in pks}
        links = field.remote_field.through.objects.filter(**{f"{field.m2m_field_name()}__in": pks})
        for item_id, term_id in links.values_list(field.m2m_field_name(), field.m2m_reverse_field_name()):
            by_item[item_id].append(terms[term_id])
        for item in items:
            setattr(item, prefetched_name(relation), sorted(by_item[item.pk], key=lambda term: order[term.pk]))


def organisation_ref(organisation):
    # Its names and the aliases the secretariat wrote; not the spellings the minutes import learned
    # (a query per organisation, per document indexed, for words nobody searches by).
    return {"slug": organisation.slug, "name": join_text(*organisation.names(), *organisation.alias_list())}


def topic_names(*term_lists):
    """Every name of the hazards and phases, so «زلزله», "earthquake" and «地震» find the item."""
    return join_text(*(name for terms in term_lists for term in terms for name in term.names()))


def cities(*values):
    """City facet values: the slug of a known city however it was written, else the text."""
    from portal.models import City

    found = set()
    for value in values:
        if value and value.strip():
            city = City.named(value)
            found.add(city.slug if city else normalise(value))
    return sorted(found)


def date_fields(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    if not value:
        return {"year": None, "date": None}
    return {"year": value.year, "date": value.isoformat()}


_site_root_paths = contextvars.ContextVar("site_root_paths", default=None)


@contextlib.contextmanager
def site_roots_read_once():
    """While preparing many documents, work out page URLs from the sites' root paths, read once.

    Wagtail reads the root paths from the cache for every page whose URL it works out (a file read
    with the production cache), switches to the site's language (in which URLs are stored) and
    reverses its serving view, for every page: a sixth of a rebuild's preparation. Here the view is
    reversed once, for the site root, and a page's path is put after it (`PageUrls`).
    """
    from wagtail.models import Site

    with translation.override(settings.LANGUAGE_CODE):
        token = _site_root_paths.set(PageUrls(Site.get_site_root_paths()))
        try:
            yield
        finally:
            _site_root_paths.reset(token)


class PageUrls:
    """The URLs `Page.get_url()` gives without a request, for pages that keep Wagtail's URL rules."""

    # Django's reverse() quotes a path so (django.urls.resolvers).
    SAFE = "!$&'()*+,;=/~:@"

    def __init__(self, root_paths):
        from django.urls import reverse
        from wagtail.models import Page

        self.page = Page
        self.root_paths = root_paths
        self.one_site = len({root.site_id for root in root_paths}) == 1
        self.serve = reverse("wagtail_serve", args=("",))

    def url(self, page):
        """The page's URL, or None when Wagtail's own method must say (custom rules, odd slugs)."""
        kind, wagtail = type(page), self.page
        own_rules = kind.get_url is not wagtail.get_url or kind.get_url_parts is not wagtail.get_url_parts
        if not isinstance(page, wagtail) or own_rules:
            return None
        root = next((root for root in self.root_paths if page.url_path.startswith(root.root_path)), None)
        if root is None:
            return ""  # in no site: not routable
        path = page.url_path[len(root.root_path):]
        if not _SERVED_PATH.fullmatch(path):
            return None  # the serving view's pattern would refuse it: Wagtail knows what follows
        url = self.serve + urllib.parse.quote(path, safe=self.SAFE)
        if not WAGTAIL_APPEND_SLASH and url != "/":
            url = url.rstrip("/")
        return url if self.one_site else root.root_url + url


def stored_url(get_url):
    """A URL in the site's default language; the search page re-prefixes it for the reader."""
    from wagtail.models import Page

    page, urls = getattr(get_url, "__self__", None), _site_root_paths.get()
    if urls is not None and page is not None:
        if (url := urls.url(page)) is not None:
            return url
        if isinstance(page, Page):
            page._wagtail_cached_site_root_paths = urls.root_paths  # where Page.get_url looks first
    # Switching language costs as much as the URL itself: only when not in it already.
    in_site_language = translation.get_language() == settings.LANGUAGE_CODE
    try:
        with contextlib.nullcontext() if in_site_language else translation.override(settings.LANGUAGE_CODE):
            return get_url() or ""
    except Http404:
        return ""


def streamfield_text(page, field_name="body"):
    """The searchable text of a StreamField, read from its stored JSON where that is plain.

    Rich text and text blocks are read straight from the stored value; building every block's
    Python value first (as the field's get_searchable_content does) took a third of a rebuild.
    Other blocks (images, anything structured) still go through their block's own method.
    """
    field = page._meta.get_field(field_name)
    chunks = []
    for raw in getattr(page, field_name).raw_data:
        block = field.stream_block.child_blocks.get(raw["type"])
        if block is None:
            continue
        if isinstance(block, blocks.RichTextBlock):
            chunks.append(html_to_text(raw["value"]))
        elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):  # BlockQuoteBlock is a TextBlock
            chunks.append(normalise(raw["value"]))
        else:
            chunks += [html_to_text(chunk) for chunk in block.get_searchable_content(block.to_python(raw["value"]))]
    return join_text(*chunks)

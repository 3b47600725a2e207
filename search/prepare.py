"""The building blocks of the dictionaries the index stores.

Each app's `prepare` functions (in the app's search.py, see registry.py) build its documents
from these: the empty document, organisations and cities, hazards and phases, dates, stored URLs,
the text of rich text and StreamFields. Plain functions: no engine involved, so they are
unit-tested on their own.
"""

import contextlib
import contextvars
import datetime

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation
from wagtail import blocks

from portal.audiences import MEMBERS

from .text import html_to_text, join_text, normalise


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
    summaries = {language: {"title": normalise(title), "summary": normalise(summary)}
                 for language, (title, summary) in obj.summaries().items()}
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
    """While preparing many documents, read the sites' root paths once, not once per page.

    Wagtail reads them from the cache for every page whose URL it works out (a file read with
    the production cache): a tenth of a rebuild's preparation. The site's default language (in
    which URLs are stored) is switched to once for all of them too: switching per page cost as
    much again.
    """
    from wagtail.models import Site

    token = _site_root_paths.set(Site.get_site_root_paths())
    try:
        with translation.override(settings.LANGUAGE_CODE):
            yield
    finally:
        _site_root_paths.reset(token)


def stored_url(get_url):
    """A URL in the site's default language; the search page re-prefixes it for the reader."""
    from wagtail.models import Page

    page, paths = getattr(get_url, "__self__", None), _site_root_paths.get()
    if paths is not None and isinstance(page, Page):
        page._wagtail_cached_site_root_paths = paths  # where Page.get_url looks first
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

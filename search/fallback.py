"""Searching the database when the engine is unreachable or not configured ("reduced mode").

Same rows and permissions as the index (registry.IndexedType.visible_to), the same fields
matched with `icontains` (attachments: the text extracted so far, see attachments.py), facets
counted over the same prepared documents. Simpler matching:
every word of the query must appear somewhere, in one of a few spelling variants (Persian and
Arabic letters, three digit sets, Simplified and Traditional characters). No stemming, no
ranking beyond newest first, but for what a query names by number, as the engine does: a
meeting by its ordinal («نشست نهم», "9th meeting", 第九次会议) comes first with what belongs to
it, a resolution («مصوبه ۵ نشست نهم») before its meeting; the query's other words are still asked.
"""

import functools
import html
import json
import re

from django.db.models import Q
from django.utils.text import Truncator

from portal.chinese import to_simplified
from portal.ordinals import meeting_ordinals, resolution_numbers, words_besides_references
from portal.textnorm import (
    ARABIC_FOR_PERSIAN,
    ARABIC_INDIC_DIGITS,
    PERSIAN_DIGITS,
    PERSIAN_FOR_ARABIC,
    matching_key,
    to_latin_digits,
    writes_han,
)

from . import attachments, registry
from .documents import with_concepts
from .facets import FACETS
from .queries import OPENING_CHARACTERS
from .results import SNIPPET_FIELDS, FacetValue, Hit, Outcome
from .text import normalise, searched_words

MAX_CANDIDATES = 500  # per type: reduced mode is for a small portal's outage, not for scale
SNIPPET_RADIUS = 80

# Names of the hazards (and phases) an object is tagged with, as the index's `topics`.
TOPIC_RELATIONS = ("hazards", "phases")
TOPIC_NAMES = ("name_fa", "name_en", "name_zh")
JSON_FIELDS = {"body"}  # StreamField: stored as JSON, non-ASCII escaped on some databases

_PERSIAN_TO_ARABIC = str.maketrans(ARABIC_FOR_PERSIAN)
_ARABIC_TO_PERSIAN = str.maketrans(PERSIAN_FOR_ARABIC)
_DIGITS = "0123456789"
_TO_PERSIAN_DIGITS = str.maketrans(_DIGITS, PERSIAN_DIGITS)
_TO_ARABIC_DIGITS = str.maketrans(_DIGITS, ARABIC_INDIC_DIGITS)


@functools.cache
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t").convert


def word_variants(word):
    """Spellings of one word a reader would call the same."""
    variants = {word, word.replace("\u200c", "")}
    for form in list(variants):
        variants |= {form.translate(_PERSIAN_TO_ARABIC), form.translate(_ARABIC_TO_PERSIAN)}
    for form in list(variants):
        latin = to_latin_digits(form)
        variants |= {latin, latin.translate(_TO_PERSIAN_DIGITS), latin.translate(_TO_ARABIC_DIGITS)}
    if writes_han(word):
        variants |= {to_simplified(word), _to_traditional()(word)}
    return sorted(v for v in variants if v)


def query_words(q, searched=False):
    """The words of a query (`searched`: as a search asks them, a question by its keywords)."""
    return [w for w in (searched_words(q) if searched else normalise(q)).split(" ") if w]


def lookups_for(indexed_type):
    """Database fields searched for the type, as the index's title/summary/body/english_summary."""
    return indexed_type.text_lookups


def text_condition(indexed_type, words):
    condition = Q()
    for word in words:
        any_field = Q()
        for variant in word_variants(word):
            for lookup in lookups_for(indexed_type):
                any_field |= Q(**{f"{lookup}__icontains": variant})
                if lookup in JSON_FIELDS:
                    escaped = json.dumps(variant)[1:-1]  # "\u0645..." as SQLite stores it
                    if escaped != variant:
                        any_field |= Q(**{f"{lookup}__icontains": escaped})
            any_field |= attachments.owners_with_text(indexed_type, variant)
            any_field |= tagged_with(indexed_type.model, variant)
        condition &= any_field
    return condition


def tagged_with(model, text):
    """Rows tagged with a hazard or phase whose name contains the text (a subquery: no duplicates)."""
    relations = [r for r in TOPIC_RELATIONS if any(f.name == r for f in model._meta.get_fields())]
    if not relations:
        return Q(pk__in=[])
    names = Q()
    for relation in relations:
        for name in TOPIC_NAMES:
            names |= Q(**{f"{relation}__{name}__icontains": text})
    return Q(pk__in=model.objects.filter(names).values("pk"))


def candidates(user, words, named=None):
    """Prepared documents of everything the reader may see that contains every word; with `named`
    ((meeting ordinals, resolution numbers) the query names), of the rows it names (and of other
    types only if words are left besides the names)."""
    documents = []
    for indexed_type in registry.TYPES:
        qs = indexed_type.visible_to(user)
        if named and indexed_type.numbered:
            qs = qs.filter(indexed_type.numbered(*named))
        elif named and not words:
            continue
        if words:
            qs = qs.filter(text_condition(indexed_type, words))
        with attachments.cached_text_only():  # a search request never parses files
            documents += [with_concepts(indexed_type.prepare(obj))
                          for obj in indexed_type.ready(qs[:MAX_CANDIDATES])]
    return documents


def passes(document, filters, skip=None):
    for facet in FACETS:
        selected = filters.get(facet.name)
        if selected and facet.name != skip and not set(facet.document_values(document)) & set(selected):
            return False
    return True


def facet_counts(documents, filters):
    counts = {}
    for facet in FACETS:
        tally = {}
        for document in documents:
            if passes(document, filters, skip=facet.name):
                for value in set(facet.document_values(document)):
                    tally[value] = tally.get(value, 0) + 1
        counts[facet.name] = [FacetValue(value, count) for value, count in facet.ordered(tally.items())]
    return counts


def snippet(document, words):
    """The first place a query word occurs, escaped, with the word in <mark>; where none does (a
    resolution found by its number), as with the engine, the summary shows, or without one the
    text's opening."""
    variants = sorted({v for w in words for v in word_variants(w)}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(v) for v in variants), re.IGNORECASE) if variants else None
    for name in SNIPPET_FIELDS:
        text = document.get(name) or ""
        match = pattern.search(text) if pattern else None
        if match:
            start = max(0, match.start() - SNIPPET_RADIUS)
            end = min(len(text), match.end() + SNIPPET_RADIUS)
            return [
                ("…" if start else "")
                + html.escape(text[start:match.start()])
                + "<mark>" + html.escape(match.group()) + "</mark>"
                + html.escape(text[match.end():end])
                + ("…" if end < len(text) else "")
            ]
    if not document.get("summary") and document.get("body"):
        return [html.escape(Truncator(document["body"]).chars(OPENING_CHARACTERS))]
    return []


def named_in(q):
    """(meeting ordinals, resolution numbers) a query names («مصوبه ۵ نشست نهم», "9th meeting",
    第九次会议), or None: the words that name them are matched as numbers, not as text, which
    writes «نشست ۹» and never a resolution's number."""
    meetings, resolutions = meeting_ordinals(q), resolution_numbers(q)
    return (meetings, resolutions) if meetings or resolutions else None


def words_besides_names(q):
    """The query's words as typed, but for those naming meetings and resolutions by number
    (ordinals.words_besides_references, which reads matching keys: «کلانشهر» for «کلان‌شهر»)."""
    left = words_besides_references(q)
    kept = [word for word in query_words(q) if (keys := matching_key(word).split()) and set(keys) <= set(left)]
    typed = {key for word in kept for key in matching_key(word).split()}
    return kept + [key for key in left if key not in typed]  # 培训 of 第九次会议培训


def named_first(document, named):
    """0 for a resolution (or report on it) the query names, 1 for a meeting it names, else 2; as
    the engine ranks them (queries.named_meetings)."""
    if not named:
        return 2
    meetings, resolutions = named
    if resolutions and document.get("number") in resolutions:
        return 0
    return 1 if document["type"] == "meeting" and document.get("meeting_number") in meetings else 2


def database_search(params, user):
    q = searched_words(params.q)
    named = named_in(q)
    words = words_besides_names(q) if named else query_words(q)
    documents = candidates(user, words, named)
    selected = [d for d in documents if passes(d, params.filters)]
    selected.sort(key=lambda d: (d["date"] or "", d["pk"]), reverse=True)
    selected.sort(key=lambda d: named_first(d, named))  # stable: newest first within each
    page = selected[params.offset:params.offset + params.page_size]
    return Outcome(
        params=params,
        hits=[Hit.from_document(d, highlight=snippet(d, words)) for d in page],
        total=len(selected),
        facets=facet_counts(documents, params.filters),
        degraded=True,
    )


def database_autocomplete(prefix, user, size=8):
    words = query_words(prefix)
    if not words:
        return []
    hits = []
    for indexed_type in registry.TYPES:
        if "title" not in lookups_for(indexed_type):
            continue
        condition = Q()
        for word in words:
            condition &= Q(*[Q(title__icontains=v) for v in word_variants(word)], _connector=Q.OR)
        for obj in indexed_type.ready(indexed_type.visible_to(user).filter(condition)[:size]):
            hits.append(Hit.from_document(indexed_type.prepare(obj)))
    return hits[:size]

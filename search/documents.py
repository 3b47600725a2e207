"""The index mapping: one document per searchable item, whatever its kind.

One index (behind the alias `<prefix>-content`) holds knowledge items, meetings, resolutions
and follow-up reports, told apart by the `type` keyword. One index, because the search page
ranks all kinds against each other (relevance statistics are then comparable), facets count
across kinds, and there is one alias to swap and one analysis configuration to keep right.

Only published material is indexed; `visibility` says who may see it ("public" or "members")
and `live` is kept as a second guard. Drafts are never indexed, so nobody finds them.
"""

import functools
from collections import Counter

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    Mapping,
    MetaField,
    Object,
    Text,
)

from portal import thesaurus
from portal.textnorm import writes_arabic_script, writes_han, writes_latin

from . import facets
from .indices import ANALYZERS, index_settings

LANGUAGES = ("fa", "zh", "en")
# Each text field and the languages it gets a field of its own for. The English summary is
# English: Persian and Chinese analysis of it would find nothing.
LANGUAGES_OF = {
    "title": LANGUAGES,
    "summary": LANGUAGES,
    "body": LANGUAGES,
    "english_summary": ("en",),
    # Titles and summaries people translated (search.prepare.translated_texts), each language's in
    # that language's field: a Persian reader finds a Chinese item by its Persian summary.
    "translations": LANGUAGES,
    "extra_text": LANGUAGES,  # attachments and the like (search.text.extra_searchable_text)
    "topics": LANGUAGES,  # names of the hazards and phases, in every language
}
TEXT_FIELDS = tuple(LANGUAGES_OF)
# The texts whose main field is indexed: titles and summaries, for phrases, autocompletion and
# joined Persian pairs. The other texts are searched in their language fields only: a query asks
# the main fields only when it has no language of its own (digits, a lone Chinese character), and
# analysing each body, attachment, translation and topic list once more for that was a third of the
# engine's indexing time and a ninth of the index.
MAIN_INDEXED = ("title", "summary")
# A joined Persian compound («کلانشهر») finds the spelling with a space in these fields'
# `_fa.compound`; a spaced query finds the joined spelling in their main fields and in the other
# texts' Persian fields (queries.py).
COMPOUND_FIELDS = ("title", "summary")
# A text is copied into a language's field only when it is written (partly) in that script: the
# engine then analyses a Persian text as Persian only, not also as Chinese and English, which
# found nothing and cost more than half of indexing.
WRITTEN_IN = {"fa": writes_arabic_script, "zh": writes_han, "en": writes_latin}


def language_field(name, language):
    return f"{name}_{language}"


def compound_field(name):
    return f"{language_field(name, 'fa')}.compound"


LANGUAGE_FIELD_NAMES = tuple(language_field(name, lang) for name, langs in LANGUAGES_OF.items() for lang in langs)


# The texts whose concepts tag a document, and how much of them is read: a concept that matters
# to a document is named in its title, summary or first pages; reading whole attachments would
# cost indexing time for tags that say little. The first pages, not the first page: real studies
# and pasted pages open with a cover, a contents list, a preface or a site's header, and read only
# so far (2,000 characters), a study opening with two pages of preface was tagged with none of
# the concepts its chapters name. Tagging reads about 0.1 ms per 1,000 characters (0.3 in Chinese).
CONCEPT_TEXTS = ("title", "summary", "english_summary", "translations", "body", "extra_text")
CONCEPT_CHARACTERS = 10_000
TITLE_MENTIONS = 3
MENTIONS_KEPT = 6
# A document's topics (the Topic facet and its filter) are the concepts it speaks of most, not each
# one named in passing: counting the facet costs every matching document each of its topics, and
# with all of them (24 on average in the benchmark's texts) that was two fifths of the counting.
# A query naming a concept still finds every document that mentions it (`concept_mentions`).
TOPICS_KEPT = 8


def with_language_fields(document):
    """The document plus a copy of each text in the fields of the languages it is written in."""
    for name, languages in LANGUAGES_OF.items():
        if text := document.get(name):
            for language in languages:
                if WRITTEN_IN[language](text):
                    document[language_field(name, language)] = text
    return document


def with_concepts(document):
    """The document tagged with the thesaurus concepts its texts mention, in any language or
    spelling: `concepts`, its topics (TOPICS_KEPT), for the Topic facet and filters, and
    `concept_mentions`, a term per mention (a title's counting TITLE_MENTIONS times), so a query
    naming a concept ranks the documents that speak of it most, in any language, without asking
    for each of its labels."""
    rest = " ".join((document.get(name) or "")[:CONCEPT_CHARACTERS] for name in CONCEPT_TEXTS[1:])
    counts = Counter(thesaurus.concepts_said(document.get("title") or "") * TITLE_MENTIONS)
    counts.update(thesaurus.concepts_said(rest))
    document["concepts"] = topics(counts)
    # Each mention as the concept in the document's language («earthquake_fa»; an item of no
    # language: «earthquake»), so a query weighs its own language's term higher than the others'
    # instead of filtering. Kept also as the concept in no language, every mention cost a second
    # term (the index was a twelfth larger). Past a few mentions the ranking hardly moves (term
    # frequency saturates), so the index keeps no more.
    language = mention_language(document.get("language"))
    document["concept_mentions"] = " ".join(
        concept_term(slug, language) for slug, count in counts.items() for _ in range(min(count, MENTIONS_KEPT))
    )
    return document


def topics(mentions):
    """The TOPICS_KEPT concepts mentioned most (ties: the first mentioned), as sorted slugs; not the
    broadest ("hazard", "crisis management"), which the facet never offers (backend.broad_topics)."""
    broadest = thesaurus.broadest_concepts()
    ranked = sorted((slug for slug in mentions if slug not in broadest), key=lambda slug: -mentions[slug])
    return sorted(ranked[:TOPICS_KEPT])


@functools.cache
def concept_term(slug, language=""):
    """A concept (in a language) as one term of `concept_mentions`: the standard tokenizer keeps
    words joined by underscores together, not those joined by hyphens."""
    return "_".join([slug.replace("-", "_"), *([language] if language else [])])


# The languages a concept's mentions are indexed in: every language, and none ("").
MENTION_LANGUAGES = ("", *LANGUAGES)


def mention_language(language):
    """The language a document's concept mentions are indexed in: its own, or none ("") for an item
    of no language or of one the analyzers do not know ("other"), whose mentions the labels of
    the known ones found, and which every query asks at the cross-language share."""
    return language if language in LANGUAGES else ""


def concept_terms(slug):
    """The terms of a concept's mentions in documents of every language, and of none."""
    return [concept_term(slug, language) for language in MENTION_LANGUAGES]


def searchable(document):
    """A prepared document as the index stores it: its concepts, facet values and language fields."""
    document = with_concepts(document)
    document[facets.FACET_VALUES] = facets.facet_values(document)
    return with_language_fields(document)


# The fields snippets are marked in (queries.highlight) keep where each word stands, so marking a
# hit's words reads them from the index instead of analysing its text again: on the benchmark's
# 100,000 documents that halved highlighting (a page 11.5 → 9.1 ms on average), for an index a
# sixth larger; an attachment's 200,000 characters are no longer read again for each hit.
HIGHLIGHTED = ("title", "summary", "body", "english_summary", "extra_text")
OFFSETS = "offsets"


def main_text(**kwargs):
    """The main field of a title or summary: every script folded, no stemming; phrases."""
    return Text(analyzer=ANALYZERS["standard"], **kwargs)


def kept_text(**kwargs):
    """The main field of any other text: kept to show, searched in its language fields."""
    return Text(index=False, **kwargs)


def language_text(language, compound=False, highlighted=False):
    """A language's field: Persian and English stems, Chinese two-character words; with
    `compound`, Persian joined pairs in `.compound`.

    Persian and English are matched word by word (positions are not kept: phrases are the main
    field's job); Chinese keeps positions, because its words are phrases of two-character terms.
    A `highlighted` field keeps each word's offsets (OFFSETS).
    """
    if language == "zh":
        return Text(analyzer=ANALYZERS["chinese"], index_options=OFFSETS if highlighted else "positions")
    options = OFFSETS if highlighted else "freqs"
    fields = {}
    if compound:
        fields["compound"] = Text(analyzer=ANALYZERS["compound"], search_analyzer=ANALYZERS["compound_query"],
                                  index_options=options)
    return Text(analyzer=ANALYZERS["persian" if language == "fa" else "english"], index_options=options,
                fields=fields)


class OrganisationRef(InnerDoc):
    slug = Keyword()
    name = Text(analyzer=ANALYZERS["standard"])  # every name and spelling (proper names: no stemming)


class ContentDocument(Document):
    type = Keyword()
    pk = Integer()
    # Shown, never sorted or counted: no doc values to build.
    url = Keyword(index=False, doc_values=False)
    external_id = Keyword(doc_values=False)

    title = main_text(
        copy_to="spelling",
        fields={
            # Titles as typed so far: only whether a title has the prefix matters, not how often.
            "autocomplete": Text(analyzer=ANALYZERS["autocomplete"], search_analyzer=ANALYZERS["standard"],
                                 index_options="docs", norms=False),
        },
    )
    summary = main_text(copy_to="spelling")
    body = kept_text(copy_to="spelling")
    english_summary = kept_text()
    translations = kept_text()
    # Shown with a hit in the reader's language, never searched (`translations` is).
    summaries = Object(enabled=False)
    extra_text = kept_text()
    topics = kept_text()
    # Source of spelling corrections and "did you mean": the words of titles, summaries and texts
    # as written (lower-cased), with no norms or positions, so they cost little to index.
    spelling = Text(analyzer=ANALYZERS["spelling"], index_options="freqs", norms=False)

    # Facets.
    language = Keyword()
    organisation = Object(OrganisationRef, multi=True)
    city = Keyword(multi=True)
    hazards = Keyword(multi=True)
    phases = Keyword(multi=True)
    year = Integer()
    date = Date()
    resolution_status = Keyword()
    concepts = Keyword(multi=True)  # thesaurus concepts the texts mention (slugs): the Topic facet
    facet_values = Keyword(multi=True)  # every facet's values, counted in one aggregation (facets.py)
    # One term per mention of a concept (with_concepts): how much a document speaks of it.
    concept_mentions = Text(analyzer="standard", norms=True, index_options="freqs")

    # Permissions.
    visibility = Keyword()
    live = Boolean()
    organisation_id = Integer()  # the owning organisation (knowledge items, follow-up reports)

    # For titles of items that have none of their own (resolutions, reports).
    meeting_number = Integer()
    number = Integer()

    class Meta:
        dynamic = MetaField("strict")  # a field the mapping does not know is a bug: fail loudly


def language_mapping():
    """The language fields of every text field (LANGUAGES_OF), besides ContentDocument's own."""
    mapping = Mapping()
    for name, languages in LANGUAGES_OF.items():
        for language in languages:
            compound = language == "fa" and name in COMPOUND_FIELDS
            mapping.field(language_field(name, language),
                          language_text(language, compound=compound, highlighted=name in HIGHLIGHTED))
    return mapping


def content_index(name):
    """An Index object for one version of the content index, with mapping and analysis."""
    index = Index(name)
    index.settings(**index_settings())
    index.document(ContentDocument)
    index.mapping(language_mapping())
    index.analyzer(ANALYZERS["compound_query_persian"])  # a query's only: no field names it
    return index


def document_id(type_name, pk):
    return f"{type_name}-{pk}"

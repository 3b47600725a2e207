"""What the thesaurus adds to a page of results: why a result in another language was found, its
summary in the reader's language, whether the best matches are weak, and topics to try instead.

The engine reports which clauses of the query each hit matched (`matched_queries`, named in
queries.py). A hit in a language the query is not written in, found through a concept the query
names, carries a crossing: the reader's words, then the concept's label in the document's
language and in a language both may read ("زلزله → 地震 · earthquake").
"""

import html
from dataclasses import dataclass, replace

from django.utils.html import strip_tags

from portal import thesaurus
from portal.textnorm import count_han, to_traditional
from portal.translations import same_language

from .queries import ALL_WORDS, CONCEPT_PREFIX, JOINED_WORDS, NAMED_MEETING, NAMED_RESOLUTION, PHRASE, WORDS

# Thesaurus label language for a document language.
DOCUMENT_LABELS = {"fa": "fa", "zh": "zh-hans", "en": "en"}
LANG_ATTRIBUTE = {"fa": "fa", "en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
RELATED_TOPICS = 6


@dataclass(frozen=True)
class Label:
    text: str
    lang: str  # the `lang` attribute its text needs

    @property
    def dir(self):
        return "rtl" if self.lang == "fa" else "ltr"


@dataclass(frozen=True)
class Crossing:
    said: str  # the query's words naming the concept
    labels: tuple  # (Label, ...): in the document's language first


@dataclass(frozen=True)
class Translation:
    summary: str
    lang: str  # of the title and summary
    title: str = ""
    marked: str = ""  # HTML: the highlighted fragments of the summary, when the query's words are in it

    @property
    def dir(self):
        return "rtl" if self.lang == "fa" else "ltr"


def label(slug, language):
    text = thesaurus.preferred_label(slug, language)
    return Label(text, LANG_ATTRIBUTE[language]) if text else None


def crossing(slug, said, document_language, query_languages):
    """The reader's words, the concept in the document's language, and a bridge both may read."""
    languages = [DOCUMENT_LABELS[document_language]]
    reader = thesaurus.reader_language()
    if reader not in languages and reader[:2] not in query_languages:
        languages.append(reader)
    if "en" not in languages and "en" not in query_languages:
        languages.append("en")
    labels = tuple(found for language in languages if (found := label(slug, language)))
    return Crossing(said, labels) if labels else None


def explain(outcome, query_text, query_concepts, query_languages):
    """Fill the crossings, translations, weakness and related topics of a page of results
    (`query_text`: the words searched, ContentQuery.query_text)."""
    outcome.concepts = dict(query_concepts)
    reader = thesaurus.reader_language()
    for hit in outcome.hits:
        if hit.language in DOCUMENT_LABELS and hit.language not in query_languages:
            found_through = [slug for slug in query_concepts if CONCEPT_PREFIX + slug in hit.matched]
            hit.crossings = [c for slug in found_through
                             if (c := crossing(slug, query_concepts[slug], hit.language, query_languages))]
        hit.translation = translation(hit, reader)
        if hit.translation:
            # A snippet cut from the translated summary marks the reader's words in it: shown there,
            # not a second time below.
            marked = [f for f in hit.highlight if repeats(f, hit.translation.summary)]
            if marked:
                hit.translation = replace(hit.translation, marked=" … ".join(marked))
                hit.highlight = [f for f in hit.highlight if f not in marked]
    if query_text and outcome.hits:
        strong = strong_matches(query_text, query_concepts)
        outcome.weak = not any(strong & set(hit.matched) for hit in outcome.hits)
    if outcome.weak or not outcome.hits:
        outcome.related_topics = related_topics(outcome, query_concepts)


def translation(hit, reader):
    """The item's title and summary as people translated them into the reader's language, for an
    item written in another (portal.translations: a Traditional Chinese reader without a Traditional
    translation gets the Simplified one converted); None when there is none."""
    if not hit.language or same_language(hit.language, reader):
        return None
    texts = hit.summaries.get(reader)
    if not texts and reader == "zh-hant" and (simplified := hit.summaries.get("zh-hans")):
        texts = {part: to_traditional(text) for part, text in simplified.items()}
    if not texts and reader == "en" and hit.english_summary:  # indexed before translations were
        texts = {"summary": hit.english_summary}
    if not texts or not texts.get("summary"):
        return None
    return Translation(texts["summary"], LANG_ATTRIBUTE[reader], texts.get("title") or "")


def repeats(fragment, text):
    """Whether a highlighted fragment (HTML) is a piece of `text` (an English reader's snippet is
    often cut from the English summary shown as the translation)."""
    return " ".join(html.unescape(strip_tags(fragment)).split()) in " ".join(text.split())


def strong_matches(q, query_concepts):
    """The clauses that, matched, make a hit a good answer: all the words, or a concept the whole
    query names; for a single word, that word (`q`: the words searched, a question's keywords)."""
    strong = {ALL_WORDS, PHRASE, NAMED_MEETING, NAMED_RESOLUTION}  # what the query names by number
    whole = thesaurus.folded_key(q)
    strong |= {CONCEPT_PREFIX + slug for slug, said in query_concepts.items() if thesaurus.folded_key(said) == whole}
    if len(whole.split()) == 1 and count_han(q) < 2:
        strong |= {WORDS, JOINED_WORDS} | {CONCEPT_PREFIX + slug for slug in query_concepts}
    return strong


def related_topics(outcome, query_concepts):
    """The topics most of the results share (the Topic facet), besides those the query named."""
    return topics_in_reader_language(value.value for value in outcome.facets.get("topic", [])
                                     if value.value not in query_concepts)


def topics_in_reader_language(slugs):
    """(slug, Label) of the first RELATED_TOPICS concepts that have a label in the reader's language."""
    language = thesaurus.reader_language()
    topics = []
    for slug in slugs:
        if found := label(slug, language):
            topics.append((slug, found))
        if len(topics) == RELATED_TOPICS:
            break
    return topics


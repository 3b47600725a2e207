"""Running a search on the engine and turning its answer into an Outcome."""

from dataclasses import replace

from elasticsearch.dsl import A, Search

from portal import freshness, keyboard, thesaurus

from . import conf, expansion, spelling
from .client import get_client
from .documents import concept_terms
from .facets import TERM_FACETS, concepts_of_terms
from .queries import ContentQuery, facet_counts, visible_to
from .results import SNIPPET_FIELDS, FacetValue, Hit, Outcome

MAX_FRAGMENTS = 3
# The thesaurus's broadest concepts ("hazard", "crisis management", "municipality") tag much of
# the index and tell nothing about a result: the Topic facet and the related topics leave out a top
# concept (one with no broader concept) that has narrower ones, or that tags more than
# BROAD_TOPIC_SHARE of what the reader may see ("crisis", "staff"). Specific concepts stay however
# common they are (an earthquake network speaks of earthquakes everywhere, and that is a topic).
# The share is not judged below BROAD_TOPICS_FROM documents.
BROAD_TOPIC_SHARE = 0.1
BROAD_TOPICS_FROM = 50


def engine_search(params, user):
    """A page of results; when its best matches are weak or it found nothing and a word is
    misspelled (`spelling`), the page of the words as the index spells them, if that one finds
    something: `corrected_from` then holds the words as typed (`params.as_typed` asks for those)."""
    client = get_client()
    outcome, words_find_something = ranked_page(client, params, user)
    if not params.q:
        return outcome
    if outcome.total == 0 and words_find_something is None:
        words_find_something = ContentQuery(client).permission(user).text(params.q).count() > 0
    if outcome.total == 0 and not words_find_something:
        # Typed with the keyboard on the other layout: offered as meant, never taken for slips.
        if retyped := retyped_on_the_other_layout(client, params.q, user):
            outcome.suggestion = retyped
            return outcome
    # The first page only: the page's links carry the corrected words (views.search_page).
    if params.page == 1 and not params.as_typed and (outcome.weak or outcome.total == 0):
        corrected = spelling.respelled(client, params.q, user, outcome.concepts.values())
        if corrected and corrected != params.q:
            better, _found = ranked_page(client, replace(params, q=corrected), user)
            if better.total:
                better.corrected_from = params.q
                return better
    if outcome.total == 0 and not words_find_something:
        outcome.suggestion = nearest_spelling(client, params.q, user)
        outcome.related_topics = wider_topics(client, user, outcome.concepts)
    return outcome


def wider_topics(client, user, concepts):
    """For a search that found nothing: the topics its concepts are kinds or parts of
    (thesaurus.wider_concepts: 防震演習, an earthquake drill, is an exercise, about earthquakes)
    that find something the reader may see, those finding most first. One small request."""
    wider = set().union(*(thesaurus.wider_concepts(slug) for slug in concepts)) - set(concepts)
    wider -= broad_topics(client, user)
    if not wider:
        return []
    search = Search(using=client, index=conf.alias_name()).filter("bool", filter=visible_to(user)).extra(size=0)
    search.aggs.bucket("wider", A("filters", filters={
        slug: {"terms": {"concept_mentions": concept_terms(slug)}} for slug in sorted(wider)}))
    buckets = search.execute().aggregations["wider"]["buckets"]
    found = sorted((slug for slug in wider if buckets[slug]["doc_count"]),
                   key=lambda slug: (-buckets[slug]["doc_count"], slug))
    return expansion.topics_in_reader_language(found)


def ranked_page(client, params, user):
    """The page as the words find it, and whether they find anything without the facets chosen
    (True, False, or None when only another request can tell: queries.ResultPage)."""
    query = (
        ContentQuery(client)
        .permission(user)
        .text(params.q)
        .filter(params.filters)
        .sort(params.sort)
        .page(params.page, params.page_size)
        .highlight()
    )
    response = query.execute_page()
    outcome = Outcome(params=params, total=response.total)
    for hit in response.hits:
        highlight = hit.get("highlight", {})
        found = Hit.from_document(
            hit["_source"], score=hit.get("_score"), highlight=snippets(highlight, hit["_source"].get("summary")),
            title_highlight=" ".join(ContentQuery.marked(highlight, "title")),
        )
        found.matched = list(hit.get("matched_queries", []))
        outcome.hits.append(found)
    chosen = set(params.filters.get("topic", []))
    found = response.found
    # Left out before the Topic facet is cut to its size: the broadest topics are the commonest, and
    # a hazard or phase the Hazard and Phase facets offer («زلزله» tagged by editors) would stand
    # there twice, with two counts.
    left_out = {"topic": (broad_topics(client, user) | offered_as_terms(found)) - chosen}
    for name, counts in facet_counts(found, left_out).items():
        outcome.facets[name] = [FacetValue(value, count) for value, count in counts]
    expansion.explain(outcome, query.query_text, query.concepts, query.languages)
    # A topic every result has narrows nothing (it may still be a related topic to search for).
    outcome.facets["topic"] = [v for v in outcome.facets["topic"]
                               if v.value in chosen or v.count < outcome.total]
    return outcome, response.words_find_something()


def offered_as_terms(found):
    """The concepts of the hazards and phases among the matches (facets.concepts_of_terms)."""
    named = concepts_of_terms()
    return frozenset().union(*(named.get((name, value), ()) for name in TERM_FACETS
                               for value, _count in found.get(name, ())))


def broad_topics(client, user):
    """The top concepts too broad to offer as topics (see BROAD_TOPIC_SHARE): computed once per
    content version and audience, with one aggregation over the index."""
    top = thesaurus.top_concepts()

    def compute():
        search = Search(using=client, index=conf.alias_name()).filter("bool", filter=visible_to(user))
        search = search.extra(size=0, track_total_hits=True)
        search.aggs.bucket("topics", A("terms", field="concepts", include=sorted(top), size=len(top) or 1))
        response = search.execute()
        total = response.hits.total.value
        if total < BROAD_TOPICS_FROM:
            return frozenset()
        return frozenset(b["key"] for b in response.aggregations["topics"]["buckets"]
                         if b["doc_count"] > BROAD_TOPIC_SHARE * total)

    common = freshness.remember("broad-topics", user, compute, per_language=False)
    return common | thesaurus.broadest_concepts()


def snippets(highlight, summary=""):
    """Highlighted fragments, most telling fields first (HTML: text escaped by the engine). A hit none
    of whose words matched (found by its number or its concepts) shows its summary, or without one
    (a resolution, a report) its text's opening, which the engine sends unmarked."""
    fragments = []
    for name in SNIPPET_FIELDS:
        fragments += ContentQuery.marked(highlight, name)
    marked = [fragment for fragment in fragments if "<mark>" in fragment]
    return (marked or ([] if summary else fragments[:1]))[:MAX_FRAGMENTS]


def retyped_on_the_other_layout(client, q, user):
    """The same keys read through the other keyboard layout (portal.keyboard: "lhk,v cgcgi" is
    «مانور زلزله»), if that finds something this reader may see; "" otherwise."""
    retyped = keyboard.on_the_other_layout(q)
    if retyped and ContentQuery(client).permission(user).text(retyped).count() > 0:
        return retyped
    return ""


def nearest_spelling(client, q, user):
    """The first suggested spelling that finds something this reader may see, for a search that
    found nothing and that no correction helped (`spelling`: the words as typed, `?as_typed=1`).

    Suggestions come from every indexed word, members-only ones included: each is re-run with
    the reader's permissions before it is offered, so a suggestion never reveals hidden text.
    Asked for only after a search found nothing: on every search the phrase suggester cost
    about as much as the search itself (scripts/bench_search.py). Neither this nor the other
    layout is offered when the words themselves find something and only the filters excluded it
    (engine_search asks the engine whether they do only when the search's own counts do not tell).
    """
    query = ContentQuery(client).permission(user).text(q).suggest()
    query.search = query.search.extra(size=0, track_total_hits=False)
    suggestions = getattr(query.execute(), "suggest", None)
    if not suggestions or "did_you_mean" not in suggestions:
        return ""
    typed = collapsed(q)
    for entry in suggestions.did_you_mean:
        for option in entry.options:
            # The same letters respaced (Chinese comes back one character per word) is no news.
            if collapsed(option.text) == typed:
                continue
            if ContentQuery(client).permission(user).text(option.text).count() > 0:
                return option.text
    return ""


def collapsed(text):
    return "".join(text.casefold().split())


def engine_more_like_this(type_name, pk, user, types, size=5, hazards=(), phases=(), language=""):
    """(type, pk) of the documents most like one indexed document, best first."""
    from .documents import document_id

    response = (
        ContentQuery(get_client()).permission(user)
        .more_like([document_id(type_name, pk)], types, size=size, hazards=hazards, phases=phases,
                   language=language)
        .execute()
    )
    return [(hit.type, hit.pk) for hit in response.hits]


def engine_autocomplete(prefix, user, size=8):
    """Titles starting with the words typed; none, those the same keys would have typed on the other
    keyboard layout ("lndvdj", typed with the keyboard still on English, is «مدیریت»)."""
    hits = _titles_starting(prefix, user, size)
    if not hits and (retyped := keyboard.on_the_other_layout(prefix)):
        hits = _titles_starting(retyped, user, size)
    return hits


def _titles_starting(prefix, user, size):
    response = ContentQuery(get_client()).permission(user).autocomplete(prefix, size=size).execute()
    return [Hit.from_document(hit.to_dict(), score=hit.meta.score) for hit in response.hits]

"""Running a search on the engine and turning its answer into an Outcome."""

from . import expansion
from .client import get_client
from .facets import FACETS
from .queries import ContentQuery
from .results import FacetValue, Hit, Outcome

SNIPPET_FIELDS = ("summary", "body", "english_summary", "extra_text")  # the title is shown anyway
MAX_FRAGMENTS = 3


def engine_search(params, user):
    client = get_client()
    query = (
        ContentQuery(client)
        .permission(user)
        .text(params.q)
        .filter(params.filters)
        .facets()
        .sort(params.sort)
        .page(params.page, params.page_size)
        .highlight()
    )
    response = query.execute_page()
    outcome = Outcome(params=params, total=response.total)
    for hit in response.hits:
        highlight = getattr(hit.meta, "highlight", None)
        found = Hit.from_document(
            hit.to_dict(), score=hit.meta.score, highlight=snippets(highlight),
            title_highlight=" ".join(getattr(highlight, "title", [])) if highlight else "",
        )
        found.matched = list(getattr(hit.meta, "matched_queries", []))
        outcome.hits.append(found)
    for facet in FACETS:
        aggregation = response.aggregations[facet.name]
        # Filtered by the other facets' choices ("values" inside), or plain when none were made.
        buckets = (aggregation["values"] if "values" in aggregation else aggregation)["buckets"]
        outcome.facets[facet.name] = [FacetValue(str(b["key"]), b["doc_count"]) for b in buckets]
    expansion.explain(outcome, query.concepts, query.languages)
    if params.q and outcome.total == 0:
        outcome.suggestion = checked_suggestion(client, params, user)
    return outcome


def snippets(highlight):
    """Highlighted fragments, most telling fields first (HTML: text escaped by the engine)."""
    if highlight is None:
        return []
    fragments = []
    for name in SNIPPET_FIELDS:
        fragments += list(getattr(highlight, name, []))
    return fragments[:MAX_FRAGMENTS]


def checked_suggestion(client, params, user):
    """The first suggested spelling that finds something this reader may see.

    Suggestions come from every indexed word, members-only ones included: each is re-run with
    the reader's permissions before it is offered, so a suggestion never reveals hidden text.
    None is offered when the words themselves find something and only the filters excluded it.
    Asked for only after a search found nothing: on every search the phrase suggester cost
    about as much as the search itself (scripts/bench_search.py).
    """
    if params.filters and ContentQuery(client).permission(user).text(params.q).count() > 0:
        return ""
    query = ContentQuery(client).permission(user).text(params.q).suggest()
    query.search = query.search.extra(size=0, track_total_hits=False)
    suggestions = getattr(query.execute(), "suggest", None)
    if not suggestions or "did_you_mean" not in suggestions:
        return ""
    typed = collapsed(params.q)
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
    response = ContentQuery(get_client()).permission(user).autocomplete(prefix, size=size).execute()
    return [Hit.from_document(hit.to_dict(), score=hit.meta.score) for hit in response.hits]

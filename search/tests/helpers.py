"""Small helpers the search tests share."""

from search import service
from search.results import SearchParams


def search(user, q="", sort="relevance", degraded=False, page=1, page_size=50, as_typed=False, **filters):
    """Run a search the way the page does; fails unless it ran in the expected mode.

    With the engine configured, a silent fall back to the database would make engine tests pass
    for the wrong reason: `degraded` says which mode the test expects.
    """
    filters = {k: v if isinstance(v, list) else [v] for k, v in filters.items()}
    outcome = service.search(SearchParams(q=q, filters=filters, sort=sort, page=page, page_size=page_size,
                                          as_typed=as_typed), user)
    mode = "answered from the database" if outcome.degraded else "answered by the engine"
    assert outcome.degraded == degraded, mode
    return outcome


def titles(outcome):
    return [hit.display_title for hit in outcome.hits]


def facet(outcome, name):
    """{value: count} of one facet."""
    return {v.value: v.count for v in outcome.facets[name]}

"""The one entry point views use: search with the engine, or the database when it is away."""

import logging
from collections import defaultdict

from portal import freshness

from . import backend, conf, fallback, indexing, queue, registry
from .client import ENGINE_ERRORS
from .facets import FACETS
from .results import FacetValue

logger = logging.getLogger(__name__)


def search(params, user):
    with freshness.one_reading():
        return _search(params, user)


def _search(params, user):
    outcome = None
    if conf.engine_configured():
        try:
            # The engine may be back from an outage: what it missed first (an item unpublished
            # meanwhile must not be found), or, failing that, the hits checked (`without_stale_hits`).
            waiting = indexing.replay_before_search()
            outcome = backend.engine_search(params, user)
        except ENGINE_ERRORS as exc:
            logger.warning("Search engine unavailable, answering from the database: %s", exc)
        else:
            if waiting:
                outcome.total -= without_stale_hits(outcome.hits, user)
    if outcome is None:
        outcome = fallback.database_search(params, user)
    label_facets(outcome)
    return outcome


def autocomplete(prefix, user):
    if conf.engine_configured():
        try:
            waiting = indexing.replay_before_search()
            hits = backend.engine_autocomplete(prefix, user)
        except ENGINE_ERRORS as exc:
            logger.warning("Search engine unavailable for autocomplete: %s", exc)
        else:
            if waiting:
                without_stale_hits(hits, user)
            return hits, False
    return fallback.database_autocomplete(prefix, user), True


def without_stale_hits(hits, user):
    """Remove, in place, the hits whose change still waits in the queue and that the database no
    longer shows this reader (unpublished, deleted, made members-only); returns how many went.

    Only hits are checked: counts and facets may include them until the queue is replayed.
    """
    refs = {}
    for position, hit in enumerate(hits):
        indexed_type = registry.type_named(hit.type)
        if indexed_type is not None:
            refs[position] = indexed_type.ref(hit.id)
    waiting = queue.queued(refs.values())
    if not waiting:
        return 0
    pks_by_type = defaultdict(set)
    for ref in waiting:
        pks_by_type[ref.label].add(ref.pk)
    shown = set()
    for label, pks in pks_by_type.items():
        visible = registry.type_of(label).visible_to(user).filter(pk__in=pks).values_list("pk", flat=True)
        shown |= {registry.type_of(label).ref(pk) for pk in visible}
    stale = {position for position, ref in refs.items() if ref in waiting and ref not in shown}
    hits[:] = [hit for position, hit in enumerate(hits) if position not in stale]
    return len(stale)


def more_like_this(type_name, pk, user, types, size=5, hazards=(), phases=(), language=""):
    """Documents like this one as (type, pk), or None when the engine cannot say."""
    if not conf.engine_configured():
        return None
    try:
        return backend.engine_more_like_this(type_name, pk, user, types, size=size, hazards=hazards,
                                             phases=phases, language=language)
    except ENGINE_ERRORS as exc:
        logger.warning("Search engine unavailable for related items: %s", exc)
        return None


def label_facets(outcome):
    """Readable labels, selection marks, and selected values kept even when their count is 0."""
    for facet in FACETS:
        values = outcome.facets.setdefault(facet.name, [])
        selected = [str(v) for v in outcome.params.filters.get(facet.name, [])]
        present = {v.value for v in values}
        values += [FacetValue(value, 0) for value in selected if value not in present]
        labels = facet.labels([v.value for v in values]) if values else {}
        # A value without a label (a concept since removed from the thesaurus) is not offered.
        values[:] = [v for v in values if labels.get(v.value, v.value) is not None or v.value in selected]
        for value in values:
            value.label = labels.get(value.value) or value.value
            value.selected = value.value in selected

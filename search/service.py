"""The one entry point views use: search with the engine, or the database when it is away."""

import logging

from . import backend, conf, fallback, indexing
from .client import ENGINE_ERRORS
from .facets import FACETS
from .results import FacetValue

logger = logging.getLogger(__name__)


def search(params, user):
    outcome = None
    if conf.engine_configured():
        try:
            outcome = backend.engine_search(params, user)
        except ENGINE_ERRORS as exc:
            logger.warning("Search engine unavailable, answering from the database: %s", exc)
        else:
            indexing.catch_up_if_due()  # the engine is back: replay what it missed
    if outcome is None:
        outcome = fallback.database_search(params, user)
    label_facets(outcome)
    return outcome


def autocomplete(prefix, user):
    if conf.engine_configured():
        try:
            return backend.engine_autocomplete(prefix, user), False
        except ENGINE_ERRORS as exc:
            logger.warning("Search engine unavailable for autocomplete: %s", exc)
    return fallback.database_autocomplete(prefix, user), True


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
        for value in values:
            value.label = labels.get(value.value, value.value)
            value.selected = value.value in selected

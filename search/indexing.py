"""Keeping the index in step with the database, one batch of objects at a time.

`apply(refs)` re-reads each object and writes what the database says now: the prepared
document if the object is indexable, a delete otherwise. Changes are therefore idempotent and
order does not matter: replaying an old change can only write the current state.

`sync(refs)` is what signal handlers call after a commit. It never raises: when the engine is
unreachable the change is queued (queue.py) and the save that triggered it goes through. After
a successful write it replays a bounded part of the queue, and so does the next search the
engine answers, before answering (`replay_before_search`).
"""

import logging
import time
from collections import defaultdict

from elasticsearch import helpers

from . import conf, queue, registry
from .client import ENGINE_ERRORS, get_client
from .documents import document_id, searchable

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
DRAIN_LIMIT = 200  # queued changes replayed after each successful write


def index_action(indexed_type, obj, index):
    return {
        "_op_type": "index",
        "_index": index,
        "_id": document_id(indexed_type.name, obj.pk),
        "_source": searchable(indexed_type.prepare(obj)),
    }


def delete_action(indexed_type, pk, index):
    return {"_op_type": "delete", "_index": index, "_id": document_id(indexed_type.name, pk)}


def actions_for(refs, index):
    by_label = defaultdict(set)
    for ref in refs:
        by_label[ref.label].add(int(ref.pk))
    for label, pks in by_label.items():
        indexed_type = registry.type_of(label)
        if indexed_type is None:
            continue
        found = {obj.pk: obj for obj in indexed_type.ready(indexed_type.queryset().filter(pk__in=pks))}
        for pk in sorted(pks):
            if pk in found:
                yield index_action(indexed_type, found[pk], index)
            else:
                yield delete_action(indexed_type, pk, index)


def apply(refs, *, client=None, index=None, refresh=False, timeout=None):
    """Write the current state of these objects; returns {ref: error} for the ones that failed.

    A write to the alias that finds no index at all creates the first version (versions.py) and
    is sent again. Raises one of ENGINE_ERRORS when the engine cannot be reached at all, or not
    within `timeout` seconds (default: a bulk write's).
    """
    refs = list(dict.fromkeys(refs))
    if not refs:
        return {}
    client = (client or get_client()).options(request_timeout=timeout or conf.bulk_timeout())
    index = index or conf.alias_name()
    failures = _write(client, refs, index, refresh)
    no_index = [ref for ref, error in failures.items() if _index_missing(error)]
    if no_index and index == conf.alias_name():
        from . import versions  # versions builds on this module; only this rare case needs it

        if versions.create_missing_alias(client):
            failures = {ref: error for ref, error in failures.items() if ref not in no_index}
            failures.update(_write(client, no_index, index, refresh))
    return {ref: str(error) for ref, error in failures.items()}


def _write(client, refs, index, refresh):
    """One bulk write of these objects; {ref: the engine's error} for the ones it refused."""
    ref_by_id = {
        document_id(registry.type_of(r.label).name, r.pk): r for r in refs if registry.type_of(r.label)
    }
    _, errors = helpers.bulk(
        client,
        actions_for(refs, index),
        chunk_size=CHUNK_SIZE,
        raise_on_error=False,
        # Writes go to the alias only: never let a missing alias auto-create a bare index.
        require_alias=index == conf.alias_name(),
        refresh=refresh,
    )
    failures = {}
    for item in errors:
        (operation, result), = item.items()
        if operation == "delete" and result.get("result") == "not_found":
            continue  # already gone: what we wanted
        ref = ref_by_id.get(result.get("_id"))
        if ref is not None:
            failures[ref] = result.get("error") or result
    return failures


def _index_missing(error):
    return isinstance(error, dict) and error.get("type") == "index_not_found_exception"


def sync(refs, action=queue.INDEX):
    """Bring these objects' documents up to date, or queue them; never raises."""
    refs = list(dict.fromkeys(r for r in refs if r is not None))
    if not refs or not conf.engine_configured():
        return
    try:
        failures = apply(refs)
    except ENGINE_ERRORS as exc:
        logger.warning("Search index not updated (%s); %d change(s) queued.", exc, len(refs))
        queue.record(refs, action, exc)
        return
    except Exception as exc:  # a bug must not lose the change either
        logger.exception("Search indexing failed; %d change(s) queued.", len(refs))
        queue.record(refs, action, exc)
        return
    if failures:
        logger.warning("Search index refused %d change(s); queued.", len(failures))
        for ref, error in failures.items():
            queue.record([ref], action, error)
        return
    drain_quietly(DRAIN_LIMIT)


# How often (seconds) a search sends again what is queued when nothing new was queued since.
CATCH_UP_INTERVAL = 30
# The queue as the last replay before a search left it (queue.summary()), and when (time.monotonic()).
_before_search = {"left": None, "at": None}


def replay_before_search(now=None):
    """Replay the queued changes before the engine answers a search; True if changes still wait.

    After an outage the index still holds what was unpublished, deleted or made members-only
    while the engine was away: the first search it answers again replays the queue first (with a
    search's timeout, refreshed so that the search sees the result). Changes that still wait
    (refused, beyond DRAIN_LIMIT, or not sent again because nothing new was queued in the last
    CATCH_UP_INTERVAL seconds) make the caller check the hits against the database instead
    (service.without_stale_hits). Raises one of ENGINE_ERRORS when the engine is still away.
    """
    waiting = queue.summary()
    if not waiting[0]:
        return False
    now = time.monotonic() if now is None else now
    last = _before_search
    if last["left"] == waiting and now - last["at"] < CATCH_UP_INTERVAL:
        return True
    _before_search.update(left=waiting, at=now)  # also when the engine fails: not on every search
    timeout = conf.search_timeout()
    try:
        queue.drain(lambda refs: apply(refs, refresh=True, timeout=timeout), limit=DRAIN_LIMIT)
    except ENGINE_ERRORS:
        raise
    except Exception:  # a bug must not fail the search: what waits is checked hit by hit
        logger.exception("Replaying queued search changes failed.")
    left = queue.summary()
    _before_search.update(left=left, at=now)
    return bool(left[0])


def drain_quietly(limit):
    """Replay part of the queue after a successful write; errors stay in the queue."""
    try:
        queue.drain(apply, limit=limit)
    except ENGINE_ERRORS as exc:
        logger.warning("Replaying queued search changes failed: %s", exc)
    except Exception:
        logger.exception("Replaying queued search changes failed.")


"""Keeping the index in step with the database, one batch of objects at a time.

`apply(refs)` re-reads each object and writes what the database says now: the prepared
document if the object is indexable, a delete otherwise. Changes are therefore idempotent and
order does not matter: replaying an old change can only write the current state.

`sync(refs)` is what signal handlers call after a commit. It never raises: when the engine is
unreachable the change is queued (queue.py) and the save that triggered it goes through. After
a successful write it replays a bounded part of the queue.
"""

import logging
import time
from collections import defaultdict

from elasticsearch import helpers

from . import conf, queue, registry
from .client import ENGINE_ERRORS, get_client
from .documents import document_id, with_language_fields

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
DRAIN_LIMIT = 200  # queued changes replayed after each successful write


def index_action(indexed_type, obj, index):
    return {
        "_op_type": "index",
        "_index": index,
        "_id": document_id(indexed_type.name, obj.pk),
        "_source": with_language_fields(indexed_type.prepare(obj)),
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


def apply(refs, *, client=None, index=None, refresh=False):
    """Write the current state of these objects; returns {ref: error} for the ones that failed.

    Raises one of ENGINE_ERRORS when the engine cannot be reached at all.
    """
    refs = list(dict.fromkeys(refs))
    if not refs:
        return {}
    client = (client or get_client()).options(request_timeout=conf.bulk_timeout())
    index = index or conf.alias_name()
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
            failures[ref] = str(result.get("error") or result)
    return failures


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


# How often (seconds) a search that reached the engine looks for changes queued while it was away.
CATCH_UP_INTERVAL = 30
_last_catch_up = {"at": None}


def catch_up_if_due(now=None):
    """Replay queued changes once the engine answers again, even on a site nobody edits.

    Called after a search the engine answered: at most once per CATCH_UP_INTERVAL per process,
    one indexed query when the queue is empty, one bounded replay when it is not.
    """
    now = time.monotonic() if now is None else now
    last = _last_catch_up["at"]
    if last is not None and now - last < CATCH_UP_INTERVAL:
        return
    _last_catch_up["at"] = now
    if queue.pending_count():
        drain_quietly(DRAIN_LIMIT)


def drain_quietly(limit):
    """Replay part of the queue after a successful write; errors stay in the queue."""
    try:
        queue.drain(apply, limit=limit)
    except ENGINE_ERRORS as exc:
        logger.warning("Replaying queued search changes failed: %s", exc)
    except Exception:
        logger.exception("Replaying queued search changes failed.")


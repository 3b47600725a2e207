"""Versioned indices behind one alias: build a new version, fill it, swap, drop the old ones.

Readers and writers only ever use the alias `<prefix>-content`. A rebuild fills
`<prefix>-content-<timestamp>` while the alias still points at the old version, so search keeps
working; one atomic `_aliases` call then moves the alias, and the old versions are deleted.
"""

import contextlib
import functools
import gc
import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from django.db.models import Q
from django.utils import timezone
from elasticsearch import ApiError, NotFoundError, helpers

from . import conf, drift, indexing, prepare, preparers, queue, registry
from .client import ENGINE_ERRORS, get_client
from .documents import content_index

logger = logging.getLogger(__name__)


class NoIndex(Exception):
    """There is no index behind the alias yet."""


@dataclass
class RebuildResult:
    index: str
    counts: dict = field(default_factory=dict)
    previous: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    caught_up: int = 0


def alias_targets(client):
    """The index version(s) the alias points at ([] when there is no alias yet)."""
    try:
        return sorted(client.indices.get_alias(name=conf.alias_name()).body)
    except NotFoundError:
        return []


def all_versions(client):
    return sorted(client.indices.get(index=conf.versions_pattern(), expand_wildcards="all").body)


def create_version(client, name=None):
    name = name or conf.new_version_name()
    content_index(name).create(using=client)
    return name


def create_missing_alias(client):
    """Put a first, empty version behind the alias when a write finds none; True if the alias exists now.

    On a fresh install (or under a new SEARCH_INDEX_PREFIX) the first save must not be queued as
    if the engine were down: the index is created with the current mapping and the write goes
    through. The engine accepts one write index per alias, so when two processes race the
    loser's version is deleted. A plain index squatting the alias's name is left for `rebuild`.
    """
    alias = conf.alias_name()
    if alias_targets(client):
        return True
    if client.indices.exists(index=alias):
        return False
    name = create_version(client)
    try:
        client.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias, "is_write_index": True}}])
    except ApiError:
        client.indices.delete(index=name, ignore_unavailable=True)
        return bool(alias_targets(client))
    logger.info("Created the search index %s behind %s: there was none yet.", name, alias)
    return True


def document_actions(index):
    """Index actions for every indexable object of every type, streamed from the database."""
    with prepare.site_roots_read_once():
        for indexed_type in registry.TYPES:
            rows = indexed_type.queryset().iterator(chunk_size=indexing.CHUNK_SIZE)
            for batch in indexed_type.batches(rows, indexing.CHUNK_SIZE):
                for obj in batch:
                    yield indexing.index_action(indexed_type, obj, index)


def fill(client, index, *, chunk_size=indexing.CHUNK_SIZE, senders=None, processes=None, require_alias=False):
    """Bulk-index everything into `index`; returns the count per type. Any refused document fails.

    In one process, chunks are sent from `senders` threads (SEARCH_INDEXING_SENDERS, default 2)
    while this one reads and prepares the next, so the engine works on several chunks at once (it
    analyses each bulk request on one thread) and its work and ours overlap instead of taking
    turns. The database is only read from this thread. With `processes` (SEARCH_INDEXING_PROCESSES)
    above one, that many processes prepare and send chunks side by side (preparers.py), to the
    configured engine (they cannot share `client`).
    """
    processes = processes or conf.indexing_processes()
    send = functools.partial(send_chunk, require_alias=require_alias)
    if preparers.usable(processes):  # before the keys are listed: inside a transaction they never are
        chunks = list(preparers.key_chunks(chunk_size))
        if preparers.usable(processes, len(chunks)):
            with fewer_garbage_collections():
                return preparers.fill(index, chunks, processes, send)
    senders = senders or conf.indexing_senders()
    counts = {t.name: 0 for t in registry.TYPES}

    def tally(chunk):
        for action in chunk:
            counts[drift.type_of_id(action["_id"])] += 1

    actions = document_actions(index)
    with fewer_garbage_collections(), ThreadPoolExecutor(max_workers=senders) as pool:
        in_flight = deque()
        while chunk := list(islice(actions, chunk_size)):
            if len(in_flight) >= senders:
                tally(in_flight.popleft().result())
            in_flight.append(pool.submit(send, client, chunk))
        while in_flight:
            tally(in_flight.popleft().result())
    return counts


def send_chunk(client, chunk, require_alias=False):
    """One bulk request of index actions; raises BulkIndexError when the engine refuses any."""
    operations = []
    for action in chunk:
        operations += [{"index": {"_index": action["_index"], "_id": action["_id"]}}, action["_source"]]
    # Only each item's status and any error come back: the full answer (index, id, version,
    # shards... of every document) cost the engine and us more than the request's own JSON.
    response = client.bulk(operations=operations, require_alias=require_alias,
                           filter_path="errors,items.*.status,items.*.error")
    if response["errors"]:
        failed = [{"_id": action["_id"], **outcome} for action, item in zip(chunk, response["items"], strict=True)
                  for outcome in item.values() if "error" in outcome]
        raise helpers.BulkIndexError(f"{len(failed)} document(s) failed to index.", failed)
    return chunk


@contextlib.contextmanager
def fewer_garbage_collections():
    """Python's cycle collector, run less often while documents are prepared by the thousand.

    With its defaults it ran every 700 new objects and re-scanned everything alive (Django's
    and Wagtail's own objects included): a tenth of a rebuild's Python time. What is alive
    before the fill is set aside (`gc.freeze`), and collections come every 50,000 objects.
    """
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


# While a new version fills, nobody reads it and it can be rebuilt from the database: no
# refreshes, no replicas, and the translog written to disk in the background, not per request.
FILLING_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}


def swap_alias(client, new_index):
    """Point the alias at `new_index` in one atomic call; returns the versions it left."""
    alias = conf.alias_name()
    previous = alias_targets(client)
    actions = [{"remove": {"index": old, "alias": alias}} for old in previous if old != new_index]
    if not previous and client.indices.exists(index=alias):
        # A plain index squats the alias's name (written before any rebuild): replace it.
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": new_index, "alias": alias, "is_write_index": True}})
    client.indices.update_aliases(actions=actions)
    return [old for old in previous if old != new_index]


def delete_old_versions(client, keep):
    old = [name for name in all_versions(client) if name != keep]
    for name in old:
        client.indices.delete(index=name, ignore_unavailable=True)
    return old


def rebuild(*, chunk_size=indexing.CHUNK_SIZE, client=None):
    """A fresh index version with everything in it, swapped in behind the alias."""
    client = client or get_client()
    started = timezone.now()
    name = create_version(client)
    try:
        client.indices.put_settings(index=name, settings={"index": FILLING_SETTINGS})
        counts = fill(client, name, chunk_size=chunk_size)
        client.indices.put_settings(index=name, settings={"index": {
            "refresh_interval": None, "translog.durability": None, "number_of_replicas": conf.index_replicas(),
        }})
        client.indices.flush(index=name)
        client.indices.refresh(index=name)
    except Exception:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    previous = swap_alias(client, name)
    deleted = delete_old_versions(client, keep=name)
    result = RebuildResult(index=name, counts=counts, previous=previous, deleted=deleted)
    # Changes queued before the rebuild started are in the new version already.
    queue.forget_older_than(started)
    result.caught_up = catch_up(client, since=started)
    merge_in_background(client, name)
    return result


def merge_in_background(client, name):
    """Ask the engine to merge the new version into one segment, without waiting for it.

    Built in one go and changed little afterwards, the index is searched segment by segment: each
    looks up the query's terms and highlights its hits again, and one segment answered the bench
    queries in about two thirds of the time eight took. Later edits make small segments, which the
    engine merges as it always does. A merge that cannot start leaves the index as it is.
    """
    try:
        client.indices.forcemerge(index=name, max_num_segments=1, wait_for_completion=False)
    except ENGINE_ERRORS as exc:
        logger.warning("The new search index %s was not merged into one segment: %s", name, exc)


def changed_since(since):
    """Objects saved or published while a rebuild was reading the database, and those whose
    attachments the worker read meanwhile (it wrote them to the old version)."""
    refs = []
    for indexed_type in registry.TYPES:
        condition = Q()
        for name in indexed_type.changed_at:  # what says "changed" on the type's rows
            condition |= Q(**{f"{name}__gte": since})
        if indexed_type.attachments is not None:
            condition |= Q(**{f"{indexed_type.attachments.lookup}__extracted_text__extracted_at__gte": since})
        changed = indexed_type.model._default_manager.filter(condition).values_list("pk", flat=True)
        refs += [indexed_type.ref(pk) for pk in changed]
    return refs


def catch_up(client, since):
    """Re-apply what changed during the rebuild (those writes went to the old version), and what the
    new version holds otherwise than the database (a row deleted meanwhile): looked for document by
    document only when the counts per type differ."""
    refs = set(changed_since(since))
    if refs:  # first, and seen by the counts: an item added and another deleted leave them equal
        indexing.apply(refs, client=client, refresh=True)
    if not drift.counts_agree(client=client):
        drifted = {type_drift.indexed_type.ref(pk) for type_drift in drift.compare(client=client)
                   for pk in type_drift.missing | type_drift.extra}
        if drifted:
            indexing.apply(drifted, client=client, refresh=True)
        refs |= drifted
    indexing.drain_quietly(limit=None)
    return len(refs)


def update(*, client=None):
    """Re-index everything into the current version and remove documents that no longer belong."""
    client = client or get_client()
    if not alias_targets(client):
        raise NoIndex(f"The alias {conf.alias_name()} does not exist yet: run `search_index rebuild`.")
    index = conf.alias_name()
    counts = fill(client, index, require_alias=True)
    client.indices.refresh(index=index)
    stale = [t.indexed_type.ref(pk) for t in drift.compare(client=client) for pk in t.extra]
    if stale:
        indexing.apply(stale, client=client, refresh=True)
    return counts, len(stale)

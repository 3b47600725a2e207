"""A rebuild's documents prepared in several processes (SEARCH_INDEXING_PROCESSES).

One process prepares about 3,000 documents a second on the benchmark's machine (reading rows,
walking StreamFields, tagging concepts): a sizeable share of a rebuild, beside the engine's
indexing. With more processes, each reads, prepares and sends its own chunks, given as primary
keys, and waits while the engine writes them; the process that asked only lists the keys and adds
up what was sent.

The processes are forked, so they inherit the settings as they stand (a test database's name
included), and each opens its own database connection and engine client. They read the database
on their own connections: what the asking process has not committed (a rebuild inside a
transaction) they would not see, and an in-memory SQLite database is that process's alone. In
those cases, and for a rebuild of a few chunks, the documents are prepared in the asking process.
"""

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

from django.db import connections

from portal import thesaurus

from . import conf, indexing, prepare, registry
from .client import forget_clients, get_client

# Fewer chunks than this per process: starting the processes costs more than they save.
CHUNKS_PER_PROCESS = 2


def usable(processes, chunks=None):
    """Whether `processes` processes can prepare (they must be able to read what this one reads) and,
    given the count of `chunks`, are worth starting."""
    if processes < 2 or not all(map(shared, connections.all())):
        return False
    return chunks is None or chunks >= processes * CHUNKS_PER_PROCESS


def shared(connection):
    """Whether other processes can read what this connection reads: not inside a transaction, not
    an in-memory SQLite database."""
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    return not connection.in_atomic_block and not in_memory


def key_chunks(chunk_size):
    """(type name, primary keys) of every indexable object, in chunks of `chunk_size`."""
    for indexed_type in registry.TYPES:
        keys = list(indexed_type.queryset().order_by("pk").values_list("pk", flat=True).distinct())
        for start in range(0, len(keys), chunk_size):
            yield indexed_type.name, keys[start:start + chunk_size]


def fill(index, chunks, processes, send):
    """Prepare and send `chunks` (key_chunks) from `processes` processes; returns the count per type.

    `send(client, actions)` writes one chunk of actions and raises when the engine refuses any; the
    first failure stops the fill and is raised here.
    """
    thesaurus.matcher()  # built here once, inherited by every process instead of built by each
    # Each process opens its own connection: one inherited would be shared with this process.
    connections.close_all()
    counts = Counter({indexed_type.name: 0 for indexed_type in registry.TYPES})
    # Forked, the processes all start at once, before the pool starts a thread of its own; one that
    # dies fails the fill (BrokenProcessPool) instead of leaving it waiting.
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"), initializer=_start)
    try:
        for sent in pool.map(_prepare_and_send, [(index, name, keys, send) for name, keys in chunks]):
            counts.update(sent)
    finally:
        pool.shutdown(cancel_futures=True)  # after a failure, nothing more is sent
    return dict(counts)


def _start():
    """In a new process: an engine client of its own."""
    forget_clients()


def _prepare_and_send(task):
    index, type_name, keys, send = task
    indexed_type = registry.BY_NAME[type_name]
    with prepare.site_roots_read_once():
        objects = indexed_type.ready(indexed_type.queryset().filter(pk__in=keys).order_by("pk"))
        actions = [indexing.index_action(indexed_type, obj, index) for obj in objects]
    send(get_client().options(request_timeout=conf.bulk_timeout()), actions)
    return Counter({type_name: len(actions)})

"""Where the search engine is and what its indices are called, read from Django settings.

`ELASTICSEARCH_URL` empty means "no engine": indexing is skipped and searches answer from the
database. It may name several nodes of one cluster, comma-separated: a request a node cannot take
goes to another. Index names all start with `SEARCH_INDEX_PREFIX`, so several sites (or test runs)
can share one cluster.
"""

import os
import time

from django.conf import settings
from django.utils import timezone

CONTENT = "content"


def engine_url():
    return (getattr(settings, "ELASTICSEARCH_URL", "") or "").strip()


def engine_hosts():
    """The nodes' addresses, in the order given."""
    return tuple(part.strip() for part in engine_url().split(",") if part.strip())


def engine_configured():
    return bool(engine_hosts())


def index_prefix():
    return (getattr(settings, "SEARCH_INDEX_PREFIX", "") or "portal").strip().lower()


def alias_name():
    """The name every reader and writer uses; it points at one version of the index."""
    return f"{index_prefix()}-{CONTENT}"


def versions_pattern():
    return f"{alias_name()}-*"


def new_version_name():
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def search_timeout():
    """Seconds a search may take before the page falls back to the database."""
    return float(getattr(settings, "SEARCH_TIMEOUT", 5))


def bulk_timeout():
    """Seconds a bulk write (indexing, rebuilding) may take."""
    return float(getattr(settings, "SEARCH_BULK_TIMEOUT", 120))


def index_replicas():
    """Replicas of new index versions: SEARCH_INDEX_REPLICAS, or one as soon as the cluster has a
    second data node to keep it (a node can then go away without taking any part of the index)."""
    explicit = getattr(settings, "SEARCH_INDEX_REPLICAS", None)
    if explicit not in (None, ""):
        return int(explicit)
    return 1 if data_nodes() >= 2 else 0


# Data nodes per engine address: (valid until, count). Nodes come and go rarely, and an index
# version is created a few times a day at most, so the answer is kept for a while.
DATA_NODES_SECONDS = 300
_data_nodes = {}


def data_nodes():
    """How many data nodes the engine's cluster has; 0 when it cannot say (not kept, asked again)."""
    hosts = engine_hosts()
    if not hosts:
        return 0
    now = time.monotonic()
    known = _data_nodes.get(hosts)
    if known is not None and known[0] > now:
        return known[1]
    from .client import ENGINE_ERRORS, get_client  # the client reads this module's settings

    try:
        count = int(get_client().cluster.health(filter_path="number_of_data_nodes")["number_of_data_nodes"])
    except (*ENGINE_ERRORS, KeyError, ValueError):
        return 0
    _data_nodes[hosts] = (now + DATA_NODES_SECONDS, count)
    return count


def forget_data_nodes():
    _data_nodes.clear()


def indexing_senders():
    """Bulk requests a rebuild keeps in flight at once (about one per core of the engine)."""
    return max(1, int(getattr(settings, "SEARCH_INDEXING_SENDERS", 2)))


# The default's ceiling: a container may see many more cores than its share, and each process holds
# a database connection of its own.
DEFAULT_PROCESSES_AT_MOST = 4


def indexing_processes():
    """Processes preparing a rebuild's documents (preparers.py): by default one per core this
    process may use, at most DEFAULT_PROCESSES_AT_MOST. Each process waits while the engine writes
    its chunk, so the processes and an engine on the same machine take turns on the cores rather
    than crowd them: on two cores, two processes rebuilt the benchmark's 100,000 documents about
    6 % faster than one (2,432 against 2,284 documents a second, alternated), three no faster
    than two."""
    configured = getattr(settings, "SEARCH_INDEXING_PROCESSES", None)
    if configured is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        configured = min(cores, DEFAULT_PROCESSES_AT_MOST)
    return max(1, int(configured))


def attachment_seconds():
    """Wall-clock seconds the reading of one attached file may take before its process is killed."""
    return max(1.0, float(getattr(settings, "ATTACHMENT_TIME_LIMIT", 60)))


def attachment_limits():
    """The bounds of reading one attached file (search.extraction.Limits), from settings.

    The reader stops by itself a little before the kill (keeping what it read), so a slow but
    harmless file still gives its first pages.
    """
    from .extraction import MB, Limits

    return Limits(
        memory_bytes=int(getattr(settings, "ATTACHMENT_MEMORY_MB", 512)) * MB,
        xml_bytes=int(getattr(settings, "ATTACHMENT_XML_MB", 50)) * MB,
        seconds=attachment_seconds() * 0.8,
    )

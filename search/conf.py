"""Where the search engine is and what its indices are called, read from Django settings.

`ELASTICSEARCH_URL` empty means "no engine": indexing is skipped and searches answer from the
database. Index names all start with `SEARCH_INDEX_PREFIX`, so several sites (or test runs) can
share one cluster.
"""

from django.conf import settings
from django.utils import timezone

CONTENT = "content"


def engine_url():
    return (getattr(settings, "ELASTICSEARCH_URL", "") or "").strip()


def engine_configured():
    return bool(engine_url())


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
    return int(getattr(settings, "SEARCH_INDEX_REPLICAS", 0))


def indexing_senders():
    """Bulk requests a rebuild keeps in flight at once (about one per core of the engine)."""
    return max(1, int(getattr(settings, "SEARCH_INDEXING_SENDERS", 2)))

"""One Elasticsearch client per configured address, and the errors that mean "engine down"."""

import functools

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch

from . import conf


class EngineUnavailable(Exception):
    """The engine cannot answer: not configured, unreachable, or it refused the request."""


class EngineNotConfigured(EngineUnavailable):
    pass


# Everything the client raises when the node is down, slow, or rejects a request.
ENGINE_ERRORS = (ApiError, TransportError, EngineUnavailable)


@functools.lru_cache(maxsize=8)
def _client(url, timeout):
    # Few retries and a short timeout: a page must not hang when the node is away.
    return Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False)


def get_client():
    url = conf.engine_url()
    if not url:
        raise EngineNotConfigured("ELASTICSEARCH_URL is empty")
    return _client(url, conf.search_timeout())

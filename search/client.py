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
def _client(hosts, timeout):
    # Few retries and a short timeout: a page must not hang when the node is away. With several
    # nodes, the one retry goes to another node, so one node down costs no request.
    return Elasticsearch(list(hosts), request_timeout=timeout, max_retries=1, retry_on_timeout=False)


def get_client():
    hosts = conf.engine_hosts()
    if not hosts:
        raise EngineNotConfigured("ELASTICSEARCH_URL is empty")
    return _client(hosts, conf.search_timeout())

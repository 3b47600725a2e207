"""One Elasticsearch client per configured address, and the errors that mean "engine down"."""

import functools

import orjson
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer

from . import conf


class OrjsonNdjsonSerializer(NdjsonSerializer):
    """Bulk requests (one JSON document per line) written with orjson too: the standard library's
    encoder took a tenth of a rebuild's time."""

    def json_dumps(self, data):
        return orjson.dumps(data, default=self.default)

    def json_loads(self, data):
        return orjson.loads(data)


SERIALIZERS = {OrjsonSerializer.mimetype: OrjsonSerializer(), OrjsonNdjsonSerializer.mimetype: OrjsonNdjsonSerializer()}


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
    return Elasticsearch(list(hosts), request_timeout=timeout, max_retries=1, retry_on_timeout=False,
                         serializers=SERIALIZERS)


def forget_clients():
    """In a forked process: the next get_client() connects anew (an inherited client's connections
    are shared with the parent)."""
    _client.cache_clear()


def get_client():
    hosts = conf.engine_hosts()
    if not hosts:
        raise EngineNotConfigured("ELASTICSEARCH_URL is empty")
    return _client(hosts, conf.search_timeout())

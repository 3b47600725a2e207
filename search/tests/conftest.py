"""Search test fixtures: a real Elasticsearch node, one throw-away index prefix per test.

The node's address comes from ELASTICSEARCH_URL, or scripts/search-engine's default. Tests
that need it FAIL with instructions when it is not there: they never skip and never mock it.
"""

import os
import socket
import uuid
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from elasticsearch import Elasticsearch

from search import conf, indexing, versions
from search.client import get_client

DEFAULT_ENGINE_URL = "http://127.0.0.1:9200"


def engine_url():
    return os.environ.get("ELASTICSEARCH_URL") or DEFAULT_ENGINE_URL


@pytest.fixture(scope="session")
def engine_address():
    url = engine_url()
    try:
        # Not ping(): the development node answers GET / with 405.
        Elasticsearch(url, request_timeout=5, max_retries=0).cluster.health()
    except Exception as exc:  # noqa: BLE001 - any failure means the same to the reader
        pytest.fail(
            f"These tests need a running Elasticsearch node at {url}, and it cannot be reached ({exc}). "
            "Start one with `scripts/search-engine start` (from the project root) or point "
            "ELASTICSEARCH_URL at one.",
            pytrace=False,
        )
    return url


@dataclass
class Engine:
    client: Elasticsearch
    prefix: str

    @property
    def alias(self):
        return conf.alias_name()

    def refresh(self):
        self.client.indices.refresh(index=self.alias)

    def reindex(self):
        """Index everything in the database into the current version, ready to search."""
        versions.update(client=self.client)
        self.refresh()

    def analyze(self, analyzer, text):
        index = versions.alias_targets(self.client)[0]
        response = self.client.indices.analyze(index=index, analyzer=analyzer, text=text)
        return [token["token"] for token in response["tokens"]]

    def documents(self):
        """{document id: source} of everything in the index."""
        self.refresh()
        response = self.client.search(index=self.alias, size=1000, query={"match_all": {}})
        return {hit["_id"]: hit["_source"] for hit in response["hits"]["hits"]}

    def delete_all_versions(self):
        for name in self.client.indices.get(index=f"{self.prefix}-*", expand_wildcards="all"):
            self.client.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture
def engine(engine_address, settings, db):
    """An empty content index (with its alias) under a prefix of its own, deleted afterwards."""
    settings.ELASTICSEARCH_URL = engine_address
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
    client = get_client()
    engine = Engine(client=client, prefix=settings.SEARCH_INDEX_PREFIX)
    versions.swap_alias(client, versions.create_version(client))
    yield engine
    engine.delete_all_versions()


@pytest.fixture(autouse=True)
def no_earlier_replay():
    """The replay before a search remembers its last try per process: not from another test's queue."""
    indexing._before_search.update(left=None, at=None)
    yield
    indexing._before_search.update(left=None, at=None)


@pytest.fixture(autouse=True)
def english():
    """Tests compare English labels ("Meeting 9, resolution 1"); the site's default is Persian."""
    with translation.override("en"):
        yield


@pytest.fixture
def closed_port():
    """A local port nothing listens on: an engine address that refuses connections."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def anonymous():
    return AnonymousUser()


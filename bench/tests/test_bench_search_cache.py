"""The benchmark's comparison without the engine's request cache, on a real node."""

import uuid

import pytest
from elasticsearch import Elasticsearch

from knowledge.factories import add_item
from search import queries
from search.tests.conftest import anonymous, engine, engine_address  # noqa: F401 - fixtures, with their instructions
from search.tests.helpers import search, titles

from .test_bench_search_report import bench_search


@pytest.fixture
def two_indices(engine_address):  # noqa: F811 - the fixture imported above
    client = Elasticsearch(engine_address)
    names = [f"test-bench-cache-{uuid.uuid4().hex[:8]}-{n}" for n in (1, 2)]
    for name in names:
        client.indices.create(index=name, settings={"number_of_shards": 1, "number_of_replicas": 0})
    yield client, names
    client.indices.delete(index=",".join(names), ignore_unavailable=True)


def request_cache_settings(client, names):
    settings = client.indices.get_settings(index=",".join(names), include_defaults=True)
    return [settings[name]["settings"].get("index", {}).get("requests", {}).get("cache", {}).get("enable")
            or settings[name]["defaults"]["index"]["requests"]["cache"]["enable"] for name in names]


def test_no_system_answers_from_the_request_cache_inside_and_every_one_does_again_after(two_indices):
    client, names = two_indices
    script = bench_search()
    assert request_cache_settings(client, names) == ["true", "true"]
    with script.without_request_cache(client, names):
        assert request_cache_settings(client, names) == ["false", "false"]
        assert queries.RANKED_PAGE_REQUEST_CACHE is False
    assert request_cache_settings(client, names) == ["true", "true"]
    assert queries.RANKED_PAGE_REQUEST_CACHE is True


def test_the_cache_is_back_on_after_a_comparison_that_failed(two_indices):
    client, names = two_indices
    script = bench_search()
    with pytest.raises(RuntimeError), script.without_request_cache(client, names):
        raise RuntimeError("the engine went away")
    assert request_cache_settings(client, names) == ["true", "true"]
    assert queries.RANKED_PAGE_REQUEST_CACHE is True


def request_cache_hits(engine):  # noqa: F811 - the fixture imported above
    stats = engine.client.indices.stats(index=engine.alias, metric="request_cache")
    return stats["_all"]["total"]["request_cache"]["hit_count"]


def test_without_the_request_cache_the_same_search_again_is_worked_out_again(
        engine, site_tree, orgs, anonymous):  # noqa: F811 - the fixtures imported above
    add_item(site_tree["knowledge"], orgs["tehran"], title="Flood drill", summary="crisis drill", language="en")
    engine.reindex()
    script = bench_search()
    with script.without_request_cache(engine.client, [engine.alias]):
        first = search(anonymous, "crisis drill", type="study")
        hits = request_cache_hits(engine)
        again = search(anonymous, "crisis drill", type="study")
        assert request_cache_hits(engine) == hits  # the page, the counts and the type's counts asked anew
    assert titles(again) == titles(first) == ["Flood drill"]
    search(anonymous, "crisis drill", type="study")
    assert request_cache_hits(engine) == hits  # cached again only from here on: nothing was stored inside
    search(anonymous, "crisis drill", type="study")
    assert request_cache_hits(engine) == hits + 3

"""A node of a two-node cluster dies: every search is still answered by the engine, nothing is lost.

The cluster is our own (`scripts/search-engine cluster`, engine_node.py), on free ports, never the
shared node. The portal is given both nodes' addresses, indexes through its usual signals, and
puts a replica on the second node because the cluster has two data nodes. Node 2 is killed the way
an outage kills it; the searches give the same totals as before, writes still go through, and
when the node is back the cluster is whole again.
"""

import uuid

import pytest
from django.core.cache import cache

from knowledge.factories import add_item
from portal.health import CACHE_KEY
from resolutions.factories import ResolutionFactory, add_meeting
from search import conf, versions
from search.client import get_client
from search.models import PendingIndexChange

from .engine_node import engine_cluster  # noqa: F401 - a fixture
from .helpers import search

pytestmark = [pytest.mark.search_engine, pytest.mark.cluster]

# (query, filters): words in three languages, a filter, and everything.
QUERIES = [
    ("flood", {}),
    ("زلزله", {}),
    ("地震", {}),
    ("evacuation", {"type": "resolution"}),
    ("", {}),
]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def cluster_engine(engine_cluster, settings, db):  # noqa: F811
    """The portal on both nodes of the cluster, under a throw-away prefix (no index yet)."""
    settings.ELASTICSEARCH_URL = engine_cluster.urls
    settings.SEARCH_INDEX_PREFIX = f"test-cluster-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_TIMEOUT = 10  # a node that has just started or lost its peer answers slower
    conf.forget_data_nodes()
    yield get_client()
    conf.forget_data_nodes()


def health(es, **wait):
    return es.options(request_timeout=120).cluster.health(index=conf.alias_name(), timeout="90s", **wait)


def cluster_health(client):
    """What /healthz/ says of the engine, asked afresh."""
    cache.delete(CACHE_KEY)
    response = client.get("/healthz/")
    engine = response.json()["parts"]["search_engine"]
    return response.status_code, engine["cluster"], engine["nodes"]


def answers(user):
    """{query: (total, ids of the hits)}, every one answered by the engine (`search` checks)."""
    found = {}
    for q, filters in QUERIES:
        outcome = search(user, q, **filters)
        found[q] = (outcome.total, sorted((hit.type, hit.id) for hit in outcome.hits))
    return found


def test_searches_survive_losing_a_node_of_the_cluster(
    engine_cluster, cluster_engine, committed, site_tree, orgs, anonymous, client,  # noqa: F811
):
    es = cluster_engine
    assert conf.data_nodes() == 2 and conf.index_replicas() == 1

    # Content indexed the usual way: saves and publishes, indexed after commit. The first write
    # finds no index under this prefix and creates it, with the cluster's replica.
    with committed():
        meeting = add_meeting(site_tree["meetings"], 9)
        ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]],
                          text="Prepare evacuation drills for schools near the river")
        ResolutionFactory(meeting=meeting, number=2, owners=[orgs["tehran"]],
                          text="Publish evacuation routes before the flood season")
        add_item(site_tree["knowledge"], orgs["tehran"], title="Flood map of Tehran")
        add_item(site_tree["knowledge"], orgs["isfahan"], title="نقشه خطر زلزله اصفهان", language="fa")
        add_item(site_tree["knowledge"], orgs["isfahan"], title="地震应急演练总结", language="zh")
        add_item(site_tree["knowledge"], orgs["tehran"], title="Flood shelters by district", kind="training")
    assert not PendingIndexChange.objects.exists()
    [version] = versions.alias_targets(es)
    assert es.indices.get_settings(index=version)[version]["settings"]["index"]["number_of_replicas"] == "1"

    assert health(es, wait_for_status="green")["status"] == "green"
    es.indices.refresh(index=conf.alias_name())
    before = answers(anonymous)
    assert all(total for total, _hits in before.values()), before
    assert before[""][0] == 7

    engine_cluster.node(2).kill()

    # At once, before the cluster has even noticed, and again once it has.
    assert answers(anonymous) == before
    state = health(es, wait_for_nodes="1")
    assert (state["number_of_nodes"], state["status"]) == (1, "yellow")
    assert answers(anonymous) == before
    assert cluster_health(client) == (200, "yellow", 1)  # every search answered: reported, not failed

    # Writes go on too: the master and a copy of every shard are still there.
    with committed():
        add_item(site_tree["knowledge"], orgs["isfahan"], title="Flood drill in Isfahan")
    assert not PendingIndexChange.objects.exists()
    es.indices.refresh(index=conf.alias_name())
    assert search(anonymous, "flood").total == before["flood"][0] + 1

    engine_cluster.start()  # brings node 2 back; its copy catches up from the primary

    state = health(es, wait_for_nodes="2", wait_for_status="green")
    assert (state["number_of_nodes"], state["status"]) == (2, "green")
    assert cluster_health(client) == (200, "green", 2)
    after = answers(anonymous)
    assert (after["flood"][0], after[""][0]) == (before["flood"][0] + 1, 8)
    assert {q: answer for q, answer in after.items() if q not in ("flood", "")} == {
        q: answer for q, answer in before.items() if q not in ("flood", "")
    }

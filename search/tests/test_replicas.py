"""How many replicas a new index version gets: SEARCH_INDEX_REPLICAS, or what the cluster can hold.

The two-node case is in test_cluster.py; here the shared single node, an explicit setting, and an
engine that cannot be asked.
"""

import pytest

from search import conf, versions

pytestmark = pytest.mark.search_engine


@pytest.fixture(autouse=True)
def fresh_counts():
    conf.forget_data_nodes()
    yield
    conf.forget_data_nodes()


def test_a_single_node_gets_no_replica(engine, settings):
    settings.SEARCH_INDEX_REPLICAS = None
    assert conf.data_nodes() == 1
    assert conf.index_replicas() == 0
    version = versions.create_version(engine.client)
    settings_of = engine.client.indices.get_settings(index=version)[version]["settings"]["index"]
    assert settings_of["number_of_replicas"] == "0"  # a replica there could never be assigned: yellow


def test_an_explicit_setting_wins(engine, settings):
    settings.SEARCH_INDEX_REPLICAS = 2
    assert conf.index_replicas() == 2
    settings.SEARCH_INDEX_REPLICAS = "0"
    assert conf.index_replicas() == 0


def test_the_count_is_kept_per_address_and_an_engine_away_is_asked_again(engine, settings, closed_port):
    settings.SEARCH_INDEX_REPLICAS = None
    assert conf.data_nodes() == 1
    assert conf._data_nodes[conf.engine_hosts()][1] == 1
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    assert conf.data_nodes() == 0
    assert conf.index_replicas() == 0
    assert conf.engine_hosts() not in conf._data_nodes  # no answer is not an answer to keep


def test_several_addresses_make_one_client():
    from search.client import _client

    client = _client(("http://127.0.0.1:9201", "http://127.0.0.1:9202"), 1.0)
    assert len(client.transport.node_pool.all()) == 2


def test_addresses_are_read_from_a_comma_separated_setting(settings):
    settings.ELASTICSEARCH_URL = " http://127.0.0.1:9201, http://127.0.0.1:9202 ,"
    assert conf.engine_hosts() == ("http://127.0.0.1:9201", "http://127.0.0.1:9202")
    assert conf.engine_configured()
    settings.ELASTICSEARCH_URL = " , "
    assert not conf.engine_configured()

"""A rebuild prepared in several processes (preparers.py), against the real node."""

import pytest
from django.db import connection
from elasticsearch import helpers

from knowledge.factories import add_item
from search import conf, preparers, versions

pytestmark = pytest.mark.search_engine

ITEMS = 7


def needs_a_shared_database():
    if not preparers.shared(connection):
        pytest.skip("Other processes cannot read an in-memory SQLite database: this runs on PostgreSQL.")


def documents(client, index):
    client.indices.refresh(index=index)
    hits = client.search(index=index, size=100, query={"match_all": {}})["hits"]["hits"]
    return {hit["_id"]: hit["_source"] for hit in hits}


# Serialized rollback: emptied afterwards, the database gets back the rows its migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_documents_prepared_in_several_processes_are_those_prepared_in_one(engine, site_tree, orgs, monkeypatch):
    needs_a_shared_database()
    for number in range(ITEMS):
        add_item(site_tree["knowledge"], orgs["tehran" if number % 2 else "isfahan"], title=f"Study {number}")
    asked = []
    fill = preparers.fill
    monkeypatch.setattr(preparers, "fill", lambda index, chunks, processes, send: asked.append(processes)
                        or fill(index, chunks, processes, send))

    in_one = versions.create_version(engine.client)
    counts_in_one = versions.fill(engine.client, in_one, chunk_size=1, processes=1)
    in_three = versions.create_version(engine.client)
    counts_in_three = versions.fill(engine.client, in_three, chunk_size=1, processes=3)

    assert asked == [3]  # the one-process fill never started processes
    assert counts_in_three == counts_in_one and counts_in_one["study"] == ITEMS
    prepared_in_one = documents(engine.client, in_one)
    assert len(prepared_in_one) == sum(counts_in_one.values())
    assert documents(engine.client, in_three) == prepared_in_one


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_chunk_the_engine_refuses_fails_the_fill_in_several_processes(engine, site_tree, orgs):
    needs_a_shared_database()
    for number in range(ITEMS):
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"Study {number}")
    # Writes must go to an alias, and this name is none: the engine refuses every document.
    with pytest.raises(helpers.BulkIndexError):
        versions.fill(engine.client, f"{conf.alias_name()}-nowhere", chunk_size=1, processes=2, require_alias=True)


def test_a_fill_inside_a_transaction_prepares_everything_in_its_own_process(engine, site_tree, orgs):
    # The test's rows are not committed: other processes would find none of them.
    for number in range(ITEMS):
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"Study {number}")
    assert not preparers.usable(4, chunks=100)
    index = versions.create_version(engine.client)
    counts = versions.fill(engine.client, index, chunk_size=1, processes=4)
    assert counts["study"] == ITEMS
    assert len(documents(engine.client, index)) == sum(counts.values())


def test_few_chunks_are_prepared_in_the_asking_process(db):
    assert not preparers.usable(4, chunks=4 * preparers.CHUNKS_PER_PROCESS - 1)
    assert not preparers.usable(1, chunks=100)


def test_one_process_per_core_prepares_unless_the_setting_says_otherwise(settings, monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(2)))
    settings.SEARCH_INDEXING_PROCESSES = None
    assert conf.indexing_processes() == 2
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(3)))
    assert conf.indexing_processes() == 3
    # A container may see far more cores than its share: the default stays small.
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(64)))
    assert conf.indexing_processes() == conf.DEFAULT_PROCESSES_AT_MOST
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0})
    assert conf.indexing_processes() == 1
    settings.SEARCH_INDEXING_PROCESSES = 3
    assert conf.indexing_processes() == 3

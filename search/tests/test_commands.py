"""manage.py search_index: rebuild behind the alias, update, check for drift, sync the queue."""

import copy
import gc
import io
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from elasticsearch import helpers

from knowledge.factories import add_item
from search import conf, drift, indexing, versions
from search.documents import content_index
from search.models import PendingIndexChange

from .helpers import search, titles

pytestmark = pytest.mark.search_engine


def run(*args):
    out = io.StringIO()
    call_command("search_index", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_rebuild_fills_a_new_version_and_swaps_the_alias_when_it_is_ready(
    engine, site_tree, orgs, anonymous, monkeypatch,
):
    add_item(site_tree["knowledge"], orgs["tehran"], title="Old study")
    engine.reindex()
    [old_version] = versions.alias_targets(engine.client)
    add_item(site_tree["knowledge"], orgs["tehran"], title="New study")

    seen_during_fill = {}
    fill = versions.fill

    def observed_fill(client, index, **kwargs):
        counts = fill(client, index, **kwargs)
        # The new version is full, but readers still get the old one until the swap.
        seen_during_fill["alias"] = versions.alias_targets(client)
        seen_during_fill["titles"] = set(titles(search(anonymous)))
        return counts

    monkeypatch.setattr(versions, "fill", observed_fill)
    output = run("rebuild")

    assert seen_during_fill == {"alias": [old_version], "titles": {"Old study"}}
    [new_version] = versions.alias_targets(engine.client)
    assert new_version != old_version and new_version.startswith(f"{conf.alias_name()}-")
    assert versions.all_versions(engine.client) == [new_version]  # the old version is gone
    assert set(titles(search(anonymous))) == {"Old study", "New study"}
    assert "study 2" in output and new_version in output


def test_a_rebuilt_version_is_merged_into_one_segment_after_the_swap(engine, site_tree, orgs, monkeypatch):
    merged = []
    merge = versions.merge_in_background

    def observed_merge(client, name):
        merged.append((name, versions.alias_targets(client)))
        merge(client, name)

    monkeypatch.setattr(versions, "merge_in_background", observed_merge)
    for number in range(3):
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"Study {number}")
    result = versions.rebuild(client=engine.client, chunk_size=1)
    assert merged == [(result.index, [result.index])]  # readers had the new version already
    # Written in several pieces, the index becomes one segment without anyone waiting for it.
    for piece in range(3):
        engine.client.index(index=result.index, id=f"extra-{piece}", document={"type": "study", "pk": piece},
                            refresh=True)
    assert count_segments(engine.client, result.index) > 1
    merge(engine.client, result.index)
    deadline = time.monotonic() + 30
    while (segments := count_segments(engine.client, result.index)) > 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert segments == 1


def count_segments(client, index):
    return client.indices.stats(index=index, metric="segments")["_all"]["primaries"]["segments"]["count"]


def test_a_rebuild_catches_up_with_items_published_and_deleted_while_it_filled(
    engine, site_tree, orgs, anonymous, monkeypatch,
):
    add_item(site_tree["knowledge"], orgs["tehran"], title="Kept study")
    deleted = add_item(site_tree["knowledge"], orgs["tehran"], title="Deleted study")
    engine.reindex()
    fill = versions.fill

    def changes_while_filling(client, index, **kwargs):
        counts = fill(client, index, **kwargs)
        # Written to the version readers have: the new one holds the deleted study, not the new one,
        # and as many studies as the database.
        add_item(site_tree["knowledge"], orgs["tehran"], title="Published meanwhile")
        deleted.delete()
        return counts

    monkeypatch.setattr(versions, "fill", changes_while_filling)
    result = versions.rebuild(client=engine.client)
    assert result.caught_up == 2
    assert set(titles(search(anonymous))) == {"Kept study", "Published meanwhile"}
    assert not any(t.drifted for t in drift.compare(client=engine.client))


def test_a_rebuild_reads_every_id_only_when_the_counts_differ(engine, site_tree, orgs, monkeypatch):
    add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    engine.reindex()

    def not_needed(**kwargs):
        raise AssertionError("every id read again")

    monkeypatch.setattr(drift, "compare", not_needed)
    assert versions.rebuild(client=engine.client).caught_up == 0
    assert drift.counts_agree(client=engine.client)
    engine.client.index(index=conf.alias_name(), id="study-999999", document={"type": "study", "pk": 999999},
                        refresh=True)
    assert not drift.counts_agree(client=engine.client)


def test_rebuild_replaces_a_plain_index_squatting_the_alias_name(engine):
    engine.delete_all_versions()
    engine.client.indices.create(index=conf.alias_name())  # e.g. auto-created by an old bulk write
    run("rebuild")
    assert engine.client.indices.exists_alias(name=conf.alias_name())


def test_rebuild_forgets_queued_changes_it_covers(engine, site_tree, orgs):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    PendingIndexChange.objects.create(model_label="knowledge.study", object_id=str(item.pk))
    run("rebuild")
    assert not PendingIndexChange.objects.exists()


def test_check_passes_when_index_and_database_agree(engine, site_tree, orgs):
    add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    engine.reindex()
    output = run("check")
    assert "study: 1 in the database, 1 in the index" in output
    assert "The index matches the database." in output


def test_check_tells_to_rebuild_an_index_built_with_an_older_mapping(engine, site_tree, orgs):
    add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    engine.reindex()
    # As an index built by an earlier version of the code: a field the code no longer has.
    engine.client.indices.put_mapping(index=engine.alias, properties={"title_legacy": {"type": "keyword"}})
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("search_index", "check", stdout=out)
    assert failure.value.returncode == 1
    assert "run `search_index rebuild`" in str(failure.value)
    assert "fields the code no longer has: title_legacy (keyword)" in out.getvalue()
    run("rebuild")
    assert "The index matches the database." in run("check")


def mapping_differences_of_an_older_index(engine, properties_then):
    """`drift.mapping_differences` of an index built with the mapping `properties_then(properties)` leaves."""
    body = content_index("old").to_dict()
    properties_then(body["mappings"]["properties"])
    old = f"{engine.alias}-old-mapping"
    engine.client.indices.create(index=old, **body)
    try:
        return drift.mapping_differences(client=engine.client, index=old)
    finally:
        engine.client.indices.delete(index=old)


def test_mapping_differences_name_the_fields_an_older_index_lacks(engine):
    missing, unexpected = mapping_differences_of_an_older_index(
        engine, lambda properties: properties.pop("title_fa"))
    assert (missing, unexpected) == (["title_fa (text)", "title_fa.compound (text)"], [])


def test_mapping_differences_name_a_text_an_older_index_still_searches_in_its_main_field(engine):
    missing, unexpected = mapping_differences_of_an_older_index(
        engine, lambda properties: properties.update(body={"type": "text", "analyzer": "portal_standard"}))
    assert (missing, unexpected) == (["body (text not indexed)"], ["body (text)"])


def test_check_names_the_analysis_an_older_index_defines_otherwise(engine, site_tree):
    engine.reindex()
    assert drift.analysis_differences(client=engine.client) == []
    # As an index built before a word list changed: its documents were analysed the old way.
    body = copy.deepcopy(content_index("old").to_dict())  # the analyzers' own lists are shared
    body["settings"]["analysis"]["filter"]["portal_persian_word_forms"]["rules"].pop()
    old = f"{engine.alias}-old-analysis"
    engine.client.indices.create(index=old, **body)
    try:
        assert drift.analysis_differences(client=engine.client, index=old) == ["filter portal_persian_word_forms"]
    finally:
        engine.client.indices.delete(index=old)


def test_check_reports_drift_and_exits_non_zero(engine, site_tree, orgs):
    kept = add_item(site_tree["knowledge"], orgs["tehran"], title="Kept")
    lost = add_item(site_tree["knowledge"], orgs["tehran"], title="Lost from the index")
    engine.reindex()
    engine.client.delete(index=engine.alias, id=f"study-{lost.pk}", refresh=True)
    engine.client.index(index=engine.alias, id="study-999999", refresh=True,
                        document={"type": "study", "pk": 999999, "live": True, "visibility": "public"})

    with pytest.raises(CommandError) as failure:
        run("check")
    assert failure.value.returncode == 1
    assert "drifted" in str(failure.value) and "study" in str(failure.value)

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "check", stdout=out)
    output = out.getvalue()
    assert "study: 2 in the database, 2 in the index" in output
    assert f"missing from the index: {lost.pk}" in output
    assert "in the index but not in the database: 999999" in output
    assert kept.pk  # the other item is fine

    run("update")  # repairs both
    assert "matches" in run("check")


def test_update_requires_an_index(engine):
    engine.delete_all_versions()
    with pytest.raises(CommandError, match="rebuild"):
        run("update")


def test_sync_fails_loudly_while_the_engine_is_down(engine, settings, closed_port):
    PendingIndexChange.objects.create(model_label="knowledge.study", object_id="1")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with pytest.raises(CommandError, match="failed"):
        run("sync")
    change = PendingIndexChange.objects.get()
    assert change.attempts == 1 and change.last_error


def test_commands_need_an_engine(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        run("check")


def test_a_rebuild_with_a_document_the_engine_refuses_keeps_the_version_readers_have(
    engine, site_tree, orgs, anonymous, monkeypatch,
):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Old study")
    engine.reindex()
    [old_version] = versions.alias_targets(engine.client)
    index_action = indexing.index_action

    def refused_action(indexed_type, obj, index):
        action = index_action(indexed_type, obj, index)
        action["_source"]["year"] = "not a year"
        return action

    monkeypatch.setattr(indexing, "index_action", refused_action)
    with pytest.raises(helpers.BulkIndexError) as refused:
        versions.rebuild(client=engine.client)
    assert refused.value.errors[0]["_id"] == f"study-{item.pk}"
    assert "year" in refused.value.errors[0]["error"]["reason"]
    assert versions.all_versions(engine.client) == [old_version]  # the half-filled one is gone
    assert titles(search(anonymous)) == ["Old study"]


def test_a_rebuild_leaves_the_garbage_collector_as_it_found_it(engine, site_tree, orgs):
    add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    before = gc.get_threshold()
    versions.rebuild(client=engine.client)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)

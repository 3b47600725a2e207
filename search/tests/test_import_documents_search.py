"""Imported documents are indexed in bulk, found through /api/search/ with their external id, and
queued like any other change when the engine is away."""

import io
import json

import pytest
from django.core.management import call_command

from search import indexing, signals
from search.models import PendingIndexChange

pytestmark = pytest.mark.search_engine

ZH_SEED = "002_3fadfe4a887cda39.txt"


def jsonl(path, lines):
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return str(path)


def documents(seeds):
    zh_body = (seeds / ZH_SEED).read_text(encoding="utf-8")
    return [
        {"title": "طرح جامع مدیریت بحران شهرداری قزوین", "body": "شناسایی چهار بحران با اولویت بالای شهر.",
         "language": "fa", "kind": "study", "organisation": "isfahan", "date": "۱۳۹۸/۰۶/۲۶",
         "external_id": "archive-fa-1"},
        {"title": "基层应急部门防疫工作的现状和不足", "body": zh_body, "language": "zh", "kind": "training",
         "external_id": "archive-zh-2"},
        {"title": "Regional flood resolution", "body": "Member cities shall map their floodplains.",
         "language": "en", "kind": "resolution", "organisation": "Tehran", "external_id": "archive-en-3"},
    ]


def api_hits(client, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    data = response.json()
    assert data["degraded"] is False  # answered by the engine, not the database fallback
    return {hit["title"]: hit for hit in data["results"]}


def test_imported_items_are_found_with_their_external_id(engine, client, site_tree, orgs, seeds, tmp_path,
                                                         django_capture_on_commit_callbacks):
    path = jsonl(tmp_path / "archive.jsonl", documents(seeds))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import_documents", path, "--batch-size", "2", stdout=io.StringIO())
    # Written per batch in bulk, never object by object.
    assert not any(getattr(c, "func", None) is indexing.sync for c in callbacks)
    assert sum(getattr(c, "func", None) is signals._sync_collected for c in callbacks) == 2 * 2
    engine.refresh()

    fa = api_hits(client, "مدیریت بحران قزوین")
    assert fa["طرح جامع مدیریت بحران شهرداری قزوین"]["external_id"] == "archive-fa-1"
    zh = api_hits(client, "应急管理局")
    assert zh["基层应急部门防疫工作的现状和不足"]["external_id"] == "archive-zh-2"
    en = api_hits(client, "floodplain")
    hit = en["Regional flood resolution"]
    assert hit["external_id"] == "archive-en-3" and hit["type"] == "report"


def test_reimport_updates_the_indexed_document(engine, client, site_tree, orgs, seeds, tmp_path,
                                               django_capture_on_commit_callbacks):
    lines = documents(seeds)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_documents", jsonl(tmp_path / "a.jsonl", lines), stdout=io.StringIO())
    lines[2]["title"] = "Regional flood resolution, amended"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_documents", jsonl(tmp_path / "a.jsonl", lines), stdout=io.StringIO())
    engine.refresh()
    hits = api_hits(client, "floodplain")
    assert list(hits) == ["Regional flood resolution, amended"]
    assert hits["Regional flood resolution, amended"]["external_id"] == "archive-en-3"


def test_an_unreachable_engine_queues_the_import(settings, site_tree, orgs, seeds, tmp_path, closed_port,
                                                 django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_documents", jsonl(tmp_path / "a.jsonl", documents(seeds)), stdout=out)
    assert out.getvalue().strip() == "created 3, updated 0, unchanged 0, skipped 0"
    assert PendingIndexChange.objects.count() == 3

"""Indexing on change: after commit, never failing the save, queued while the engine is away."""

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import PageViewRestriction

from knowledge.factories import add_item
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus
from search import drift, indexing, queue, versions
from search.models import PendingIndexChange
from search.registry import Ref

from .helpers import search, titles

pytestmark = pytest.mark.search_engine


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then its on-commit callbacks, as if its transaction had committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def indexed_titles(engine, user):
    engine.refresh()
    return set(titles(search(user)))


def test_publishing_indexes_and_drafts_stay_out(engine, committed, site_tree, orgs, people, anonymous):
    with committed():
        add_item(site_tree["knowledge"], orgs["tehran"], title="Published study")
        add_item(site_tree["knowledge"], orgs["tehran"], title="Unfinished draft", publish=False,
                 owner=people["tehran"])
    assert indexed_titles(engine, anonymous) == {"Published study"}
    assert indexed_titles(engine, people["secretariat"]) == {"Published study"}  # nobody finds drafts


def test_unpublishing_and_deleting_remove_from_the_index(engine, committed, site_tree, orgs, anonymous):
    with committed():
        first = add_item(site_tree["knowledge"], orgs["tehran"], title="First")
        second = add_item(site_tree["knowledge"], orgs["tehran"], title="Second")
    assert indexed_titles(engine, anonymous) == {"First", "Second"}
    with committed():
        first.unpublish()
    assert indexed_titles(engine, anonymous) == {"Second"}
    with committed():
        second.delete()
    assert indexed_titles(engine, anonymous) == set()


def test_a_view_restriction_makes_its_section_members_only_or_takes_it_out(
    engine, committed, site_tree, orgs, people, anonymous,
):
    with committed():
        add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=site_tree["knowledge"], restriction_type=PageViewRestriction.LOGIN
        )
    assert indexed_titles(engine, anonymous) == set()
    assert indexed_titles(engine, people["secretariat"]) == {"Study"}  # members pass a login restriction
    with committed():
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save()
    assert indexed_titles(engine, people["secretariat"]) == set()  # in no list: in no index
    with committed():
        restriction.delete()
    assert indexed_titles(engine, anonymous) == {"Study"}


def test_a_rolled_back_change_is_never_indexed(engine, committed, site_tree, orgs, anonymous):
    with committed():
        try:
            with transaction.atomic():
                add_item(site_tree["knowledge"], orgs["tehran"], title="Rolled back")
                raise RuntimeError("the editor's save failed")
        except RuntimeError:
            pass
    assert indexed_titles(engine, anonymous) == set()


def test_resolutions_follow_their_reports_and_their_meeting(engine, committed, site_tree, orgs, people):
    with committed():
        meeting = add_meeting(site_tree["meetings"], 9)
        resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]],
                                       text="Flood drills")
    documents = engine.documents()
    assert documents[f"resolution-{resolution.pk}"]["resolution_status"] == "open"

    with committed():
        report = resolution.lines.get().record_report(author=people["isfahan"], text="Drill held",
                                                      status=LineStatus.DONE)
    documents = engine.documents()
    assert documents[f"resolution-{resolution.pk}"]["resolution_status"] == "done"
    assert documents[f"follow_up_report-{report.pk}"]["body"] == "Drill held"

    with committed():
        resolution.hazards.create(slug="flood", name_en="Flood")
    assert engine.documents()[f"resolution-{resolution.pk}"]["hazards"] == ["flood"]

    with committed():
        meeting.unpublish()
    assert engine.documents() == {}


def test_renaming_an_organisation_updates_its_documents(engine, committed, site_tree, orgs):
    with committed():
        item = add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    with committed():
        orgs["tehran"].name_en = "Tehran Disaster Management Organisation"
        orgs["tehran"].save()
    [organisation] = engine.documents()[f"study-{item.pk}"]["organisation"]
    assert "Tehran Disaster Management Organisation" in organisation["name"]


# --- the engine is away ---------------------------------------------------------------------

def test_publishing_works_while_the_engine_is_down_and_sync_catches_up(
    engine, committed, settings, closed_port, site_tree, orgs, client, anonymous,
):
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with committed():
        item = add_item(site_tree["knowledge"], orgs["tehran"], title="Written during the outage",
                        summary="Flood drill in Tehran")
    item.refresh_from_db()
    assert item.live  # the publish went through

    [change] = PendingIndexChange.objects.all()
    assert (change.model_label, change.object_id, change.action) == ("knowledge.study", str(item.pk), "index")
    assert change.attempts == 1 and change.last_error

    # Meanwhile the page answers from the database, and says so.
    response = client.get("/en/search/", {"q": "flood"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Search is running in reduced mode" in html
    assert "Written during the outage" in html
    assert client.get("/api/search/", {"q": "flood"}).json()["degraded"] is True

    settings.ELASTICSEARCH_URL = real_url
    call_command("search_index", "sync", stdout=open("/dev/null", "w"))
    assert not PendingIndexChange.objects.exists()
    assert titles(search(anonymous, "flood")) == ["Written during the outage"]


def test_the_next_successful_write_drains_the_queue(engine, committed, settings, closed_port, site_tree, orgs,
                                                    anonymous):
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with committed():
        add_item(site_tree["knowledge"], orgs["tehran"], title="During the outage")
        gone = add_item(site_tree["knowledge"], orgs["tehran"], title="Deleted during the outage")
    settings.ELASTICSEARCH_URL = real_url
    indexing.apply([Ref("knowledge.study", gone.pk)])  # it reached the index somehow before...
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with committed():
        gone.delete()  # ...and is deleted while the engine is away
    assert PendingIndexChange.objects.count() == 2

    settings.ELASTICSEARCH_URL = real_url
    with committed():
        add_item(site_tree["knowledge"], orgs["tehran"], title="After the outage")
    assert not PendingIndexChange.objects.exists()
    assert indexed_titles(engine, anonymous) == {"During the outage", "After the outage"}


def test_the_first_search_the_engine_answers_again_replays_the_queue_on_a_quiet_site(
    engine, committed, settings, closed_port, site_tree, orgs, anonymous,
):
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with committed():
        add_item(site_tree["knowledge"], orgs["tehran"], title="Queued while away", summary="flood drill")
    search(anonymous, "flood", degraded=True)  # answered from the database: nothing to replay to
    assert PendingIndexChange.objects.count() == 1

    settings.ELASTICSEARCH_URL = real_url
    indexing._before_search.update(left=None, at=None)  # as in a process that has not tried yet
    search(anonymous, "flood")  # nobody writes anything: a reader's search is enough
    assert not PendingIndexChange.objects.exists()
    engine.refresh()
    assert titles(search(anonymous, "flood")) == ["Queued while away"]


def test_a_write_that_finds_no_index_creates_it_instead_of_queueing(engine, site_tree, orgs, anonymous,
                                                                    caplog):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="First study of a new network")
    engine.delete_all_versions()  # a fresh install: no index and no alias yet
    with caplog.at_level("INFO", logger="search"):
        indexing.sync([Ref("knowledge.study", item.pk)])
    [version] = versions.alias_targets(engine.client)
    assert version.startswith(f"{engine.alias}-")
    assert drift.mapping_differences(client=engine.client) == ([], [])  # with the current mapping
    assert not PendingIndexChange.objects.exists()
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
    assert indexed_titles(engine, anonymous) == {"First study of a new network"}


def test_a_deletion_that_finds_no_index_is_not_queued_either(engine, site_tree, orgs):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    pk = item.pk
    item.delete()
    engine.delete_all_versions()
    indexing.sync([Ref("knowledge.study", pk)], queue.DELETE)
    assert versions.alias_targets(engine.client)
    assert not PendingIndexChange.objects.exists()


def test_a_refused_document_stays_queued(engine, settings, site_tree, orgs):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    engine.delete_all_versions()
    # A plain index squats the alias's name (only `rebuild` may replace it): writes are refused.
    engine.client.indices.create(index=engine.alias)
    indexing.sync([Ref("knowledge.study", item.pk)])
    assert not versions.alias_targets(engine.client)
    assert queue.pending_count() == 1
    assert "index_not_found" in PendingIndexChange.objects.get().last_error


def test_no_engine_configured_means_no_indexing_and_no_queue(
    settings, site_tree, orgs, django_capture_on_commit_callbacks,
):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    assert not PendingIndexChange.objects.exists()
    assert not any(getattr(c, "func", None) is indexing.sync for c in callbacks)

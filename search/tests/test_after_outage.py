"""The first searches after an outage: what changed while the engine was away is never found stale.

The engine is taken away by pointing the portal at a closed port (test_engine_outage.py kills a
real node for the whole story); the index keeps what it held before, as a node that comes back does.
"""

import os
import time

import pytest

from knowledge.factories import add_item
from search import indexing
from search.models import PendingIndexChange

from .helpers import search, titles

pytestmark = pytest.mark.search_engine


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def changed_during_outage(engine, committed, settings, closed_port, site_tree, orgs, anonymous):
    """Three indexed items; while the engine is away one is unpublished, one made members-only."""
    with committed():
        withdrawn = add_item(site_tree["knowledge"], orgs["tehran"], title="Withdrawn evacuation map",
                             summary="evacuation routes")
        restricted = add_item(site_tree["knowledge"], orgs["tehran"], title="Restricted evacuation drill",
                              summary="evacuation drill notes")
        add_item(site_tree["knowledge"], orgs["isfahan"], title="Public evacuation guide",
                 summary="evacuation for everyone")
    engine.refresh()
    assert len(search(anonymous, "evacuation").hits) == 3

    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with committed():
        withdrawn.unpublish()
        restricted.visibility = "members"
        restricted.save_revision().publish()
    assert PendingIndexChange.objects.count() == 2
    return real_url


def test_the_first_search_after_the_engine_returns_replays_the_queue_first(
    changed_during_outage, settings, anonymous, people,
):
    settings.ELASTICSEARCH_URL = changed_during_outage  # the engine is back; nobody has written since
    assert titles(search(anonymous, "evacuation")) == ["Public evacuation guide"]
    assert not PendingIndexChange.objects.exists()
    assert set(titles(search(people["isfahan"], "evacuation"))) == {
        "Public evacuation guide", "Restricted evacuation drill"}


def test_hits_are_checked_against_the_database_until_the_queue_is_replayed(
    changed_during_outage, settings, anonymous, people,
):
    # A search during the outage tried to replay and failed: the next tries wait a little...
    search(anonymous, "evacuation", degraded=True)
    settings.ELASTICSEARCH_URL = changed_during_outage
    outcome = search(anonymous, "evacuation")
    assert PendingIndexChange.objects.count() == 2  # ...so nothing was replayed yet,
    assert titles(outcome) == ["Public evacuation guide"]  # but nothing stale is shown
    assert outcome.total == 1
    # A member still finds the members-only item: the database shows it to them.
    assert set(titles(search(people["isfahan"], "evacuation"))) == {
        "Public evacuation guide", "Restricted evacuation drill"}

    # Once the interval has passed, a search replays the queue.
    indexing._before_search["at"] = time.monotonic() - indexing.CATCH_UP_INTERVAL - 1
    assert titles(search(anonymous, "evacuation")) == ["Public evacuation guide"]
    assert not PendingIndexChange.objects.exists()


def test_a_fresh_machine_loads_the_demo_and_rebuilds_without_a_search_warning(
    engine, django_capture_on_commit_callbacks, caplog, anonymous,
):
    """What `make run` does on a new machine (scripts/run): migrate, load_demo, search_index rebuild."""
    from django.core.management import call_command

    engine.delete_all_versions()  # nothing in the engine yet
    with caplog.at_level("INFO"):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        call_command("search_index", "rebuild", stdout=open(os.devnull, "w"))  # noqa: SIM115
    warnings = [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
    assert warnings == []
    assert not PendingIndexChange.objects.exists()
    engine.refresh()
    assert "طرح جامع مدیریت بحران شهر قزوین" in titles(search(anonymous, "قزوین"))


def test_a_search_the_engine_refuses_is_answered_from_the_database(engine, committed, site_tree, orgs, anonymous):
    """The node answers, but not the search (here its index is gone): each of the requests sent
    together comes back as an error of its own, which must mean the same as a node away."""
    with committed():
        add_item(site_tree["knowledge"], orgs["tehran"], title="Evacuation guide", summary="evacuation routes")
    engine.refresh()
    assert titles(search(anonymous, "evacuation")) == ["Evacuation guide"]
    engine.delete_all_versions()
    assert titles(search(anonymous, "evacuation", degraded=True)) == ["Evacuation guide"]

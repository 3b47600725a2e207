"""What the apps register: document types by the knowledge kinds' names, old names as aliases,
signals wired for every type, facet values owned by the types."""

import pytest
from django.db.models.signals import m2m_changed, post_delete, post_save

from knowledge.factories import add_item
from knowledge.kinds import KINDS
from resolutions.models import FollowUpReport, MeetingPage, Resolution, ResolutionStatus
from search import registry, signals

pytestmark = pytest.mark.search_engine


@pytest.fixture
def drill(engine, site_tree, orgs):
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Earthquake drill", kind="training")
    add_item(site_tree["knowledge"], orgs["tehran"], title="Earthquake study")
    engine.reindex()


def test_knowledge_documents_are_typed_by_the_kinds_names():
    assert set(KINDS) <= set(registry.BY_NAME)
    assert {registry.BY_NAME[kind].model for kind in KINDS} == set(KINDS.values())


def test_old_type_names_still_find_the_same_documents(drill, client):
    data = client.get("/api/search/", {"q": "earthquake", "type": "training_experience"}).json()
    assert [(r["type"], r["title"]) for r in data["results"]] == [("training", "Earthquake drill")]
    assert client.get("/api/search/", {"type": "experience_report"}).status_code == 200
    assert client.get("/api/search/", {"type": "no_such_kind"}).status_code == 400


def test_the_page_redirects_an_old_type_name_to_the_new_one(client):
    query = {"q": "flood", "type": ["study", "training_experience"], "page": "2"}
    response = client.get("/en/search/", query)
    assert response.status_code == 301
    assert response["Location"] == "/en/search/?q=flood&type=study&type=training&page=2"


def test_every_type_is_wired_as_it_says(db):
    # Pages: their deletes (publishing is Wagtail's signal, for every page); records: saves and deletes.
    assert signals.deleted in signals_of(post_delete, MeetingPage)
    assert signals.record_saved not in signals_of(post_save, MeetingPage)
    for model in (Resolution, FollowUpReport):
        assert signals.record_saved in signals_of(post_save, model)
        assert signals.deleted in signals_of(post_delete, model)
    assert signals.relations_changed in signals_of(m2m_changed, Resolution.owners.through)
    assert signals.relations_changed in signals_of(m2m_changed, FollowUpReport.attachments.through)


def test_a_type_registered_later_is_wired_too():
    study = registry.BY_NAME["study"]
    seen = []
    registry.when_registered(seen.append)
    try:
        assert study in seen  # the types registered so far
        registry.register(study)  # registered again: the definition stays one
        assert seen.count(study) == 2 and registry.TYPES.count(study) == 1
    finally:
        registry._listeners.remove(seen.append)


def test_the_status_facet_is_labelled_by_the_resolutions():
    assert registry.facet_labels("status") == dict(ResolutionStatus.choices)


def signals_of(signal, sender):
    """The functions connected to `signal` for `sender`."""
    sync_receivers, async_receivers = signal._live_receivers(sender)
    return [*sync_receivers, *async_receivers]

"""A renamed organisation, hazard or phase reaches the documents carrying its names through the task
worker: the save that renames it writes nothing to the index itself."""

import pytest

from knowledge.factories import add_item
from portal.factories import HazardFactory, PhaseFactory
from portal.tests.worker import database_tasks, waiting  # noqa: F401 - a fixture
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus

pytestmark = [pytest.mark.search_engine, pytest.mark.worker]


def test_a_renamed_organisation_is_written_again_by_the_worker(engine, database_tasks, site_tree, orgs):  # noqa: F811
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Study")
    orgs["tehran"].name_en = "Tehran Disaster Management Organisation"
    orgs["tehran"].save()
    [organisation] = engine.documents()[f"study-{item.pk}"]["organisation"]
    assert "Tehran Disaster Management Organisation" not in organisation["name"]  # the save only asked
    assert waiting("search.signals.reindex_organisation").count() == 1

    database_tasks()
    [organisation] = engine.documents()[f"study-{item.pk}"]["organisation"]
    assert "Tehran Disaster Management Organisation" in organisation["name"]


def test_an_unchanged_organisation_asks_for_nothing(engine, database_tasks, orgs):  # noqa: F811
    orgs["tehran"].website = "https://tehran.example.org"  # not in any document
    orgs["tehran"].save()
    assert not waiting("search.signals.reindex_organisation").exists()


@pytest.fixture
def tagged(engine, site_tree, orgs, people):
    flood = HazardFactory(slug="flood", name_en="Flood", name_fa="سیل")
    response = PhaseFactory(slug="response", name_en="Response")
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Study", hazards=[flood], phases=[response])
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="Drills")
    resolution.hazards.set([flood])
    report = resolution.lines.get().record_report(author=people["isfahan"], text="Held", status=LineStatus.DONE)
    ids = {"item": f"study-{item.pk}", "resolution": f"resolution-{resolution.pk}",
           "report": f"follow_up_report-{report.pk}"}
    return flood, response, ids


def test_a_renamed_hazard_reaches_every_document_tagged_with_it(tagged, engine, database_tasks):  # noqa: F811
    flood, _, ids = tagged
    assert "Flood" in engine.documents()[ids["item"]]["topics"]
    flood.name_en, flood.slug = "River flood", "river-flood"
    flood.save()
    assert "River flood" not in engine.documents()[ids["item"]]["topics"]
    assert waiting("search.signals.reindex_term").count() == 1

    database_tasks()
    documents = engine.documents()
    assert "River flood" in documents[ids["item"]]["topics"] and "سیل" in documents[ids["item"]]["topics"]
    assert documents[ids["item"]]["hazards"] == ["river-flood"]
    assert "River flood" in documents[ids["resolution"]]["topics"]
    assert documents[ids["report"]]["hazards"] == ["river-flood"]  # a report carries its resolution's


def test_a_renamed_phase_and_a_deleted_hazard_too(tagged, engine, database_tasks):  # noqa: F811
    flood, response, ids = tagged
    response.name_en = "Emergency response"
    response.save()
    flood.delete()
    database_tasks()
    documents = engine.documents()
    assert "Emergency response" in documents[ids["item"]]["topics"]
    assert documents[ids["item"]]["hazards"] == [] and documents[ids["resolution"]]["hazards"] == []
    assert documents[ids["report"]]["hazards"] == []

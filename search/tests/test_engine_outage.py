"""The search engine dies while people work: a real node is killed mid-run and started again.

The node is our own (engine_node.py), never the shared one. While it is down, pages render,
an editor publishes and edits, the changes wait in PendingIndexChange, and search answers from
the database with a notice. When it is back the next successful write replays the queue and
the index agrees with the database again.
"""

import io
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from knowledge.factories import add_item
from knowledge.models import KnowledgeItem
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus, Resolution
from search import conf, versions
from search.client import get_client
from search.models import PendingIndexChange

from .conftest import Engine
from .engine_node import engine_node  # noqa: F401 - a fixture
from .helpers import search, titles

pytestmark = pytest.mark.search_engine

REDUCED_MODE_NOTICE = "Search is running in reduced mode"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then its on-commit callbacks, as if its transaction had committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def node_engine(engine_node, settings, db):  # noqa: F811
    """The portal configured to use our own node, with an empty content index on it."""
    settings.ELASTICSEARCH_URL = engine_node.url
    settings.SEARCH_INDEX_PREFIX = f"test-outage-{uuid.uuid4().hex[:8]}"
    # A node that has just started may take more than a search's few seconds to create an index.
    client = get_client().options(request_timeout=conf.bulk_timeout())
    versions.swap_alias(client, versions.create_version(client))
    return Engine(client=client, prefix=settings.SEARCH_INDEX_PREFIX)


def form_data(html, form_id):
    """What a browser would send for this form as it stands (text, choices, checked boxes)."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, f"no form #{form_id}"
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        kind = field.get("type", "text")
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = [o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")]
            if chosen:
                data[name] = chosen if field.has_attr("multiple") else chosen[0]
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif kind not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def queued():
    return set(PendingIndexChange.objects.values_list("model_label", "object_id"))


def test_the_portal_keeps_working_while_the_engine_is_down_and_catches_up_after(
    engine_node, node_engine, committed, client, site_tree, orgs, people, anonymous,  # noqa: F811
):
    # Before the outage: published content is in the index; Isfahan sends a study for review.
    with committed():
        meeting = add_meeting(site_tree["meetings"], 9)
        resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]],
                                       text="Prepare evacuation drills for schools")
        flood_map = add_item(site_tree["knowledge"], orgs["tehran"], title="Flood map of Tehran")
    client.force_login(people["isfahan"])
    response = client.post("/en/knowledge/share/", {
        "kind": "study", "title": "Survey of earthquake shelters", "summary": "Where people can shelter.",
        "body": "", "language": "en", "audience": "specialists", "visibility": "public", "action": "submit",
    })
    assert response.status_code == 302
    submitted = KnowledgeItem.objects.get(title="Survey of earthquake shelters")
    node_engine.refresh()
    assert titles(search(anonymous, "flood")) == ["Flood map of Tehran"]

    engine_node.kill()

    # Pages render as usual.
    client.logout()
    for url in ("/en/", site_tree["knowledge"].url, flood_map.url, meeting.url, resolution.get_url(),
                "/en/organisations/"):
        assert client.get(url).status_code == 200, url

    # The secretariat approves (publishes) the study and edits the resolution in the admin.
    client.force_login(people["secretariat"])
    task_state = submitted.current_workflow_task_state
    with committed():
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[submitted.pk, "approve", task_state.pk]),
            {"comment": ""},
        )
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.live

    edit_url = reverse("wagtailsnippets_resolutions_resolution:edit", args=[resolution.pk])
    edit_form = client.get(edit_url)
    assert edit_form.status_code == 200
    data = form_data(edit_form.content.decode(), "w-editor-form") | {
        "english_summary": "Shelter checklist for every school",
    }
    with committed():
        response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    resolution.refresh_from_db()
    assert resolution.english_summary == "Shelter checklist for every school"

    # Both changes wait in the durable queue, with the reason.
    expected = {("knowledge.study", str(submitted.pk)), ("resolutions.resolution", str(resolution.pk))}
    assert expected <= queued()
    assert all(PendingIndexChange.objects.values_list("last_error", flat=True))

    # Search answers from the database, and says so.
    client.logout()
    page = client.get("/en/search/", {"q": "shelter"})
    assert page.status_code == 200
    html = page.content.decode()
    assert REDUCED_MODE_NOTICE in html
    assert "Survey of earthquake shelters" in html
    answer = client.get("/api/search/", {"q": "shelter"})
    assert answer.status_code == 200
    assert answer.json()["degraded"] is True
    assert "Survey of earthquake shelters" in [hit["title"] for hit in answer.json()["results"]]
    assert client.get("/api/search/autocomplete/", {"q": "Survey"}).json()["degraded"] is True

    engine_node.start()

    # The next successful write replays the queue: here Isfahan's report on its line.
    client.force_login(people["isfahan"])
    line = resolution.lines.get(organisation=orgs["isfahan"])
    with committed():
        response = client.post(reverse("resolutions:post_report", args=[line.pk]),
                               {"text": "Drills held in May.", "status": LineStatus.IN_PROGRESS})
    assert response.status_code == 302
    assert not PendingIndexChange.objects.exists()

    node_engine.refresh()
    assert titles(search(anonymous, "earthquake")) == ["Survey of earthquake shelters"]
    [hit] = search(anonymous, "checklist").hits
    assert (hit.type, hit.id) == ("resolution", resolution.pk)
    assert REDUCED_MODE_NOTICE not in client.get("/en/search/", {"q": "earthquake"}).content.decode()
    # Nothing is missing or stale, and `sync` has nothing left to do.
    call_command("search_index", "check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("search_index", "sync", stdout=out)
    assert "Replayed 0 queued change(s)." in out.getvalue()
    assert Resolution.objects.get(pk=resolution.pk).status == "in_progress"

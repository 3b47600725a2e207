"""Every way a line or a resolution changes goes through the one rule: after each, the resolution's
status and closed date are those its owners' lines give (unless the secretariat decided)."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import ApiToken
from resolutions import history, status_changes
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.importing import ConfirmedMeeting, ConfirmedResolution, import_meeting
from resolutions.models import FollowUpLine, FollowUpReport, LineStatus, Resolution, ResolutionStatus
from resolutions.models.resolutions import status_from_lines

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    cache.clear()  # the API's rate limits


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"], orgs["tehran"]],
                                   text="Send the flood study.")
    return {"meeting": meeting, "resolution": resolution, "orgs": orgs, "people": people,
            "isfahan": resolution.lines.get(organisation=orgs["isfahan"]),
            "tehran": resolution.lines.get(organisation=orgs["tehran"])}


def state(resolution):
    resolution = Resolution.objects.get(pk=resolution.pk)
    return resolution.status, resolution.closed_on


def follows_its_lines(resolution):
    resolution = Resolution.objects.get(pk=resolution.pk)
    return (resolution.status, resolution.closed_on) == status_from_lines(resolution.lines.all())


def form_data(html, form_id):
    """What a browser sends for this form as it stands."""
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


# --- the rule itself ------------------------------------------------------------------------

@pytest.mark.parametrize("lines, expected", [
    ([], (ResolutionStatus.OPEN, None)),
    ([("open", None), ("open", None)], (ResolutionStatus.OPEN, None)),
    ([("in_progress", None), ("open", None)], (ResolutionStatus.IN_PROGRESS, None)),
    ([("done", datetime.date(2013, 1, 12)), ("open", None)], (ResolutionStatus.IN_PROGRESS, None)),
    ([("done", datetime.date(2013, 1, 12)), ("done", datetime.date(2013, 3, 1))],
     (ResolutionStatus.DONE, datetime.date(2013, 3, 1))),  # closed when the last owner was done
])
def test_the_rule(lines, expected):
    rows = [FollowUpLine(status=status, closed_on=closed_on) for status, closed_on in lines]
    assert status_from_lines(rows) == expected


# --- each path --------------------------------------------------------------------------------

def test_the_sites_report_form(client, world, people):
    resolution = world["resolution"]
    client.force_login(people["isfahan"])
    url = reverse("resolutions:post_report", args=[world["isfahan"].pk])
    assert client.post(url, {"text": "Sent.", "status": LineStatus.DONE}).status_code == 302
    assert state(resolution) == (ResolutionStatus.IN_PROGRESS, None)
    client.force_login(people["tehran"])
    url = reverse("resolutions:post_report", args=[world["tehran"].pk])
    assert client.post(url, {"text": "Sent too.", "status": LineStatus.DONE}).status_code == 302
    assert state(resolution) == (ResolutionStatus.DONE, TODAY)
    assert follows_its_lines(resolution)


def test_the_write_api(client, world, orgs):
    resolution = world["resolution"]
    for line in (world["isfahan"], world["tehran"]):
        line.record_report(author=None, text="Sent.", status=LineStatus.DONE,
                           reported_on=datetime.date(2013, 1, 12))
    assert state(resolution) == (ResolutionStatus.DONE, datetime.date(2013, 1, 12))
    _token, clear = ApiToken.issue(orgs["tehran"], "Spreadsheet")

    def post(status):
        return client.post("/api/follow-up/reports/", json.dumps(
            {"resolution": resolution.pk, "text": "Update.", "status": status}),
            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {clear}")

    response = post("in_progress")
    assert response.status_code == 201 and response.json()["resolution_status"] == "in_progress"
    assert state(resolution) == (ResolutionStatus.IN_PROGRESS, None)
    assert post("done").json()["resolution_status"] == "done"
    assert state(resolution) == (ResolutionStatus.DONE, TODAY)
    assert follows_its_lines(resolution)


def test_the_admin_line_edit_moves_the_resolution(client, world, people):
    resolution = world["resolution"]
    client.force_login(people["secretariat"])
    for line, expected in ((world["isfahan"], (ResolutionStatus.IN_PROGRESS, None)),
                           (world["tehran"], (ResolutionStatus.DONE, TODAY))):
        url = reverse("wagtailsnippets_resolutions_followupline:edit", args=[line.pk])
        page = client.get(url)
        html = page.content.decode()
        assert "The resolution&#x27;s status follows its owners&#x27; lines." in html or \
            "The resolution's status follows its owners' lines." in html
        data = form_data(html, "w-editor-form") | {"status": LineStatus.DONE}
        assert "closed_on" not in data  # derived: read-only
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        line.refresh_from_db()
        assert line.status == LineStatus.DONE and line.closed_on == TODAY
        assert state(resolution) == expected
    # Back to open in the admin: the line's closed date goes, and the resolution reopens.
    url = reverse("wagtailsnippets_resolutions_followupline:edit", args=[world["tehran"].pk])
    client.post(url, form_data(client.get(url).content.decode(), "w-editor-form") | {"status": LineStatus.OPEN})
    world["tehran"].refresh_from_db()
    assert world["tehran"].closed_on is None
    assert state(resolution) == (ResolutionStatus.IN_PROGRESS, None)
    assert follows_its_lines(resolution)


def test_the_admin_shows_the_resolutions_status_read_only_and_never_takes_it(client, world, people,
                                                                           django_capture_on_commit_callbacks):
    resolution = world["resolution"]
    client.force_login(people["secretariat"])
    url = reverse("wagtailsnippets_resolutions_resolution:edit", args=[resolution.pk])
    html = client.get(url).content.decode()
    assert "done when every line is done" in html  # the sentence saying where the status comes from
    data = form_data(html, "w-editor-form")
    assert "status" not in data and "closed_on" not in data
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data | {"status": ResolutionStatus.DONE, "english_summary": "Flood study"})
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.english_summary == "Flood study"
    assert (resolution.status, resolution.closed_on) == (ResolutionStatus.OPEN, None)
    # No "done" that the lines then take back: the history never says done → open.
    assert not resolution.history.filter(status=ResolutionStatus.DONE).exists()


def test_the_admin_report_and_line_deletion(client, world, people, django_capture_on_commit_callbacks):
    resolution = world["resolution"]
    client.force_login(people["secretariat"])
    url = reverse("wagtailsnippets_resolutions_followupreport:add")
    data = form_data(client.get(url).content.decode(), "w-editor-form") | {
        "line": world["isfahan"].pk, "reported_on": "2013-01-12", "text": "Sent by letter.",
        "status": LineStatus.DONE}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    world["isfahan"].refresh_from_db()
    assert (world["isfahan"].status, world["isfahan"].closed_on) == (LineStatus.DONE, datetime.date(2013, 1, 12))
    assert state(resolution) == (ResolutionStatus.IN_PROGRESS, None)
    # An older report added later does not overwrite what the latest one said.
    FollowUpReport.objects.create(line=world["isfahan"], text="Started.", status=LineStatus.IN_PROGRESS,
                                  reported_on=datetime.date(2012, 12, 1))
    world["isfahan"].refresh_from_db()
    assert world["isfahan"].status == LineStatus.DONE

    # Tehran reported, then stopped owning it (its line stays, with its report); the admin deletes that
    # line, and the one left is done.
    world["tehran"].record_report(author=None, text="Started.", status=LineStatus.IN_PROGRESS)
    resolution.owners.remove(world["orgs"]["tehran"])
    resolution.sync_lines()
    assert resolution.lines.count() == 2 and state(resolution) == (ResolutionStatus.IN_PROGRESS, None)
    url = reverse("wagtailsnippets_resolutions_followupline:delete", args=[world["tehran"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert state(resolution) == (ResolutionStatus.DONE, datetime.date(2013, 1, 12))


def test_the_minutes_import(site_tree, orgs, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = import_meeting(ConfirmedMeeting(
            number=12, title="Meeting 12", host_city="Isfahan", starts_on=datetime.date(2014, 5, 1), publish=True,
            resolutions=[ConfirmedResolution(number=1, text="Share drill plans.", owners=[orgs["isfahan"]]),
                         ConfirmedResolution(number=2, text="Every city trains volunteers.", all_members=True)]))
    for resolution in page.resolutions.all():
        assert resolution.lines.exists()
        assert state(resolution) == (ResolutionStatus.OPEN, None)
        assert follows_its_lines(resolution)
    every_city = page.resolutions.get(number=2)
    for line in every_city.lines.all():
        line.record_report(author=None, text="Trained.", status=LineStatus.DONE, reported_on=datetime.date(2014, 9, 1))
    assert state(every_city) == (ResolutionStatus.DONE, datetime.date(2014, 9, 1))


def test_history_restore(world, people):
    resolution = world["resolution"]
    first = resolution.history.earliest()  # open, its lines not yet moved
    for line in (world["isfahan"], world["tehran"]):
        line.record_report(author=None, text="Sent.", status=LineStatus.DONE, reported_on=datetime.date(2013, 1, 12))
    resolution.refresh_from_db()
    resolution.text = "Send the flood and earthquake studies."
    resolution.save()
    with translation.override("en"):
        history.restore_version(resolution, first)
    resolution.refresh_from_db()
    assert resolution.text == first.text
    # The version said "open"; the lines say done, and so does the resolution, closed on their day.
    assert state(resolution) == (ResolutionStatus.DONE, datetime.date(2013, 1, 12))
    assert follows_its_lines(resolution)


def test_the_secretariats_decisions_record_who_when_and_why(client, world, people, site_tree):
    resolution = world["resolution"]
    client.force_login(people["secretariat"])
    client.post(reverse("resolutions:cancel", args=[resolution.pk]), {"reason": "Overtaken by the new law"})
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.CANCELLED and resolution.closed_on == TODAY
    assert resolution.decided_by == people["secretariat"] and resolution.decision_reason == "Overtaken by the new law"
    assert resolution.decided_at is not None
    page = client.get(resolution.get_url()).content.decode()
    assert "Overtaken by the new law" in page and "Decided by the secretariat" in page
    # A line that moves meanwhile does not undo the decision.
    world["isfahan"].record_report(author=None, text="Done anyway.", status=LineStatus.DONE)
    assert state(resolution) == (ResolutionStatus.CANCELLED, TODAY)
    status_changes.reopen(resolution)
    resolution.refresh_from_db()
    assert (resolution.status, resolution.decided_by, resolution.decision_reason) == (
        ResolutionStatus.IN_PROGRESS, None, "")

    later = add_meeting(site_tree["meetings"], 10, slug="meeting-10")
    client.post(reverse("resolutions:carry_over", args=[resolution.pk]), {"meeting": later.pk, "number": 3})
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.CARRIED_OVER and resolution.closed_on == TODAY
    assert resolution.decided_by == people["secretariat"] and "meeting 10" in resolution.decision_reason

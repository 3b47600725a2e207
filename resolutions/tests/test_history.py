"""A resolution's history page and restoring earlier versions, through URLs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from resolutions import history
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus, Resolution, ResolutionStatus


@pytest.fixture
def resolution(site_tree, orgs, people, client):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]],
                                   text="Send the flood study.")
    # Changes made by people through the site carry their names (the history middleware).
    client.force_login(people["secretariat"])
    resolution.text = "Send the flood and earthquake studies."
    resolution.status = ResolutionStatus.CANCELLED
    resolution._change_reason = "Wording agreed by e-mail"
    resolution.save()
    resolution.owners.add(orgs["tehran"])
    resolution.sync_lines()
    line = resolution.lines.get(organisation=orgs["isfahan"])
    report = line.record_report(author=people["isfahan"], text="Sent in March.", status=LineStatus.DONE)
    report.delete()
    client.logout()
    return resolution


def url(resolution):
    with translation.override("en"):
        return reverse("tracking:history", args=[resolution.pk])


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def restore_url(resolution, record):
    return reverse("resolutions:restore", args=[resolution.pk, record.history_id])


def test_timeline_has_field_by_field_changes_of_everything(resolution):
    with translation.override("en"):
        entries = history.timeline(resolution)
    kinds = {(e.kind, e.action) for e in entries}
    assert {("resolution", "+"), ("resolution", "~"), ("line", "+"), ("line", "~"),
            ("report", "+"), ("report", "-")} <= kinds
    text_change = next(e for e in entries if e.kind == "resolution" and any(c.field == "text" for c in e.changes))
    change = next(c for c in text_change.changes if c.field == "text")
    assert (change.old, change.new) == ("Send the flood study.", "Send the flood and earthquake studies.")
    status = next(c for c in text_change.changes if c.field == "status")
    assert (status.old, status.new) == ("Open", "Cancelled")
    assert text_change.reason == "Wording agreed by e-mail"
    owners = next(c for e in entries for c in e.changes if c.field == "owners" and c.old != "—")
    assert "Tehran" in owners.new and "Tehran" not in owners.old
    line_change = next(e for e in entries if e.kind == "line" and e.action == "~")
    assert any(c.field == "status" and c.new == "Done" for c in line_change.changes)
    deleted = next(e for e in entries if e.kind == "report" and e.action == "-")
    assert "Isfahan" in deleted.subject
    # Newest first.
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)


def test_members_read_the_history_page(client, resolution, people):
    client.force_login(people["tehran"])
    response = client.get(url(resolution))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Send the flood study." in html and "Send the flood and earthquake studies." in html
    assert "Wording agreed by e-mail" in html
    assert "Sent in March." in html  # the deleted report's text stays readable
    assert "deleted" in html
    assert "Restore this version" not in html  # city managers cannot restore


def test_history_is_for_members(client, resolution, people):
    response = client.get(url(resolution))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    client.force_login(people["outsider"])
    assert client.get(url(resolution)).status_code == 403


def test_resolution_page_links_to_history_for_members(client, resolution, people):
    Resolution.objects.filter(pk=resolution.pk).update(status=ResolutionStatus.OPEN)
    assert url(resolution) not in client.get(resolution.get_url()).content.decode()
    client.force_login(people["isfahan"])
    assert url(resolution) in client.get(resolution.get_url()).content.decode()


def preview_url(resolution, record):
    with translation.override("en"):
        return reverse("tracking:restore_preview", args=[resolution.pk, record.history_id])


def test_restore_shows_what_will_change_and_asks_to_confirm(client, resolution, people, orgs):
    # The version before the rewording: its first text, Isfahan its only owner.
    first = resolution.history.filter(text="Send the flood study.").latest()
    assert [row.organisation_id for row in first.owners.all()] == [orgs["isfahan"].pk]
    client.force_login(people["secretariat"])
    assert preview_url(resolution, first) in client.get(url(resolution)).content.decode()

    preview = client.get(preview_url(resolution, first))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Send the flood and earthquake studies." in html and "Send the flood study." in html  # now → after
    assert "Owners stay: Tehran" in html  # what it will not remove, said before
    assert "The status stays Cancelled" in html  # the secretariat's decision is not undone by a restore
    assert 'name="confirm" value="yes"' in html
    before = resolution.history.count()

    # Without the preview's confirmation nothing is written: back to the preview.
    response = client.post(restore_url(resolution, first))
    assert response.status_code == 302 and response["Location"] == preview_url(resolution, first)
    assert resolution.history.count() == before

    response = client.post(restore_url(resolution, first), {"confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == url(resolution)
    resolution.refresh_from_db()
    assert resolution.text == "Send the flood study."
    assert resolution.status == ResolutionStatus.CANCELLED
    # Owners and lines stay, Tehran's too though that version did not name Tehran.
    assert sorted(o.slug for o in resolution.owners.all()) == ["isfahan", "tehran"]
    assert sorted(line.organisation.slug for line in resolution.lines.all()) == ["isfahan", "tehran"]
    latest = resolution.history.latest()
    assert latest.history_user == people["secretariat"]
    assert latest.history_change_reason.startswith("Restored the version of")
    assert "Restored the version of" in client.get(url(resolution)).content.decode()


def test_restoring_the_first_version_of_an_imported_resolution_keeps_owners_lines_and_reports(
        client, site_tree, orgs, people):
    from resolutions.importing import ConfirmedMeeting, ConfirmedResolution, import_meeting

    page = import_meeting(ConfirmedMeeting(
        number=12, title="Meeting 12", host_city="Isfahan", starts_on=datetime.date(2014, 5, 1), publish=True,
        resolutions=[ConfirmedResolution(number=1, text="Share the drill plans.",
                                         owners=[orgs["isfahan"], orgs["tehran"]], is_public=True)]))
    imported = page.resolutions.get()
    imported.sync_lines()  # what the import's commit does
    isfahan = imported.lines.get(organisation=orgs["isfahan"])
    isfahan.record_report(author=people["isfahan"], text="Plans sent.", status=LineStatus.DONE)
    imported.refresh_from_db()
    imported.text = "Share the drill and evacuation plans."
    imported.save()
    first = imported.history.earliest()
    assert not first.owners.exists()  # saved before its owners were set

    client.force_login(people["secretariat"])
    html = client.get(preview_url(imported, first)).content.decode()
    assert "Isfahan" in html and "Tehran" in html and "never removes an owner" in html
    assert "Follow-up lines and reports are not part of a version" in html
    client.post(restore_url(imported, first), {"confirm": "yes"})

    imported.refresh_from_db()
    assert imported.text == "Share the drill plans."
    assert sorted(o.slug for o in imported.owners.all()) == ["isfahan", "tehran"]
    assert sorted(line.organisation.slug for line in imported.lines.all()) == ["isfahan", "tehran"]
    assert FollowUpReport.objects.filter(line__resolution=imported).count() == 1
    # The rule, not the version, sets the status: Isfahan is done, Tehran has not moved.
    assert imported.status == ResolutionStatus.IN_PROGRESS and imported.closed_on is None


def test_restore_adds_back_an_owner_the_version_had(client, resolution, people, orgs):
    Resolution.objects.filter(pk=resolution.pk).update(status=ResolutionStatus.OPEN)
    with_isfahan = resolution.history.filter(text="Send the flood study.").latest()
    resolution.refresh_from_db()
    resolution.owners.remove(orgs["isfahan"])
    resolution.sync_lines()
    assert [line.organisation.slug for line in resolution.lines.all()] == ["tehran"]
    client.force_login(people["secretariat"])
    html = client.get(preview_url(resolution, with_isfahan)).content.decode()
    assert "Owners stay: Tehran" in html
    client.post(restore_url(resolution, with_isfahan), {"confirm": "yes"})
    assert sorted(o.slug for o in resolution.owners.all()) == ["isfahan", "tehran"]
    assert sorted(line.organisation.slug for line in resolution.lines.all()) == ["isfahan", "tehran"]


def test_times_are_in_the_portals_time_zone_in_the_list_and_the_restore_note(client, resolution, people):
    first = resolution.history.earliest()
    # 10:35 UTC is 14:05 in Tehran (the portal's TIME_ZONE; UTC+3:30).
    type(first).objects.filter(pk=first.pk).update(
        history_date=datetime.datetime(2024, 1, 10, 10, 35, tzinfo=datetime.UTC))
    first.refresh_from_db()
    client.force_login(people["secretariat"])
    listing = client.get(url(resolution)).content.decode()
    assert "14:05" in listing and "10:35" not in listing
    preview = client.get(preview_url(resolution, first)).content.decode()
    assert "14:05" in preview and "10:35" not in preview
    client.post(restore_url(resolution, first), {"confirm": "yes"})
    note = resolution.history.latest().history_change_reason
    assert "14:05" in note and "10:35" not in note


def test_city_manager_cannot_restore(client, resolution, people):
    first = resolution.history.earliest()
    client.force_login(people["isfahan"])
    assert client.post(restore_url(resolution, first), {"confirm": "yes"}).status_code == 403
    resolution.refresh_from_db()
    assert resolution.text == "Send the flood and earthquake studies."
    client.logout()
    response = client.post(restore_url(resolution, first), {"confirm": "yes"})
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    client.force_login(people["isfahan"])
    assert client.get(preview_url(resolution, first)).status_code == 403


def test_restore_needs_post_and_a_version_of_this_resolution(client, resolution, people, site_tree):
    other = ResolutionFactory(meeting=resolution.meeting, number=2)
    client.force_login(people["secretariat"])
    assert client.get(restore_url(resolution, resolution.history.earliest())).status_code == 405
    before = resolution.history.count()
    response = client.post(restore_url(resolution, other.history.earliest()), {"confirm": "yes"})
    # Not found (the locale middleware may turn the 404 into a redirect to a page that is not there).
    assert response.status_code in (302, 404)
    assert resolution.history.count() == before
    resolution.refresh_from_db()
    assert resolution.text == "Send the flood and earthquake studies."


def test_restore_needs_the_csrf_token(resolution, people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["secretariat"])
    assert client.post(restore_url(resolution, resolution.history.earliest())).status_code == 403


def test_deleted_reports_keep_their_history(resolution):
    assert not FollowUpReport.objects.exists()
    assert FollowUpReport.history.filter(history_type="-").count() == 1

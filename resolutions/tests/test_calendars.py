"""Deadlines calendars: parsed back with icalendar, one event per open line with a due date; the public's
holds no internal resolution; a member's secret address includes them until it is revoked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import CalendarKey, LineStatus

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    public = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], due_on=TODAY + 5 * DAY,
                               text="Map every shelter in the old town")
    internal = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["isfahan"]], due_on=TODAY + 9 * DAY,
                                 text="Negotiate the fuel reserve contract", is_public=False)
    undated = ResolutionFactory(meeting=meeting, number=3, owners=[orgs["isfahan"]], text="No deadline here")
    done = ResolutionFactory(meeting=meeting, number=4, owners=[orgs["isfahan"]], due_on=TODAY - DAY,
                             text="Already finished")
    done.lines.get().record_report(author=people["isfahan"], text="Finished.", status=LineStatus.DONE)
    others = ResolutionFactory(meeting=meeting, number=5, owners=[orgs["tehran"]], due_on=TODAY + DAY,
                               text="Tehran's deadline")
    draft_meeting = add_meeting(site_tree["meetings"], 10, slug="meeting-10")
    draft_meeting.unpublish()
    unpublished = ResolutionFactory(meeting=draft_meeting, number=1, owners=[orgs["isfahan"]],
                                    due_on=TODAY + DAY, text="From a meeting not yet published")
    return locals()


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar.walk("VEVENT")


def texts(found):
    return " ".join(str(event["description"]) for event in found)


def test_the_public_calendar_holds_public_resolutions_of_published_meetings_only(client, world, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    found = events(client.get("/en/organisations/isfahan/deadlines.ics"))
    assert len(found) == 1
    event = found[0]
    assert "Map every shelter" in str(event["summary"]) and "resolution 1" in str(event["summary"])
    assert event["dtstart"].dt == TODAY + 5 * DAY and not isinstance(event["dtstart"].dt, datetime.datetime)
    assert event["dtend"].dt == TODAY + 6 * DAY
    line = world["public"].lines.get()
    assert str(event["uid"]) == f"follow-up-line-{line.pk}@portal.example.org"
    assert str(event["url"]) == "https://portal.example.org" + world["public"].get_url()
    assert "Negotiate the fuel" not in texts(found) and "not yet published" not in texts(found)


def test_a_members_secret_address_includes_internal_resolutions(client, world, people):
    key = CalendarKey.renew_for(people["isfahan"])
    url = reverse("organisation_deadlines", args=["isfahan"]) + f"?key={key.secret}"
    found = events(client.get(url))
    assert len(found) == 2  # public and internal; not the undated, the done, Tehran's or the unpublished one
    assert "Negotiate the fuel" in texts(found) and "Map every shelter" in texts(found)
    assert client.get(url)["Cache-Control"] == "private, no-store"


def test_the_uid_is_stable(client, world):
    first = events(client.get("/en/organisations/isfahan/deadlines.ics"))[0]["uid"]
    again = events(client.get("/en/organisations/isfahan/deadlines.ics"))[0]["uid"]
    assert first == again


def test_a_revoked_key_answers_404(client, world, people):
    old = CalendarKey.renew_for(people["isfahan"])
    old_url = reverse("organisation_deadlines", args=["isfahan"]) + f"?key={old.secret}"
    new = CalendarKey.renew_for(people["isfahan"])
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("organisation_deadlines", args=["isfahan"]) + f"?key={new.secret}").status_code == 200


@pytest.mark.parametrize("key", ["", "nonsense", "1-0000", "999-abc"])
def test_a_wrong_key_answers_404(client, world, people, key):
    CalendarKey.renew_for(people["isfahan"])
    assert client.get(f"/en/organisations/isfahan/deadlines.ics?key={key}").status_code == 404


def test_a_key_of_someone_no_longer_a_member_answers_404(client, world, people):
    key = CalendarKey.renew_for(people["isfahan"])
    people["isfahan"].groups.clear()
    assert client.get(f"/en/organisations/isfahan/deadlines.ics?key={key.secret}").status_code == 404


def test_the_secret_is_not_stored(world, people):
    key = CalendarKey.renew_for(people["isfahan"])
    stored = " ".join(str(value) for value in CalendarKey.objects.filter(pk=key.pk).values().get().values())
    assert key.secret.split("-", 1)[1] not in stored


def test_the_workspace_offers_the_addresses_and_a_new_key(client, world, people):
    client.force_login(people["isfahan"])
    page = client.get("/en/workspace/").content.decode()
    assert "/en/organisations/isfahan/deadlines.ics" in page and "?key=" not in page
    response = client.post(reverse("workspace_calendar_key"))
    assert response.status_code == 302
    first = CalendarKey.current_for(people["isfahan"])
    assert f"?key={first.secret}" in client.get("/en/workspace/").content.decode()
    client.post(reverse("workspace_calendar_key"))
    assert CalendarKey.current_for(people["isfahan"]) != first
    assert CalendarKey.objects.get(pk=first.pk).is_revoked


def test_the_organisation_page_links_its_public_calendar(client, world):
    page = client.get("/en/organisations/isfahan/").content.decode()
    assert 'href="/en/organisations/isfahan/deadlines.ics"' in page


def test_the_calendar_reads_in_its_language_where_translated(client, world):
    world["public"].persian_summary = "نقشه همه پناهگاه‌های بافت قدیم"
    world["public"].save()
    event = events(client.get("/fa/organisations/isfahan/deadlines.ics"))[0]
    assert "نقشه همه پناهگاه" in str(event["summary"])
    assert "Map every shelter" in str(event["description"])  # the original too

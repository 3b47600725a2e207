"""Bulk changes by the secretariat: on the board and in the admin's lists, through the one status rule,
each change in the history with the note as its reason."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from resolutions import bulk
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpLine, LineStatus, ResolutionStatus
from resolutions.tests.test_import_view import in_english

BOARD = "/en/board/"
BULK = "/en/board/bulk/"
NOTE = "Confirmed by letters received in the spring"


@pytest.fixture
def world(site_tree, orgs, people):
    ninth = add_meeting(site_tree["meetings"], 9, starts_on=datetime.date(2013, 1, 1))
    first = ResolutionFactory(meeting=ninth, number=1, owners=[orgs["isfahan"], orgs["tehran"]])
    second = ResolutionFactory(meeting=ninth, number=2, owners=[orgs["tehran"]])
    third = ResolutionFactory(meeting=ninth, number=3, owners=[orgs["isfahan"]])
    return {"first": first, "second": second, "third": third}


def three_lines(world, orgs):
    return [world["first"].lines.get(organisation=orgs["isfahan"]),
            world["first"].lines.get(organisation=orgs["tehran"]),
            world["second"].lines.get()]


def reasons(obj):
    return list(obj.history.values_list("history_change_reason", flat=True))


def test_plan_says_what_changes_and_apply_goes_through_the_rule(world, orgs, people):
    lines = three_lines(world, orgs)
    plan = bulk.plan(lines=lines, status=LineStatus.DONE)
    assert plan.summary() == "3 lines will be marked Done."
    assert FollowUpLine.objects.filter(status=LineStatus.DONE).count() == 0  # planning writes nothing

    bulk.apply(plan, note=NOTE, user=people["secretariat"])
    first, second, third = (world[k] for k in ("first", "second", "third"))
    for resolution in (first, second, third):
        resolution.refresh_from_db()
    assert (first.status, first.closed_on) == (ResolutionStatus.DONE, datetime.date.today())
    assert second.status == ResolutionStatus.DONE and third.status == ResolutionStatus.OPEN
    assert reasons(first)[0] == NOTE and reasons(second)[0] == NOTE
    assert NOTE not in reasons(third)
    for line in lines:
        record = line.history.first()
        assert (record.status, record.history_change_reason) == (LineStatus.DONE, NOTE)
        assert record.history_user == people["secretariat"]


def test_a_resolution_ticked_for_a_status_gives_it_to_every_line(world, orgs, people):
    plan = bulk.plan(resolutions=[world["first"]], status=LineStatus.IN_PROGRESS)
    assert len(plan.lines) == 2
    bulk.apply(plan, note=NOTE, user=people["secretariat"])
    world["first"].refresh_from_db()
    assert world["first"].status == ResolutionStatus.IN_PROGRESS and world["first"].closed_on is None


def test_cancelled_resolutions_are_left_out_of_line_statuses(world, orgs, people):
    from resolutions import status_changes

    status_changes.cancel(world["second"], user=people["secretariat"], reason="No longer needed")
    plan = bulk.plan(lines=three_lines(world, orgs), status=LineStatus.DONE)
    assert len(plan.lines) == 2 and len(plan.skipped) == 1
    assert "reopen it first" in plan.skipped[0].reason


# --- the board ------------------------------------------------------------------------------

def post_bulk(client, data):
    return client.post(BULK, data)


def test_board_offers_ticks_to_the_secretariat_only(client, world, people):
    client.force_login(people["isfahan"])
    assert 'name="line"' not in client.get(BOARD).content.decode()
    assert client.post(BULK, {"line": [1], "change": "status", "status": "done", "note": NOTE}).status_code == 403
    client.force_login(people["secretariat"])
    html = client.get(BOARD).content.decode()
    assert 'name="line"' in html and 'name="resolution"' in html and reverse("tracking:bulk_change") in html


def test_board_review_then_confirm_marks_three_lines_done(client, world, orgs, people):
    client.force_login(people["secretariat"])
    lines = three_lines(world, orgs)
    data = {"line": [line.pk for line in lines], "change": "status", "status": "done", "note": NOTE, "next": BOARD}
    response = post_bulk(client, data)
    assert response.status_code == 200
    assert "3 lines will be marked Done." in response.content.decode()
    assert not FollowUpLine.objects.filter(status=LineStatus.DONE).exists()  # only after confirming

    response = post_bulk(client, {**data, "confirmed": "True"})
    assert response.status_code == 302 and response["Location"] == BOARD
    assert FollowUpLine.objects.filter(status=LineStatus.DONE).count() == 3
    world["first"].refresh_from_db()
    world["second"].refresh_from_db()
    assert world["first"].status == world["second"].status == ResolutionStatus.DONE
    assert world["first"].closed_on == datetime.date.today()
    assert reasons(world["first"])[0] == NOTE
    assert all(line.history.first().history_change_reason == NOTE for line in lines)
    assert "3 lines were marked Done." in client.get(BOARD).content.decode()


def test_board_changes_due_dates_of_the_resolutions_of_ticked_lines(client, world, orgs, people):
    client.force_login(people["secretariat"])
    line = world["third"].lines.get()
    data = {"line": [line.pk], "resolution": [world["second"].pk], "change": "due_on",
            "due_on": "۱۴۰۵/۰۹/۱۲", "note": NOTE, "confirmed": "True"}
    assert post_bulk(client, data).status_code == 302
    for key in ("second", "third"):
        world[key].refresh_from_db()
        assert world[key].due_on == datetime.date(2026, 12, 3)
        record = world[key].history.first()
        assert (record.due_on, record.history_change_reason) == (datetime.date(2026, 12, 3), NOTE)
    world["first"].refresh_from_db()
    assert world["first"].due_on is None


def test_board_cancels_in_bulk_with_the_note_as_the_decision(client, world, people):
    client.force_login(people["secretariat"])
    data = {"resolution": [world["first"].pk, world["third"].pk], "change": "status", "status": "cancelled",
            "note": NOTE}
    assert "2 resolutions will be cancelled." in post_bulk(client, data).content.decode()
    assert post_bulk(client, {**data, "confirmed": "True"}).status_code == 302
    world["first"].refresh_from_db()
    assert world["first"].status == ResolutionStatus.CANCELLED and world["first"].decision_reason == NOTE
    assert reasons(world["first"])[0] == NOTE


@pytest.mark.parametrize("data, message", [
    ({"change": "status", "status": "done", "note": NOTE}, "Tick at least one resolution or line"),
    ({"line": [1], "change": "status", "status": "done", "note": "  "}, "Write a note"),
    ({"line": [1], "change": "status", "status": "", "note": NOTE}, "Choose the new status"),
    ({"line": [1], "change": "due_on", "due_on": "soon", "note": NOTE}, "Enter a date as"),
])
def test_board_mistakes_change_nothing_and_say_why(client, world, people, data, message):
    client.force_login(people["secretariat"])
    response = post_bulk(client, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not FollowUpLine.objects.exclude(status=LineStatus.OPEN).exists()


def test_board_mistakes_are_told_in_the_readers_language(client, world, people):
    client.force_login(people["secretariat"])
    response = client.post("/fa/board/bulk/", {"line": [1], "change": "status", "status": "done", "note": ""})
    with translation.override("fa"):
        expected = str(translation.gettext("Write a note: it is kept in the history as the reason."))
    assert expected != "Write a note: it is kept in the history as the reason."
    assert expected in response.content.decode()


# --- the admin's lists ----------------------------------------------------------------------

def admin_bulk_url(model_name, objects):
    url = reverse("wagtail_bulk_action", args=["resolutions", model_name, "change_status_or_due_date"])
    return url + "?" + "&".join(f"id={obj.pk}" for obj in objects) + "&next=/admin/"


def test_admin_bulk_change_of_lines_reviews_then_confirms(client, world, orgs, people):
    in_english(people["secretariat"])
    client.force_login(people["secretariat"])
    lines = three_lines(world, orgs)
    url = admin_bulk_url("followupline", lines)
    response = client.get(url)
    assert response.status_code == 200 and 'name="note"' in response.content.decode()

    data = {"change": "status", "status": "done", "note": NOTE}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "3 lines will be marked Done." in response.content.decode()
    assert not FollowUpLine.objects.filter(status=LineStatus.DONE).exists()

    response = client.post(url, {**data, "confirmed": "True"})
    assert response.status_code == 302
    assert FollowUpLine.objects.filter(status=LineStatus.DONE).count() == 3
    world["first"].refresh_from_db()
    assert world["first"].status == ResolutionStatus.DONE and reasons(world["first"])[0] == NOTE


def test_admin_bulk_due_date_of_resolutions(client, world, people):
    in_english(people["secretariat"])
    client.force_login(people["secretariat"])
    url = admin_bulk_url("resolution", [world["first"], world["second"]])
    data = {"change": "due_on", "due_on": "2026-12-03", "note": NOTE}
    assert "2 resolutions will be due on" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "confirmed": "True"}).status_code == 302
    world["first"].refresh_from_db()
    assert world["first"].due_on == datetime.date(2026, 12, 3) and reasons(world["first"])[0] == NOTE


def test_admin_bulk_change_is_the_secretariats(client, world, people):
    manager = people["isfahan"]
    client.force_login(manager)
    url = admin_bulk_url("resolution", [world["first"]])
    client.post(url, {"change": "due_on", "due_on": "2026-12-03", "note": NOTE, "confirmed": "True"})
    world["first"].refresh_from_db()
    assert world["first"].due_on is None

"""The status board: its computations as plain functions, and the page through URLs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from resolutions import board
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus, ResolutionStatus

TODAY = datetime.date(2013, 6, 1)


@pytest.fixture
def world(site_tree, orgs, people):
    ninth = add_meeting(site_tree["meetings"], 9, starts_on=datetime.date(2013, 1, 1))
    tenth = add_meeting(site_tree["meetings"], 10, slug="meeting-10", starts_on=datetime.date(2013, 3, 1))
    late = ResolutionFactory(meeting=ninth, number=1, owners=[orgs["isfahan"], orgs["tehran"]],
                             due_on=datetime.date(2013, 2, 1))
    everyone = ResolutionFactory(meeting=ninth, number=2, owned_by_all_members=True)
    cancelled = ResolutionFactory(meeting=ninth, number=3, owners=[orgs["tehran"]],
                                  due_on=datetime.date(2013, 2, 1), status=ResolutionStatus.CANCELLED)
    internal = ResolutionFactory(meeting=tenth, number=1, owners=[orgs["secretariat"]], is_public=False)
    # Isfahan closes resolution 1 in 30 days and resolution 2 in 50; Tehran is working on 1.
    late.lines.get(organisation=orgs["isfahan"]).record_report(
        author=people["isfahan"], text="done", status=LineStatus.DONE, reported_on=datetime.date(2013, 1, 31))
    late.lines.get(organisation=orgs["tehran"]).record_report(
        author=people["tehran"], text="working", status=LineStatus.IN_PROGRESS, reported_on=datetime.date(2013, 1, 5))
    everyone.lines.get(organisation=orgs["isfahan"]).record_report(
        author=people["isfahan"], text="done", status=LineStatus.DONE, reported_on=datetime.date(2013, 2, 20))
    for resolution in (late, everyone, cancelled, internal):
        resolution.refresh_from_db()
    return locals()


# --- computations ---------------------------------------------------------------------------

def test_matrix_has_one_column_per_owner_and_gaps_where_none(world, orgs):
    columns, rows = board.status_matrix(board.board_resolutions(world["people"]["secretariat"]))
    assert [c.slug for c in columns] == ["network-secretariat", "isfahan", "tehran"]
    by_number = {(r.resolution.meeting.number, r.resolution.number): r.cells for r in rows}
    cells = by_number[(9, 1)]
    assert cells[0] is None
    assert [cells[1].status, cells[2].status] == [LineStatus.DONE, LineStatus.IN_PROGRESS]
    assert [c is None for c in by_number[(10, 1)]] == [False, True, True]


def test_filters(world, orgs, people):
    user = people["secretariat"]
    numbers = lambda qs: sorted((r.meeting.number, r.number) for r in qs)  # noqa: E731
    assert numbers(board.board_resolutions(user, meeting=world["tenth"])) == [(10, 1)]
    assert numbers(board.board_resolutions(user, owner=orgs["tehran"])) == [(9, 1), (9, 2), (9, 3)]
    assert numbers(board.board_resolutions(user, status=ResolutionStatus.CANCELLED)) == [(9, 3)]
    assert numbers(board.board_resolutions(user, overdue=True, today=TODAY)) == [(9, 1)]
    # The public rule still holds for anyone else.
    from django.contrib.auth.models import AnonymousUser
    assert (10, 1) not in numbers(board.board_resolutions(AnonymousUser()))


def test_scorecards_count_owned_done_overdue_and_median_days(world, orgs, people):
    resolutions = list(board.board_resolutions(people["secretariat"]))
    cards = {c.organisation.slug: c for c in board.scorecards(board.lines_of(resolutions), TODAY)}
    isfahan, tehran = cards["isfahan"], cards["tehran"]
    assert (isfahan.owned, isfahan.done, isfahan.overdue) == (2, 2, 0)
    assert isfahan.days_to_close == [30, 50] and isfahan.median_days_to_close == 40
    assert isfahan.done_share == 100
    # Tehran: resolution 1 (late, in progress) and 2 (no due date); the cancelled 3 owes nothing.
    assert (tehran.owned, tehran.done, tehran.overdue) == (2, 0, 1)
    assert tehran.median_days_to_close is None
    assert cards["network-secretariat"].owned == 1
    assert "retired-city" not in cards


def test_median_of_an_odd_count():
    card = board.Scorecard(organisation=None, days_to_close=[10, 200, 30])
    assert card.median_days_to_close == 30


def test_line_is_overdue_only_while_open_and_past_due(world, orgs):
    late = world["late"]
    assert board.line_is_overdue(late.lines.get(organisation=orgs["tehran"]), TODAY)
    assert not board.line_is_overdue(late.lines.get(organisation=orgs["isfahan"]), TODAY)
    assert not board.line_is_overdue(late.lines.get(organisation=orgs["tehran"]), datetime.date(2013, 1, 15))
    assert not board.line_is_overdue(world["cancelled"].lines.get(), TODAY)


def test_statuses_per_meeting_and_chart(world, people):
    resolutions = list(board.board_resolutions(people["secretariat"]))
    per_meeting = board.statuses_per_meeting(resolutions)
    assert [(m.number, dict(c)) for m, c in per_meeting] == [
        (9, {ResolutionStatus.IN_PROGRESS: 2, ResolutionStatus.CANCELLED: 1}),
        (10, {ResolutionStatus.OPEN: 1}),
    ]
    chart = board.status_chart(per_meeting)
    ninth, tenth = chart["bars"]
    assert ninth["total"] == 3 and tenth["total"] == 1
    assert [s["status"] for s in ninth["segments"]] == ["in_progress", "cancelled"]
    # Bars share one scale: the 10th meeting's single resolution is a third of the 9th's bar.
    width = lambda bar: sum(s["width"] for s in bar["segments"])  # noqa: E731
    assert abs(width(ninth) - 3 * width(tenth)) < 0.5
    assert ninth["counts"] == [0, 2, 0, 1, 0]
    assert board.status_chart([])["bars"] == []


# --- the page -------------------------------------------------------------------------------

URL = "/en/board/"


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_outsiders_are_refused(client, world, people):
    client.force_login(people["outsider"])
    assert client.get(URL).status_code == 403


def test_members_see_matrix_scorecard_and_chart(client, world, people):
    client.force_login(people["isfahan"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("en"):
        assert reverse("tracking:board") == URL
    # Status as text, not colour alone.
    assert 'class="status status-done"' in html and ">Done<" in html
    assert "In progress" in html and "Cancelled" in html
    assert world["internal"].get_url() in html  # members see members-only resolutions
    assert 'role="img"' in html and "<title id=\"status-chart-title\">" in html
    assert "Median days to close" in html


def test_board_filters_through_the_query_string(client, world, people, orgs):
    client.force_login(people["secretariat"])
    response = client.get(URL, {"meeting": world["tenth"].pk})
    assert [row.resolution for row in response.context["rows"]] == [world["internal"]]
    response = client.get(URL, {"owner": orgs["isfahan"].pk, "status": "in_progress"})
    assert {row.resolution for row in response.context["rows"]} == {world["late"], world["everyone"]}
    response = client.get(URL, {"overdue": "on"})
    overdue = {row.resolution for row in response.context["rows"]}
    assert overdue == {r for r in (world["late"],) if r.due_on < timezone.localdate()}
    assert "overdue" in response.content.decode()
    # A filter value that does not exist shows the whole board rather than an error.
    assert client.get(URL, {"meeting": "999999"}).status_code == 200


def test_persian_board_uses_persian_digits(client, world, people):
    client.force_login(people["isfahan"])
    html = client.get("/fa/board/").content.decode()
    assert "۹" in html

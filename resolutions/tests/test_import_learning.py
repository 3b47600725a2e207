"""The minutes import on the demo network: the heading fills the meeting, due dates, owners nobody
would follow up, and spellings the secretariat teaches the import."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from portal.models import Organisation, OrganisationAlias
from resolutions.dates import jalali_input
from resolutions.importing import read_header
from resolutions.minutes import parse_minutes
from resolutions.models import MeetingPage, Resolution
from resolutions.tests.test_import_view import SEED, URL, in_english, preview_data


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def editor(client, demo):
    user = get_user_model().objects.get(username="secretariat")
    in_english(user)
    client.force_login(user)
    return client


def preview(editor, text):
    response = editor.post(URL, {"action": "preview", "text": text})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


# --- the heading ----------------------------------------------------------------------------

@pytest.mark.parametrize("heading, city, first_day", [
    ("نشست دهم مدیران بحران (همدان مهرماه ۱۳۹۱)", "همدان", datetime.date(2012, 9, 22)),
    ("Isfahan, 14 May 2025", "Isfahan", datetime.date(2025, 5, 14)),
    ("第十次会议纪要\n（二〇二四年十月，柳州）", "柳州", datetime.date(2024, 10, 1)),
    ("Minutes of the tenth meeting", "", None),
])
def test_heading_gives_city_and_date(demo, heading, city, first_day):
    parsed = parse_minutes(heading + "\n1) Hold a drill.\n")
    header = read_header(parsed)
    assert (header.host_city, header.starts_on) == (city, first_day)


def test_heading_city_unknown_to_the_portal_is_the_word_beside_the_date(db):
    parsed = parse_minutes("Nowhere, 14 May 2025\n1) Hold a drill.\n")
    assert read_header(parsed).host_city == "Nowhere"


def test_preview_shows_the_heading_in_the_meeting_fields(editor):
    response = preview(editor, "Isfahan, 14 May 2025\nMinutes of the 12th meeting\n"
                               "1) Hold a drill. (Owner: Isfahan Crisis Management Office)\n")
    details = response.context["details"]
    assert details["host_city"].value() == "Isfahan"
    assert details["starts_on"].value() == jalali_input(datetime.date(2025, 5, 14))
    assert details["number"].value() == 12


# --- the real minutes -----------------------------------------------------------------------

def test_real_minutes_import_with_every_owner_recognised(editor, seeds):
    response = preview(editor, (seeds / SEED).read_text(encoding="utf-8"))
    rows = response.context["rows"].forms
    assert len(rows) == 9
    assert all(not row.unknown for row in rows), [row.unknown for row in rows]
    assert all(not row.has_no_owner() for row in rows)
    detected = [row.detected_owners() for row in rows]
    assert all(found and all(org or everyone for _name, org, everyone in found) for found in detected)
    details = response.context["details"]
    assert details["host_city"].value() == "همدان" and details["starts_on"].value() == "1391/07/01"

    data = preview_data(response)
    data.update({"action": "confirm", "all_due_by": "۱۳۹۲/۰۶/۳۱", "number": "19"})  # the demo has a 9th
    response = editor.post(URL, data)
    assert response.status_code == 302, response.content.decode()
    meeting = MeetingPage.objects.get(number=19)
    assert meeting.resolutions.count() == 9
    assert all(r.lines.exists() for r in meeting.resolutions.all())
    assert set(meeting.resolutions.values_list("due_on", flat=True)) == {datetime.date(2013, 9, 22)}


# --- due dates ------------------------------------------------------------------------------

def test_due_date_per_resolution_and_all_due_by_for_the_rest(editor):
    text = "Tenth meeting (Kerman 2013)\n1) Hold a drill. (Owner: Kerman)\n2) Share the plan. (Owner: Kerman)\n"
    data = preview_data(preview(editor, text))
    data.update({"action": "confirm", "number": "10", "starts_on": "2013-05-01",
                 "rows-0-due_on": "۱۴۰۵/۰۹/۱۲", "all_due_by": "2026-12-31"})
    response = editor.post(URL, data)
    assert response.status_code == 302
    due = dict(Resolution.objects.filter(meeting__number=10).values_list("number", "due_on"))
    assert due == {1: datetime.date(2026, 12, 3), 2: datetime.date(2026, 12, 31)}


def test_a_due_date_that_is_no_date_is_an_error_and_nothing_is_saved(editor):
    data = preview_data(preview(editor, "Tenth meeting (Kerman 2013)\n1) Hold a drill. (Owner: Kerman)\n"))
    data.update({"action": "confirm", "number": "10", "starts_on": "2013-05-01", "rows-0-due_on": "next spring"})
    response = editor.post(URL, data)
    assert response.status_code == 400
    assert "Enter a date as 1391/07/19" in response.content.decode()
    assert not MeetingPage.objects.filter(number=10).exists()


# --- a resolution nobody would follow up ----------------------------------------------------

def test_ownerless_resolution_is_warned_about_and_needs_confirming(editor):
    text = "Tenth meeting (Kerman 2013)\n1) Hold a drill. (Owner: Kerman)\n2) Think about it.\n"
    response = preview(editor, text)
    html = response.content.decode()
    assert "Resolution 2 has no owner" in html
    assert "anyone, without signing in, reads the resolution" in html  # what "Public" means

    data = preview_data(response)
    data.update({"action": "confirm", "number": "10", "starts_on": "2013-05-01"})
    response = editor.post(URL, data)
    assert response.status_code == 400
    assert "Resolution 2 would have no owner" in response.content.decode()
    assert not MeetingPage.objects.filter(number=10).exists()

    data["accept_ownerless"] = "on"
    assert editor.post(URL, data).status_code == 302
    assert not Resolution.objects.get(meeting__number=10, number=2).lines.exists()


def test_owners_all_left_out_count_as_ownerless(editor):
    text = "Tenth meeting (Kerman 2013)\n1) Hold a drill. (Owner: Somebody Else Entirely)\n"
    data = preview_data(preview(editor, text))
    data.update({"action": "confirm", "number": "10", "starts_on": "2013-05-01", "rows-0-unknown_0": "-"})
    response = editor.post(URL, data)
    assert response.status_code == 400 and "would have no owner" in response.content.decode()


# --- the import learns names ----------------------------------------------------------------

SPELLING = "Emergency Desk of the Eastern Districts"


def minutes_naming(number):
    return f"Meeting {number} (Kerman 2013)\n1) Hold a drill. (Owner: {SPELLING})\n"


def test_a_picked_organisation_is_learned_and_the_next_import_matches_it(editor):
    kerman = Organisation.objects.get(slug="kerman")
    response = preview(editor, minutes_naming(10))
    row = response.context["rows"].forms[0]
    assert [item["name"] for item in row.unknown] == [SPELLING]
    data = preview_data(response)
    data.update({"action": "confirm", "number": "10", "starts_on": "2013-05-01", "rows-0-unknown_0": "kerman"})
    assert editor.post(URL, data).status_code == 302

    alias = OrganisationAlias.objects.get(organisation=kerman)
    assert alias.text == SPELLING and alias.created_by.username == "secretariat"
    row = preview(editor, minutes_naming(11)).context["rows"].forms[0]
    assert not row.unknown
    assert row.initial["owners"] == [kerman]

    # Removing the spelling in the admin makes the import ask again.
    delete_url = reverse("wagtailsnippets_portal_organisationalias:delete", args=[alias.pk])
    assert editor.post(delete_url).status_code == 302
    assert not OrganisationAlias.objects.exists()
    row = preview(editor, minutes_naming(11)).context["rows"].forms[0]
    assert [item["name"] for item in row.unknown] == [SPELLING]


def test_learned_spellings_are_listed_in_the_admin(editor):
    OrganisationAlias.objects.learn(Organisation.objects.get(slug="kerman"), SPELLING)
    response = editor.get(reverse("wagtailsnippets_portal_organisationalias:list"))
    assert response.status_code == 200 and SPELLING in response.content.decode()


def test_check_again_shows_the_all_due_by_date_in_the_empty_rows(editor):
    text = "Tenth meeting (Kerman 2013)\n1) Hold a drill. (Owner: Kerman)\n2) Share the plan. (Owner: Kerman)\n"
    data = preview_data(preview(editor, text))
    data.update({"action": "check", "number": "10", "starts_on": "2013-05-01",
                 "rows-0-due_on": "1405/09/12", "all_due_by": "1405/10/10"})
    rows = editor.post(URL, data).context["rows"].forms
    assert [row["due_on"].value() for row in rows] == ["1405/09/12", "1405/10/10"]
    assert not MeetingPage.objects.filter(number=10).exists()

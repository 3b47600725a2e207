"""`manage.py import_minutes` and the helpers it shares with the admin preview."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from resolutions.dates import guess_meeting_date, jalali_input, parse_date_input
from resolutions.factories import add_meeting
from resolutions.importing import guess_host_city, owner_candidates
from resolutions.models import MeetingPage, Resolution

SEED = "001_febd7a41f992d9e2.txt"


def run(*args):
    out = io.StringIO()
    call_command("import_minutes", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


# --- dates and titles -----------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("1391/07/19", datetime.date(2012, 10, 10)),
    ("۱۳۹۱/۰۷/۱۹", datetime.date(2012, 10, 10)),
    ("١٣٩١-٧-١٩", datetime.date(2012, 10, 10)),
    ("2012-10-10", datetime.date(2012, 10, 10)),
    (" 1398/6/26 ", datetime.date(2019, 9, 17)),
])
def test_dates_are_read_in_either_calendar(typed, expected):
    assert parse_date_input(typed) == expected


@pytest.mark.parametrize("typed", ["", "10/10/2012", "1391/13/01", "2012-02-30", "tomorrow"])
def test_impossible_dates_are_refused(typed):
    with pytest.raises(ValueError):
        parse_date_input(typed)


def test_title_gives_month_and_city():
    title = "نهمین نشست مدیران بحران کلانشهرهای کشور (همدان مهرماه ۱۳۹۱)"
    assert guess_meeting_date(title) == datetime.date(2012, 9, 22)  # 1 Mehr 1391
    assert jalali_input(guess_meeting_date(title)) == "1391/07/01"
    assert guess_host_city(title) == "همدان"
    assert guess_host_city("Tenth meeting (Isfahan, 2013)") == "Isfahan"
    assert guess_host_city("No brackets") == "" and guess_meeting_date("No date") is None


def test_candidates_carry_every_name_and_alias(orgs):
    orgs["isfahan"].aliases = "شهرداری اصفهان\nIsfahan CM"
    orgs["isfahan"].save()
    candidate = next(c for c in owner_candidates() if c.key == "isfahan")
    assert {"Isfahan", "شهرداری اصفهان", "Isfahan CM"} <= set(candidate.names)


# --- dry run --------------------------------------------------------------------------------

def test_seed_dry_run_json_with_demo_data(demo, seeds):
    before = (MeetingPage.objects.count(), Resolution.objects.count())
    data = json.loads(run(seeds / SEED, "--dry-run", "--format", "json"))

    assert [item["number"] for item in data] == list(range(1, 10))
    assert set(data[0]) == {"number", "text", "owners", "refers_to_meetings"}
    assert set(data[0]["owners"][0]) == {"name", "organisation", "all_members"}
    # Three spellings of the network secretariat, one organisation.
    spellings = {owner["name"]: owner["organisation"] for item in data for owner in item["owners"]}
    for spelling in ("دبیرخانه مدیران بحران", "دبیرخانه مدیران بحران کلان شهرها", "دبیرخانه"):
        assert spellings[spelling] == "network-secretariat"
    assert data[1]["owners"] == [{"name": "کلیه کلان شهرها", "organisation": None, "all_members": True}]
    assert data[2]["owners"][0]["organisation"] == "isfahan"
    assert data[0]["refers_to_meetings"] == [7, 8]
    assert all(item["refers_to_meetings"] == [] for item in data[1:])
    # Item 7's broken line is one resolution.
    assert "با هماهنگی دبیرخانه مدیران بحران در تهران برگزار گردد" in data[6]["text"]
    assert (MeetingPage.objects.count(), Resolution.objects.count()) == before


def test_dry_run_text_lists_unknown_owners(db, seeds):
    out = run(seeds / SEED, "--dry-run")  # no organisations at all
    assert "Meeting number: 9" in out
    assert "UNKNOWN" in out and "all member metropolises" in out
    assert not MeetingPage.objects.exists()


# --- creating -------------------------------------------------------------------------------

def test_import_creates_meeting_resolutions_owners_and_links(site_tree, orgs, seeds):
    orgs["isfahan"].aliases = "مدیریت بحران شهرداری اصفهان"
    orgs["isfahan"].save()
    seventh = add_meeting(site_tree["meetings"], 7, slug="seventh")
    out = run(seeds / SEED, "--publish")
    meeting = MeetingPage.objects.get(number=9)
    assert meeting.live and meeting.host_city == "همدان" and meeting.starts_on == datetime.date(2012, 9, 22)
    assert meeting.get_parent().specific == site_tree["meetings"]
    resolutions = list(meeting.resolutions.order_by("number"))
    assert [r.number for r in resolutions] == list(range(1, 10))
    assert all(r.language == "fa" for r in resolutions)
    # Only the existing 7th meeting can be linked; the 8th is not in the portal.
    assert list(resolutions[0].follows_up_meetings.all()) == [seventh]
    assert resolutions[1].owned_by_all_members
    assert {line.organisation.slug for line in resolutions[1].lines.all()} == {"isfahan", "tehran"}
    assert [o.slug for o in resolutions[2].owners.all()] == ["isfahan"]
    assert "Meeting 9" in out and "9 resolutions" in out


def test_import_is_a_draft_unless_published(site_tree, orgs, seeds):
    run(seeds / SEED, "--meeting-number", 12, "--host-city", "Hamedan", "--date", "۱۳۹۱/۰۷/۱۹")
    meeting = MeetingPage.objects.get(number=12)
    assert not meeting.live and meeting.host_city == "Hamedan"
    assert meeting.starts_on == datetime.date(2012, 10, 10)
    assert meeting.resolutions.count() == 9


def test_import_refuses_a_taken_meeting_number(site_tree, orgs, seeds):
    add_meeting(site_tree["meetings"], 9)
    with pytest.raises(CommandError, match="9"):  # "Meeting 9 already exists", in the site's language
        run(seeds / SEED)
    assert Resolution.objects.count() == 0


def test_import_needs_a_meeting_number(site_tree, tmp_path):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Minutes\n1) Send the report. (Owner: Isfahan)\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--meeting-number"):
        run(minutes, "--date", "2012-10-10", "--host-city", "Hamedan")
    assert not MeetingPage.objects.exists()
    run(minutes, "--meeting-number", 3, "--date", "2012-10-10", "--host-city", "Hamedan")
    assert MeetingPage.objects.get().number == 3


def test_bad_date_option_is_a_clear_error(site_tree, seeds):
    with pytest.raises(CommandError, match="--date"):
        run(seeds / SEED, "--date", "31/12/2012")
    assert not MeetingPage.objects.exists()


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"Just a paragraph without numbers.\n", "No numbered resolutions"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("1) Le café de la réunion, décision prise.\n".encode("latin-1"), "UTF-8"),
    (b"1) " + b"a" * 1_000_001, "1 MB"),
])
def test_unreadable_input_exits_with_the_parsers_message(db, tmp_path, content, message):
    path = tmp_path / "minutes.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path, "--dry-run", "--format", "json")
    assert not MeetingPage.objects.exists()


def test_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nope.txt", "--dry-run")

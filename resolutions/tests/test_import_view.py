"""The "Import minutes" admin view, driven through the test client like an editor's browser."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.factories import OrganisationFactory
from resolutions.factories import add_meeting
from resolutions.models import FollowUpLine, MeetingPage, Resolution

URL = "/admin/import-minutes/"
SEED = "001_febd7a41f992d9e2.txt"


@pytest.fixture
def network(site_tree, orgs):
    """The fixture organisations, named the way the seed minutes name them."""
    orgs["secretariat"].name_fa = "دبیرخانه مدیران بحران کلان‌شهرها"
    orgs["secretariat"].aliases = "دبیرخانه مدیران بحران\nدبیرخانه مدیران بحران کلان شهرها\nدبیرخانه"
    orgs["secretariat"].save()
    orgs["isfahan"].aliases = "مدیریت بحران شهرداری اصفهان"
    orgs["isfahan"].save()
    orgs["central"] = OrganisationFactory(slug="central-secretariat", name_en="Central secretariat",
                                          name_fa="دبیرخانه مرکزی نشست شهرداران", kind="central_secretariat",
                                          aliases="دبیرخانه مرکزی")
    return orgs


def slugs(pks):
    from portal.models import Organisation

    return [Organisation.objects.get(pk=getattr(pk, "pk", pk)).slug for pk in pks]


def count():
    return MeetingPage.objects.count(), Resolution.objects.count(), FollowUpLine.objects.count()


def management(total):
    return {"rows-TOTAL_FORMS": str(total), "rows-INITIAL_FORMS": str(total),
            "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "1000"}


def preview_data(response):
    """The preview form's fields as the browser would post them back."""
    context = response.context
    data = {}
    for form in [context["details"], *context["rows"].forms]:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [getattr(v, "pk", v) for v in value]
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif value is not None:
                data[key] = getattr(value, "pk", value)
    data.update(management(len(context["rows"].forms)))
    return data


def in_english(user):
    """The admin speaks the user's preferred language; these tests read its English messages."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def editor(client, people):
    in_english(people["secretariat"])
    client.force_login(people["secretariat"])
    return client


def test_menu_and_view_are_for_the_secretariat_only(client, network, people):
    client.force_login(people["isfahan"])
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"action": "preview", "text": "1) x"}).status_code in (302, 403)
    in_english(people["secretariat"])
    client.force_login(people["secretariat"])
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="text"' in response.content.decode()
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()  # menu item


def test_anonymous_is_sent_to_sign_in(client, network):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_preview_then_confirm_creates_everything_at_once(editor, network, seeds, site_tree):
    seventh = add_meeting(site_tree["meetings"], 7, slug="seventh")
    text = (seeds / SEED).read_text(encoding="utf-8")
    before = count()
    response = editor.post(URL, {"action": "preview", "text": text})
    assert response.status_code == 200
    assert count() == before == (1, 0, 0)  # the preview saves nothing
    rows = response.context["rows"].forms
    assert len(rows) == 9
    details = response.context["details"]
    assert details["number"].value() == 9 and details["host_city"].value() == "همدان"
    assert details["starts_on"].value() == "1391/07/01"
    first = rows[0]
    assert slugs(first["owners"].value()) == ["network-secretariat"]
    assert first["refers_to"].value() == "7, 8"
    assert rows[1]["all_members"].value() is True
    html = response.content.decode()
    assert "مقرر شد مصوبات جلسات هفتم و هشتم" in html

    data = preview_data(response)
    data.update({"action": "confirm", "starts_on": "۱۳۹۱/۰۷/۱۹", "publish": "publish"})
    data["rows-2-text"] = "Edited by the editor before saving."
    response = editor.post(URL, data)
    assert response.status_code == 302, response.context and response.context["rows"].errors

    meeting = MeetingPage.objects.get(number=9)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    assert meeting.live and str(meeting.starts_on) == "2012-10-10"
    resolutions = {r.number: r for r in meeting.resolutions.all()}
    assert len(resolutions) == 9
    assert resolutions[3].text == "Edited by the editor before saving."
    assert list(resolutions[1].follows_up_meetings.all()) == [seventh]
    assert [o.slug for o in resolutions[1].owners.all()] == ["network-secretariat"]
    assert resolutions[2].owned_by_all_members
    assert {line.organisation.slug for line in resolutions[2].lines.all()} == {"isfahan", "tehran"}
    assert [o.slug for o in resolutions[6].owners.all()] == ["central-secretariat"]
    assert [o.slug for o in resolutions[9].owners.all()] == ["network-secretariat"]
    assert count() == (2, 9, 9 + 1)  # resolution 2 owes one line per active member city
    # Each resolution has its lines; history says where they came from.
    assert all(r.lines.exists() for r in resolutions.values())
    assert resolutions[1].history.earliest().history_change_reason == "Imported from minutes"


def test_unknown_owner_is_flagged_with_suggestions_and_a_select(editor, network):
    text = "Tenth meeting (Isfahan 2013)\n1) Hold a drill. (Owner: Isfahn)\n"
    response = editor.post(URL, {"action": "preview", "text": text})
    row = response.context["rows"].forms[0]
    assert [item["name"] for item in row.unknown] == ["Isfahn"]
    assert network["isfahan"] in row.unknown[0]["suggestions"]
    assert 'name="rows-0-unknown_0"' in response.content.decode()

    data = preview_data(response)
    data.update({"action": "confirm", "number": "10", "starts_on": "2013-05-01"})
    # Not choosing is an error: nothing saved, the edits stay.
    data["rows-0-text"] = "Hold a city-wide drill."
    response = editor.post(URL, data)
    assert response.status_code == 400
    assert count() == (0, 0, 0)
    assert "Hold a city-wide drill." in response.content.decode()
    assert response.context["rows"].forms[0]["text"].value() == "Hold a city-wide drill."

    data["rows-0-unknown_0"] = "isfahan"
    response = editor.post(URL, data)
    assert response.status_code == 302
    resolution = Resolution.objects.get(meeting__number=10)
    assert resolution.text == "Hold a city-wide drill."
    assert [o.slug for o in resolution.owners.all()] == ["isfahan"]
    assert not MeetingPage.objects.get(number=10).live  # a draft unless the editor publishes


def test_resubmitting_the_preview_keeps_corrections(editor, network, seeds):
    response = editor.post(URL, {"action": "preview", "text": (seeds / SEED).read_text(encoding="utf-8")})
    data = preview_data(response)
    data.update({"action": "check", "title": "Ninth meeting, corrected", "rows-4-text": "Fixed text of five",
                 "rows-4-owners": [network["isfahan"].pk], "rows-4-refers_to": "3",
                 "rows-8-DELETE": "on", "starts_on": "not a date"})
    response = editor.post(URL, data)
    assert response.status_code == 400  # the date
    assert count() == (0, 0, 0)
    again = preview_data(response)
    assert again["title"] == "Ninth meeting, corrected"
    assert again["rows-4-text"] == "Fixed text of five"
    assert [int(pk) for pk in again["rows-4-owners"]] == [network["isfahan"].pk]
    assert again["rows-4-refers_to"] == "3"
    assert again["rows-8-DELETE"] == "on"
    assert "1391/07/19" in response.content.decode()  # the date help says how to type it

    again.update({"action": "confirm", "starts_on": "1391/07/19"})
    assert editor.post(URL, again).status_code == 302
    meeting = MeetingPage.objects.get(number=9)
    assert meeting.title == "Ninth meeting, corrected"
    assert sorted(meeting.resolutions.values_list("number", flat=True)) == list(range(1, 9))
    five = meeting.resolutions.get(number=5)
    assert five.text == "Fixed text of five" and [o.slug for o in five.owners.all()] == ["isfahan"]


def test_confirm_is_one_transaction(editor, network, seeds, monkeypatch):
    response = editor.post(URL, {"action": "preview", "text": (seeds / SEED).read_text(encoding="utf-8")})
    data = preview_data(response)
    data.update({"action": "confirm", "starts_on": "1391/07/19"})
    calls = []
    original = Resolution.sync_lines

    def failing_sync(self):
        calls.append(self.number)
        if len(calls) == 5:
            raise RuntimeError("database went away")
        return original(self)

    monkeypatch.setattr(Resolution, "sync_lines", failing_sync)
    with pytest.raises(RuntimeError):
        editor.post(URL, data)
    assert count() == (0, 0, 0)  # not the first four resolutions, not the page


def test_taken_meeting_number_and_repeated_numbers_are_refused(editor, network, site_tree):
    add_meeting(site_tree["meetings"], 9)
    text = "Ninth (Hamedan 1391)\n1) One thing.\n2) Another thing.\n"
    response = editor.post(URL, {"action": "preview", "text": text})
    data = preview_data(response)
    data.update({"action": "confirm", "number": "9", "starts_on": "2012-10-10", "host_city": "Hamedan"})
    response = editor.post(URL, data)
    assert response.status_code == 400
    assert "Meeting 9 already exists" in response.content.decode()
    data.update({"number": "11", "rows-1-number": "1"})
    response = editor.post(URL, data)
    assert response.status_code == 400
    assert "cannot share a number" in response.content.decode()
    assert MeetingPage.objects.count() == 1 and not Resolution.objects.exists()


@pytest.mark.parametrize("text, message", [
    ("", "The minutes are empty"),
    ("   \n\n  ", "The minutes are empty"),
    ("A paragraph of notes with no numbered items at all.", "No numbered resolutions"),
    ("1) " + "x" * 1_000_001, "larger than 1 MB"),
    ("1) a\x00\x01\x02\x03\x04\x05\x06\x07\x08", "binary"),
])
def test_bad_pasted_text_shows_the_message_and_keeps_the_text(editor, network, text, message):
    response = editor.post(URL, {"action": "preview", "text": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert response.context["form"]["text"].value() == text
    if text.strip() and len(text) < 1000 and "\x00" not in text:
        assert text in html
    assert count() == (0, 0, 0)


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00", "binary"),
    ("1) Réunion: décision prise au café.\n".encode("latin-1"), "not UTF-8"),
    (b"1) " + b"y" * 1_000_001, "larger than 1 MB"),
])
def test_bad_uploads_show_the_message(editor, network, content, message):
    upload = SimpleUploadedFile("minutes.txt", content, content_type="text/plain")
    response = editor.post(URL, {"action": "preview", "text": "", "file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert count() == (0, 0, 0)


def test_uploaded_windows_1256_file_is_read(editor, network):
    text = "نهمین نشست (همدان مهر 1391)\n1) مقرر شد گزارش ارسال شود. (مسئول پیگیری: دبیرخانه)\n"
    # Windows-1256 has the Arabic yeh and kaf only; the parser folds them to the Persian letters.
    data = text.replace("ی", "ي").replace("ک", "ك").encode("cp1256")
    upload = SimpleUploadedFile("minutes.txt", data, content_type="text/plain")
    response = editor.post(URL, {"action": "preview", "file": upload})
    assert response.status_code == 200
    row = response.context["rows"].forms[0]
    assert slugs(row["owners"].value()) == ["network-secretariat"]
    assert re.search(r"مقرر شد گزارش ارسال شود", response.content.decode())

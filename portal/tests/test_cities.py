"""Cities: however a city is written, it is one city, shown in the reader's language."""

import pytest
from django.utils import translation

from portal.models import City
from resolutions.factories import add_meeting


@pytest.fixture
def hamedan(db):
    return City.objects.create(slug="hamedan", name_fa="همدان", name_en="Hamedan", name_zh="哈马丹",
                               aliases="Hamadan")


@pytest.mark.parametrize("written", ["همدان", "Hamedan", "  hamedan ", "HAMADAN", "هَمَدان"])
def test_every_spelling_names_the_same_city(hamedan, written):
    assert City.named(written) == hamedan


def test_an_unknown_city_is_shown_as_written(hamedan):
    assert City.named("Zanjan") is None
    assert City.name_for_reader("Zanjan") == "Zanjan"
    assert City.name_for_reader("") == ""


def test_a_new_city_is_known_at_once_in_this_process(hamedan):
    assert City.named("Zanjan") is None
    City.objects.create(slug="zanjan", name_fa="زنجان", name_en="Zanjan")
    with translation.override("fa"):
        assert City.name_for_reader("zanjan") == "زنجان"


def test_meeting_pages_name_the_host_city_in_the_readers_language(hamedan, site_tree, client):
    meeting = add_meeting(site_tree["meetings"], 9, title="Ninth", host_city="همدان")
    english = client.get(f"/en{meeting.url_path.removeprefix(site_tree['home'].url_path[:-1])}")
    assert english.status_code == 200
    assert "Hamedan" in english.content.decode()
    chinese = client.get(english.request["PATH_INFO"].replace("/en/", "/zh-hans/", 1))
    assert "哈马丹" in chinese.content.decode()


def test_written_as_finds_every_spelling_of_a_known_city_and_an_unknown_one_in_any_case(hamedan):
    written = ["همدان", "HAMEDAN", "Hamadan", "Zanjan", "Tabriz"]
    assert City.written_as("hamedan", written) == ["همدان", "HAMEDAN", "Hamadan"]  # the slug
    assert City.written_as("هَمَدان", written) == ["همدان", "HAMEDAN", "Hamadan"]  # a spelling
    assert City.written_as("ZANJAN ", written) == ["Zanjan"]  # not a known city: the text itself
    assert City.written_as("Yazd", written) == []


def test_the_read_api_and_the_knowledge_listing_find_a_city_however_it_was_typed(hamedan, site_tree, orgs, client):
    from knowledge.factories import add_item

    orgs["isfahan"].city, orgs["tehran"].city = "همدان", "HAMADAN"
    orgs["isfahan"].save()
    orgs["tehran"].save()
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Written in Persian")
    add_item(site_tree["knowledge"], orgs["tehran"], title="Written in capitals")
    add_meeting(site_tree["meetings"], 9, title="Ninth", host_city="Hamedan").save_revision().publish()
    for value in ("hamedan", "Hamedan", "همدان"):
        found = client.get("/api/knowledge/", {"city": value}).json()["results"]
        assert sorted(item["title"] for item in found) == ["Written in Persian", "Written in capitals"], value
        organisations = client.get("/api/organisations/", {"city": value}).json()["results"]
        assert sorted(o["slug"] for o in organisations) == ["isfahan", "tehran"], value
        assert [m["number"] for m in client.get("/api/meetings/", {"city": value}).json()["results"]] == [9]
    listing = client.get(site_tree["knowledge"].url, {"city": "hamedan"}).content.decode()
    assert "Written in Persian" in listing and "Written in capitals" in listing

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

"""Atom feeds: new public resolutions, public status changes, new public knowledge items (per hazard),
under each interface language; nothing members-only, draft or private."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from portal.tests import test_api_fixtures
from portal.tests.test_api_fixtures import anonymous_secrets
from resolutions import status_changes

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")

world = test_api_fixtures.world  # the shared fixture


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    return ET.fromstring(response.content), text  # noqa: S314  (our own feed)


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def titles(feed):
    return [e.findtext(f"{ATOM}title") for e in entries(feed)]


def summaries(feed):
    return [e.findtext(f"{ATOM}summary") for e in entries(feed)]


def assert_private_nothing(text):
    for secret in anonymous_secrets():
        assert secret not in text, secret
    assert "@" not in text  # no e-mail address at all


def assert_iso_dates(feed):
    dates = [feed.findtext(f"{ATOM}updated")]
    for entry in entries(feed):
        dates += [entry.findtext(f"{ATOM}updated"), entry.findtext(f"{ATOM}published")]
    assert dates and all(ISO_DATETIME.match(d or "") for d in dates), dates


def test_feed_urls_live_under_each_language(db):
    for language in ("fa", "en", "zh-hans"):
        with translation.override(language):
            assert reverse("feeds:resolutions") == f"/{language}/feeds/resolutions/"
            assert reverse("feeds:status_changes") == f"/{language}/feeds/resolutions/status/"
            assert reverse("feeds:knowledge") == f"/{language}/feeds/knowledge/"
            assert reverse("feeds:knowledge_hazard", args=["flood"]) == f"/{language}/feeds/knowledge/flood/"


def test_new_resolutions_feed(client, world):
    feed, text = fetch(client, "/en/feeds/resolutions/")
    assert feed.get(XML_LANG) == "en"
    assert feed.findtext(f"{ATOM}title") == "New resolutions of the network"
    assert sorted(titles(feed)) == ["Meeting 10, resolution 1", "Meeting 9, resolution 1",
                                    "Meeting 9, resolution 2"]
    assert any("Share flood maps" in s for s in summaries(feed))
    links = [e.find(f"{ATOM}link").get("href") for e in entries(feed)]
    assert all(link.startswith("http://testserver/en/") for link in links), links
    assert_iso_dates(feed)
    assert_private_nothing(text)


def test_each_feed_has_its_own_id(client, world):
    urls = ["/en/feeds/resolutions/", "/en/feeds/resolutions/status/", "/en/feeds/knowledge/",
            "/en/feeds/knowledge/flood/", "/fa/feeds/knowledge/"]
    ids = [fetch(client, url)[0].findtext(f"{ATOM}id") for url in urls]
    assert ids == [f"http://testserver{url}" for url in urls]


def test_feeds_follow_the_interface_language(client, world):
    persian, _ = fetch(client, "/fa/feeds/resolutions/")
    assert persian.get(XML_LANG) == "fa"
    links = [e.find(f"{ATOM}link").get("href") for e in entries(persian)]
    assert all("/fa/" in link for link in links)
    chinese, _ = fetch(client, "/zh-hans/feeds/knowledge/")
    assert chinese.get(XML_LANG) == "zh-hans"


def test_resolution_feed_per_hazard(client, world):
    feed, _ = fetch(client, "/en/feeds/resolutions/?hazard=flood")
    assert titles(feed) == ["Meeting 9, resolution 1"]
    assert feed.findtext(f"{ATOM}title") == "New resolutions of the network: Flood"
    assert client.get("/en/feeds/resolutions/?hazard=volcano").status_code == 404


def test_status_changes_feed(client, world, orgs):
    flood_public, internal = world["flood_public"], world["internal"]
    flood_public.lines.get().record_report(author=None, text="Maps sent", status="done")
    internal.lines.get().record_report(author=None, text="Secret progress", status="in_progress")
    status_changes.cancel(world["tehran_public"], reason="Budget talks with the ministry")
    feed, text = fetch(client, "/en/feeds/resolutions/status/")
    assert titles(feed) == ["Meeting 9, resolution 2: Open → Cancelled",
                            "Meeting 9, resolution 1: Open → Done"]
    ids = [e.findtext(f"{ATOM}id") for e in entries(feed)]
    assert len(set(ids)) == 2
    assert_iso_dates(feed)
    assert_private_nothing(text)
    assert "Secret progress" not in text and "Maps sent" not in text  # reports are for members


def test_status_changes_feed_leaves_out_changes_made_while_private(client, world):
    internal = world["internal"]
    internal.lines.get().record_report(author=None, text="x", status="done")
    internal.is_public = True
    internal.save()
    feed, _ = fetch(client, "/en/feeds/resolutions/status/")
    assert titles(feed) == []
    # A change reason (who did it) never shows.
    from portal.api.history_reason import change_reason

    with change_reason("API token Sheet (Isfahan)"):
        world["flood_public"].lines.get().record_report(author=None, text="y", status="in_progress")
    feed, text = fetch(client, "/en/feeds/resolutions/status/")
    assert titles(feed) == ["Meeting 9, resolution 1: Open → In progress"]
    assert "API token" not in text


def test_knowledge_feed(client, world):
    feed, text = fetch(client, "/en/feeds/knowledge/")
    assert sorted(titles(feed)) == ["Isfahan earthquake drill", "Public flood study"]
    authors = [e.find(f"{ATOM}author").findtext(f"{ATOM}name") for e in entries(feed)]
    assert sorted(authors) == ["Isfahan", "Tehran"]
    categories = {c.get("term") for e in entries(feed) for c in e.findall(f"{ATOM}category")}
    assert {"Flood", "Earthquake", "Study", "Training experience"} <= categories
    assert_iso_dates(feed)
    assert_private_nothing(text)


@pytest.mark.parametrize("url", ["/en/feeds/knowledge/flood/", "/en/feeds/knowledge/?hazard=flood"])
def test_knowledge_feed_per_hazard(client, world, url):
    feed, text = fetch(client, url)
    assert titles(feed) == ["Public flood study"]  # the members-only flood item stays out
    assert feed.findtext(f"{ATOM}title") == "What the network's cities share: Flood"
    assert_private_nothing(text)


def test_unknown_hazard_is_404(client, world):
    assert client.get("/en/feeds/knowledge/volcano/").status_code == 404
    assert client.get("/en/feeds/knowledge/?hazard=volcano").status_code == 404
    assert client.get("/en/feeds/resolutions/status/?hazard=a%00b").status_code == 404


def test_feeds_for_members_show_no_more_than_for_the_public(client, world, people):
    client.force_login(people["secretariat"])
    for url in ("/en/feeds/resolutions/", "/en/feeds/knowledge/", "/en/feeds/knowledge/flood/",
                "/en/feeds/resolutions/status/"):
        _feed, text = fetch(client, url)
        assert_private_nothing(text)


def test_feeds_give_the_summary_written_in_their_language_first(client, world):
    resolution, study = world["flood_public"], world["public_study"]
    resolution.language = "en"
    resolution.persian_summary = "نقشه‌های سیل با شهرهای دیگر به اشتراک گذاشته شود."
    resolution.save()
    study.persian_title, study.persian_summary = "مطالعه سیل", "خلاصه فارسی مطالعه سیل"
    study.save_revision().publish()
    persian, _ = fetch(client, "/fa/feeds/resolutions/")
    [text] = [s for s in summaries(persian) if "Share flood maps" in s]
    assert text.index("نقشه‌های سیل") < text.index("Share flood maps")  # the translation, then the original
    english, _ = fetch(client, "/en/feeds/resolutions/")
    assert not any("نقشه‌های سیل" in s for s in summaries(english))
    knowledge, _ = fetch(client, "/fa/feeds/knowledge/")
    assert "مطالعه سیل" in titles(knowledge)
    assert any(s.startswith("خلاصه فارسی مطالعه سیل") for s in summaries(knowledge))
    assert "Public flood study" in titles(fetch(client, "/en/feeds/knowledge/")[0])

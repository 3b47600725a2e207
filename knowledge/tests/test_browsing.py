"""The knowledge listing's filters and pages, item pages, related items and citations."""

import datetime
import re

import pytest
from django.utils import translation

from knowledge.citation import citation
from knowledge.factories import add_item
from knowledge.related import related_items


@pytest.fixture
def shelf(site_tree, orgs, terms):
    index = site_tree["knowledge"]
    orgs["isfahan"].city = "Isfahan"
    orgs["isfahan"].save()
    items = {
        "quake": add_item(index, orgs["isfahan"], title="Isfahan quake study", language="fa",
                          document_date=datetime.date(2012, 6, 1)),
        "flood": add_item(index, orgs["tehran"], title="Tehran flood study", language="en",
                          document_date=datetime.date(2019, 9, 17)),
        "drill": add_item(index, orgs["tehran"], title="Tehran drill", kind="training", language="zh",
                          document_date=datetime.date(2019, 3, 1)),
        "secret": add_item(index, orgs["tehran"], title="Members drill", kind="training", visibility="members",
                           document_date=datetime.date(2019, 3, 1)),
    }
    items["quake"].hazards.set([terms["earthquake"]])
    items["flood"].hazards.set([terms["flood"]])
    items["flood"].phases.set([terms["prevention"]])
    items["drill"].hazards.set([terms["flood"], terms["earthquake"]])
    items["drill"].phases.set([terms["prevention"]])
    items["secret"].hazards.set([terms["flood"]])
    for item in items.values():
        item.save()  # parental many-to-many values are stored with the page
    return items


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [item.title for item in response.context["items"]]


@pytest.mark.parametrize("query, expected", [
    ("", ["Tehran flood study", "Tehran drill", "Isfahan quake study"]),
    ("?kind=training", ["Tehran drill"]),
    ("?kind=study&organisation=tehran", ["Tehran flood study"]),
    ("?city=Isfahan", ["Isfahan quake study"]),
    ("?hazard=flood", ["Tehran flood study", "Tehran drill"]),
    ("?phase=prevention&language=zh", ["Tehran drill"]),
    ("?year=2012", ["Isfahan quake study"]),
])
def test_filters(client, shelf, site_tree, query, expected):
    assert titles(client, site_tree["knowledge"].url + query) == expected


@pytest.mark.parametrize("query", [
    "?kind=bogus", "?year=abc", "?year=1900", "?hazard=nope&organisation=%00", "?page=abc", "?page=999",
    "?language=xx&phase=", "?kind=study&kind=<script>",
])
def test_invalid_filter_values_are_ignored_never_an_error(client, shelf, site_tree, query):
    assert len(titles(client, site_tree["knowledge"].url + query)) >= 1


def test_a_bad_value_drops_only_that_filter(client, shelf, site_tree):
    assert titles(client, site_tree["knowledge"].url + "?kind=training&year=nonsense") == ["Tehran drill"]


def test_members_see_members_only_items_in_the_listing(client, shelf, site_tree, people):
    client.force_login(people["isfahan"])
    assert "Members drill" in titles(client, site_tree["knowledge"].url + "?kind=training")


def test_the_listing_is_paginated(client, site_tree, orgs, monkeypatch):
    monkeypatch.setattr("knowledge.browsing.PAGE_SIZE", 2)
    for n in range(5):
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"Item {n}", document_date=datetime.date(2020, 1, n + 1))
    url = site_tree["knowledge"].url
    assert titles(client, url) == ["Item 4", "Item 3"]
    assert titles(client, url + "?page=3") == ["Item 0"]
    html = client.get(url + "?page=2").content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html


def test_related_items_share_hazards_or_phases_and_respect_visibility(shelf, people):
    def pks(items):
        return [item.pk for item in items]

    # The drill shares a hazard and a phase; the members-only drill is hidden from the public.
    assert pks(related_items(shelf["flood"], people["outsider"], limit=5)) == [shelf["drill"].pk]
    member_view = pks(related_items(shelf["flood"], people["isfahan"], limit=5))
    assert member_view[0] == shelf["drill"].pk and shelf["secret"].pk in member_view
    assert pks(related_items(shelf["quake"], people["outsider"], limit=1)) == [shelf["drill"].pk]


def test_citation_names_organisation_year_title_url_and_access_date(shelf, rf, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    settings.ALLOWED_HOSTS = ["internal-name"]
    request = rf.get("/", HTTP_HOST="internal-name:8000")  # as behind a proxy
    with translation.override("en"):
        text = citation(shelf["flood"], request, accessed=datetime.date(2024, 5, 2))
    assert "(2019)" in text and "Tehran flood study" in text and "Tehran" in text
    assert "https://portal.example.org/en/knowledge/tehran-flood-study/" in text
    assert "internal-name" not in text and "localhost" not in text
    assert "2024" in text


def test_item_page_shows_citation_and_related_items(client, shelf):
    html = client.get("/en" + shelf["flood"].url[3:]).content.decode()
    assert "How to cite this item" in html
    assert re.search(r'<bdi dir="ltr">https?://[^<]+/en/knowledge/tehran-flood-study/</bdi>', html)
    assert "Tehran drill" in html
    assert '<h1 lang="en" dir="ltr">Tehran flood study</h1>' in html  # marked with its language


def test_citation_on_a_persian_page_counts_the_year_like_the_access_date_jalali(shelf, rf):
    with translation.override("fa"):
        text = citation(shelf["flood"], rf.get("/"), accessed=datetime.date(2024, 5, 2))
    assert "(۱۳۹۸)" in text  # 17 September 2019
    assert "۱۳ اردیبهشت ۱۴۰۳" in text


def test_citation_shows_a_persian_address_in_letters_not_percent_codes(site_tree, orgs, rf):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="مطالعه سیل", slug="مطالعه-سیل")
    with translation.override("fa"):
        text = citation(item, rf.get("/"))
    assert "/fa/knowledge/مطالعه-سیل/" in text and "%D9" not in text


def test_persian_listing_counts_in_persian_digits_and_isolates_latin_organisation_names(client, shelf):
    html = client.get("/fa" + shelf["flood"].get_parent().url[3:]).content.decode()
    assert re.search(r"[۰-۹]+ مطلب", html)
    assert "<bdi>" in html


def test_the_city_filter_offers_a_city_once_in_the_readers_language_however_it_is_written(
        client, shelf, site_tree, orgs):
    from portal.models import City

    City.objects.create(slug="hamedan", name_fa="همدان", name_en="Hamedan", name_zh="哈马丹", aliases="Hamadan")
    orgs["tehran"].city = "همدان"
    orgs["tehran"].save()
    orgs["isfahan"].city = "Hamadan"
    orgs["isfahan"].save()
    url = site_tree["knowledge"].url
    response = client.get(url)
    assert [c for c in response.context["filter_form"].fields["city"].choices if c[0]] == [("hamedan", "Hamedan")]
    assert set(titles(client, url + "?city=hamedan")) == {"Tehran flood study", "Tehran drill", "Isfahan quake study"}
    with translation.override("fa"):
        response = client.get(url.replace("/en/", "/fa/"))
    assert ("hamedan", "همدان") in response.context["filter_form"].fields["city"].choices

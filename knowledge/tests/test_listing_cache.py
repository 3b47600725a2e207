"""The knowledge listing and an item's related items are cached: fresh after a change, per audience.

The test settings cache for real (in memory); each test reads a page to fill the cache, changes
something as editors do, and reads again.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from knowledge.browsing import SORT_AT_MOST, years_with_items
from knowledge.factories import add_item
from knowledge.models import KnowledgeItem
from portal import freshness


@pytest.fixture
def shelf(site_tree, orgs, terms):
    index = site_tree["knowledge"]
    flood = add_item(index, orgs["tehran"], title="Tehran flood study", hazards=[terms["flood"]],
                     document_date=datetime.date(2019, 9, 17))
    drill = add_item(index, orgs["isfahan"], title="Isfahan flood drill", kind="training",
                     hazards=[terms["flood"]], document_date=datetime.date(2018, 3, 1))
    return {"index": index, "flood": flood, "drill": drill}


@pytest.fixture
def member(people):
    client = Client()
    client.force_login(people["isfahan"])
    return client


def english(url):
    return "/en/" + url.split("/", 2)[2]


def page(client, url):
    response = client.get(english(url))
    assert response.status_code == 200
    return response.content.decode()


def listing(client, shelf, query=""):
    return page(client, shelf["index"].url + query)


# --- the listing ------------------------------------------------------------------------------

def test_a_published_item_is_listed_and_counted_at_once(client, shelf, orgs, terms):
    assert "2 items" in listing(client, shelf)
    assert "Tehran drill" not in listing(client, shelf, "?hazard=flood")
    add_item(shelf["index"], orgs["tehran"], title="Tehran drill", kind="training", hazards=[terms["flood"]])
    html = listing(client, shelf)
    assert "Tehran drill" in html and "3 items" in html
    assert "Tehran drill" in listing(client, shelf, "?hazard=flood")


def test_an_unpublished_item_leaves_the_listing_at_once(client, shelf):
    assert "Tehran flood study" in listing(client, shelf, "?kind=study")
    shelf["flood"].unpublish()
    html = listing(client, shelf, "?kind=study")
    assert "Tehran flood study" not in html and "Nothing matches these filters." in html


def test_filter_choices_follow_the_organisations_and_hazards(client, shelf, orgs, terms):
    assert "Tehran" in listing(client, shelf)
    orgs["tehran"].name_en = "Tehran Disaster Management"
    orgs["tehran"].save()
    terms["flood"].name_en = "River flood"
    terms["flood"].save()
    html = listing(client, shelf, "?kind=study")
    assert ">Tehran Disaster Management</option>" in html and ">River flood</option>" in html


def test_the_year_of_a_new_item_is_offered_at_once(client, shelf, orgs):
    assert '<option value="2021">' not in listing(client, shelf)
    add_item(shelf["index"], orgs["tehran"], title="Later study", document_date=datetime.date(2021, 5, 1))
    assert '<option value="2021">' in listing(client, shelf)


def test_members_only_items_never_reach_the_public_listing(client, member, shelf, orgs):
    add_item(shelf["index"], orgs["tehran"], title="Members drill", kind="training", visibility="members",
             document_date=datetime.date(2017, 1, 1))
    for query in ("", "?kind=training"):
        assert "Members drill" in listing(member, shelf, query)
        html = listing(client, shelf, query)
        assert "Members drill" not in html
        assert "Members drill" in listing(member, shelf, query)
    assert "2 items" in listing(client, shelf) and "3 items" in listing(member, shelf)
    # The year only the members-only item has is not offered to the public either.
    assert '<option value="2017">' in listing(member, shelf)
    assert '<option value="2017">' not in listing(client, shelf)


def test_each_language_has_its_own_filter_labels(client, shelf):
    assert ">Flood</option>" in listing(client, shelf)
    response = client.get("/fa/" + shelf["index"].url.split("/", 2)[2])
    persian = response.content.decode()
    assert ">سیل</option>" in persian and ">Flood</option>" not in persian


def test_a_dropped_filter_value_selects_nothing(client, shelf):
    listing(client, shelf, "?kind=training")
    html = listing(client, shelf, "?kind=bogus")
    assert "selected" not in html.split('id="id_kind"', 1)[1].split("</select>", 1)[0]


def test_the_listing_costs_the_same_queries_with_many_items(client, shelf, orgs,
                                                           django_assert_max_num_queries):
    def queries(query):
        freshness.bump_content_version()
        with CaptureQueriesContext(connection) as first:
            listing(client, shelf, query)
        with CaptureQueriesContext(connection) as again:
            listing(client, shelf, query)
        return len(first), len(again)

    queries_to_check = ["", "?kind=study", "?hazard=flood&language=fa", "?page=2"]
    listing(client, shelf)
    few = [queries(query) for query in queries_to_check]
    for n in range(30):
        add_item(shelf["index"], orgs["tehran"], title=f"Study {n}", document_date=datetime.date(2019, 1, 1))
    assert [queries(query) for query in queries_to_check] == few
    # 12, the view restrictions that hide items (portal.page_privacy) and the index page's title and
    # introduction in the reader's language (portal.models.PageText)
    with django_assert_max_num_queries(14):
        listing(client, shelf, "?kind=study")


def test_both_ways_of_reading_a_filtered_page_agree(client, shelf, orgs, terms, monkeypatch):
    for n in range(5):
        add_item(shelf["index"], orgs["tehran"], title=f"Flood report {n}", hazards=[terms["flood"]],
                 document_date=datetime.date(2020, 1, n + 1))
    url = english(shelf["index"].url) + "?hazard=flood&kind=study"
    sorted_titles = [i.title for i in client.get(url).context["items"]]
    monkeypatch.setattr("knowledge.browsing.SORT_AT_MOST", 0)  # read in the listing's order instead
    freshness.bump_content_version()
    assert [i.title for i in client.get(url).context["items"]] == sorted_titles
    assert SORT_AT_MOST > 0 and len(sorted_titles) == 6


def test_years_come_from_dates_or_else_publication(shelf, orgs):
    add_item(shelf["index"], orgs["tehran"], title="Undated study")
    this_year = timezone.localtime(KnowledgeItem.objects.get(title="Undated study").first_published_at).year
    years = years_with_items(KnowledgeItem.objects.live())
    assert years == sorted({2019, 2018, this_year}, reverse=True)


# --- related items ----------------------------------------------------------------------------

def test_a_published_related_item_shows_on_the_item_page_at_once(client, shelf, orgs, terms):
    assert "Isfahan flood drill" in page(client, shelf["flood"].url)
    add_item(shelf["index"], orgs["isfahan"], title="Isfahan flood map", hazards=[terms["flood"]],
             document_date=datetime.date(2022, 1, 1))
    assert "Isfahan flood map" in page(client, shelf["flood"].url)
    shelf["drill"].unpublish()
    assert "Isfahan flood drill" not in page(client, shelf["flood"].url)


def test_members_only_related_items_stay_with_members(client, member, shelf, orgs, terms):
    add_item(shelf["index"], orgs["tehran"], title="Members flood notes", visibility="members",
             hazards=[terms["flood"]], document_date=datetime.date(2023, 1, 1))
    assert "Members flood notes" not in page(client, shelf["flood"].url)
    assert "Members flood notes" in page(member, shelf["flood"].url)
    assert "Members flood notes" not in page(client, shelf["flood"].url)

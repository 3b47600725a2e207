"""Cached pages and API answers: fresh on the next request after a change, never across audiences.

The test settings cache for real (an in-memory cache), so every test here reads a page once to
fill the cache, changes something the way editors do, and reads it again.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from knowledge.factories import add_item
from portal import freshness
from portal.factories import HazardFactory
from resolutions.factories import ResolutionFactory, add_meeting


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9, title="Ninth meeting")
    resolution = ResolutionFactory(meeting=meeting, number=3, owners=[orgs["isfahan"]], text="Send the plan")
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran flood study")
    return {"meeting": meeting, "resolution": resolution, "item": item, **site_tree}


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- the content version ----------------------------------------------------------------------

def test_editors_changes_move_the_version(world, orgs):
    def renamed(obj, **fields):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()

    steps = {
        "organisation renamed": lambda: renamed(orgs["tehran"], name_en="Tehran office"),
        "hazard added": lambda: HazardFactory(slug="storm"),
        "resolution changed": lambda: renamed(world["resolution"], text="Send it"),
        "owners changed": lambda: world["resolution"].owners.add(orgs["tehran"]),
        "page published": lambda: add_item(world["knowledge"], orgs["isfahan"], title="Drill"),
        "page unpublished": lambda: world["item"].unpublish(),
        "page moved": lambda: world["item"].move(world["knowledge"], pos="last-child"),
        "page deleted": lambda: world["item"].specific_class.objects.get(pk=world["item"].pk).delete(),
    }
    for step, change in steps.items():
        before = freshness.content_version()
        change()
        assert freshness.content_version() != before, step


def test_a_rolled_back_change_leaves_the_version_alone(world, orgs):
    before = freshness.content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        orgs["tehran"].save()
        raise RuntimeError("the editor's request failed")
    assert freshness.content_version() == before


def test_one_reading_asks_the_version_once_and_each_entry_once(world):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    freshness.remember("names", None, compute)  # in the cache before the reading
    with CaptureQueriesContext(connection) as queries, freshness.one_reading():
        assert [freshness.remember("names", None, compute) for _ in range(4)] == [1] * 4
        assert freshness.remember("other", None, compute) == 2
    assert len(queries) == 1  # the version, once
    freshness.bump_content_version()
    assert freshness.remember("names", None, compute) == 3  # a later reading sees the change


def test_reading_and_signing_in_do_not_move_it(client, world, people):
    before = freshness.content_version()
    html(client, "/en/")
    client.force_login(people["isfahan"])
    html(client, "/en/")
    assert freshness.content_version() == before


# --- the home page ----------------------------------------------------------------------------

def test_a_published_item_is_on_the_cached_home_page_at_once(client, world, orgs):
    assert "Tehran flood study" in html(client, "/en/")
    add_item(world["knowledge"], orgs["isfahan"], title="Isfahan evacuation drill")
    page = html(client, "/en/")
    assert "Isfahan evacuation drill" in page
    assert "2 shared studies and experiences" in page


def test_an_unpublished_item_and_a_withdrawn_resolution_leave_it_at_once(client, world):
    page = html(client, "/en/")
    assert "Tehran flood study" in page and "Send the plan" in page
    world["item"].unpublish()
    world["resolution"].is_public = False
    world["resolution"].save()
    page = html(client, "/en/")
    assert "Tehran flood study" not in page and "Send the plan" not in page


def test_members_only_items_never_reach_the_public_home_page(client, world, orgs, people):
    add_item(world["knowledge"], orgs["tehran"], title="Members-only drill notes", visibility="members")
    member = client.__class__()
    member.force_login(people["isfahan"])
    # The public's cached page does not hide it from members, nor members' show it to the public.
    assert "Members-only drill notes" not in html(client, "/en/")
    assert "Members-only drill notes" in html(member, "/en/")
    assert "Members-only drill notes" not in html(client, "/en/")
    assert "2 shared studies and experiences" in html(member, "/en/")
    assert "1 shared study or experience" in html(client, "/en/")


def test_each_language_has_its_own_page(client, world):
    assert "What cities learned" in html(client, "/en/")
    persian = html(client, "/fa/")
    assert "What cities learned" not in persian and 'lang="fa" dir="rtl"' in persian


def test_the_home_page_costs_the_same_queries_with_many_items(client, world, orgs,
                                                              django_assert_max_num_queries):
    def queries():
        freshness.bump_content_version()
        with CaptureQueriesContext(connection) as first:
            html(client, "/en/")
        with CaptureQueriesContext(connection) as again:
            html(client, "/en/")
        return len(first), len(again)

    def add(count):
        for n in range(count):
            add_item(world["knowledge"], orgs["isfahan"], title=f"Item {n}")

    add(6)  # a full block
    html(client, "/en/")
    few = queries()
    add(30)
    assert queries() == few
    # 8, the view restrictions each of the two lists leaves out (portal.page_privacy) and the home
    # page's introduction in the reader's language (portal.models.PageText)
    with django_assert_max_num_queries(11):
        html(client, "/en/")


# --- the read API -----------------------------------------------------------------------------

def test_api_lists_are_fresh_after_a_change(client, world, orgs):
    assert client.get("/api/knowledge/").json()["count"] == 1
    add_item(world["knowledge"], orgs["isfahan"], title="Isfahan evacuation drill")
    assert client.get("/api/knowledge/").json()["count"] == 2
    world["resolution"].text = "Send the revised plan"
    world["resolution"].save()
    assert client.get("/api/resolutions/?meeting=9").json()["results"][0]["text"] == "Send the revised plan"


def test_api_lists_keep_members_and_the_public_apart(client, world, people):
    assert "lines" not in client.get("/api/resolutions/").json()["results"][0]
    member = client.__class__()
    member.force_login(people["isfahan"])
    assert "lines" in member.get("/api/resolutions/").json()["results"][0]
    assert "lines" not in client.get("/api/resolutions/").json()["results"][0]


def test_api_lists_answer_in_the_callers_language(client, world):
    english = client.get("/api/resolutions/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    persian = client.get("/api/resolutions/", HTTP_ACCEPT_LANGUAGE="fa").json()["results"][0]
    assert english["status_label"] != persian["status_label"]

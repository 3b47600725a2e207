"""Whole pages for readers who are not signed in (portal.page_cache): read once, fresh after a change.

The test settings turn the page cache off for every other test; here it is on.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from knowledge.factories import add_item
from portal.tests.test_freshness import html, world  # noqa: F401 - the fixture

# Reading a kept page costs the content version's query alone.
KEPT_PAGE_QUERIES = 1


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE = True


def queries_to_read(client, url):
    with CaptureQueriesContext(connection) as queries:
        page = html(client, url)
    return page, len(queries)


@pytest.mark.parametrize("url", ["/en/", "/fa/meetings/meeting-9/", "/en/meetings/meeting-9/resolutions/3/",
                                 "/zh-hans/knowledge/", "/en/knowledge/?kind=study",
                                 "/en/knowledge/tehran-flood-study/"])
def test_a_page_read_again_comes_whole_from_the_cache(client, world, url):  # noqa: F811
    first, first_queries = queries_to_read(client, url)
    again, again_queries = queries_to_read(client, url)
    assert first_queries > KEPT_PAGE_QUERIES
    assert again_queries == KEPT_PAGE_QUERIES
    assert again == first


def test_a_change_is_on_the_next_page_read(client, world, orgs):  # noqa: F811
    assert "Isfahan evacuation drill" not in html(client, "/en/knowledge/")
    add_item(world["knowledge"], orgs["isfahan"], title="Isfahan evacuation drill")
    assert "Isfahan evacuation drill" in html(client, "/en/knowledge/")


def test_the_public_page_never_reaches_members_nor_theirs_the_public(client, world, orgs, people):  # noqa: F811
    add_item(world["knowledge"], orgs["tehran"], title="Members-only drill notes", visibility="members")
    member = client.__class__()
    member.force_login(people["isfahan"])
    assert "Members-only drill notes" not in html(client, "/en/knowledge/")
    assert "Members-only drill notes" in html(member, "/en/knowledge/")
    assert "Members-only drill notes" not in html(client, "/en/knowledge/")
    _page, member_queries = queries_to_read(member, "/en/knowledge/")
    assert member_queries > KEPT_PAGE_QUERIES


def test_each_language_and_each_address_is_its_own_page(client, world):  # noqa: F811
    english, persian = html(client, "/en/"), html(client, "/fa/")
    assert 'lang="fa" dir="rtl"' in persian and 'lang="fa" dir="rtl"' not in english.split("<body")[0]
    assert html(client, "/en/knowledge/?kind=training") != html(client, "/en/knowledge/")


def test_a_page_with_a_form_of_its_own_is_not_kept(client, world):  # noqa: F811
    # A password-protected page answers with Wagtail's password form: it sets a CSRF cookie.
    PageViewRestriction.objects.create(page=world["item"], restriction_type=PageViewRestriction.PASSWORD,
                                       password="drill-2026")
    url = "/en/knowledge/tehran-flood-study/"
    queries_to_read(client, url)
    _page, again_queries = queries_to_read(client, url)
    assert again_queries > KEPT_PAGE_QUERIES


def test_what_wagtail_does_not_serve_is_not_kept(client, world):  # noqa: F811
    queries_to_read(client, "/en/search/?q=flood")
    _page, again_queries = queries_to_read(client, "/en/search/?q=flood")
    assert again_queries > KEPT_PAGE_QUERIES


def test_turned_off_it_keeps_nothing(client, world, settings):  # noqa: F811
    settings.PORTAL_PAGE_CACHE = False
    queries_to_read(client, "/en/")
    _page, again_queries = queries_to_read(client, "/en/")
    assert again_queries > KEPT_PAGE_QUERIES

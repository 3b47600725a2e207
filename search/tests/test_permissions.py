"""Who finds what: the public never sees members-only material or drafts, in any part of an answer."""

import pytest
from elasticsearch import helpers

from knowledge.factories import add_item
from portal.factories import OrganisationFactory
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus
from search.queries import ContentQuery

from .helpers import facet, search, titles

pytestmark = pytest.mark.search_engine

HIDDEN_WORDS = ("Zephyr", "Hushplan")


@pytest.fixture
def world(engine, site_tree, orgs, people):
    secret = OrganisationFactory(slug="secret-city", name_en="Secret City", city="Secretville")
    meeting = add_meeting(site_tree["meetings"], 9, title="Ninth meeting on flood")
    public_resolution = ResolutionFactory(meeting=meeting, number=1, text="Flood public resolution",
                                          owners=[orgs["isfahan"]])
    ResolutionFactory(meeting=meeting, number=2, text="Flood Hushplan resolution", owners=[secret],
                      is_public=False)
    public_resolution.lines.get().record_report(author=people["isfahan"], text="Flood report by Isfahan",
                                                status=LineStatus.IN_PROGRESS)
    add_item(site_tree["knowledge"], orgs["tehran"], title="Public flood study", summary="Flood study")
    add_item(site_tree["knowledge"], secret, title="Zephyr flood drill", summary="Flood drill notes",
             visibility="members", kind="training", language="en")
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan flood draft", summary="Flood draft",
             publish=False, owner=people["isfahan"])
    engine.reindex()
    return {"secret": secret}


PUBLIC_TITLES = {"Public flood study", "Ninth meeting on flood", "Meeting 9, resolution 1"}
MEMBER_TITLES = PUBLIC_TITLES | {
    "Zephyr flood drill", "Meeting 9, resolution 2", "Follow-up report on meeting 9, resolution 1",
}


def test_the_public_sees_public_material_only(world, anonymous, people):
    for reader in (anonymous, people["outsider"]):  # signed in but not a member: still the public
        outcome = search(reader, "flood")
        assert set(titles(outcome)) == PUBLIC_TITLES
        assert outcome.total == len(PUBLIC_TITLES)


def test_members_see_members_only_material_but_nobody_sees_drafts(world, people):
    for member in (people["isfahan"], people["secretariat"]):
        assert set(titles(search(member, "flood"))) == MEMBER_TITLES


def test_facet_counts_do_not_reveal_hidden_material(world, anonymous, people):
    outcome = search(anonymous, "flood")
    assert "secret-city" not in facet(outcome, "organisation")
    assert "Secretville" not in facet(outcome, "city")
    assert set(facet(outcome, "type")) == {"study", "meeting", "resolution"}
    assert sum(facet(outcome, "type").values()) == len(PUBLIC_TITLES)
    member_outcome = search(people["isfahan"], "flood")
    assert facet(member_outcome, "organisation")["secret-city"] == 2


def test_the_page_and_the_api_show_the_public_nothing_hidden(world, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the API's labels in English
    responses = (
        client.get("/en/search/", {"q": "flood"}),
        client.get("/en/search/"),
        client.get("/api/search/", {"q": "flood"}),
        client.get("/api/search/", {"q": "flood", "type": "training_experience"}),
    )
    for response in responses:
        assert response.status_code == 200
        body = response.content.decode()
        for hidden in HIDDEN_WORDS + ("Secret City", "secret-city", "Secretville", "Isfahan flood draft",
                                      "Follow-up report", "follow_up_report"):
            assert hidden not in body, hidden
    data = client.get("/api/search/", {"q": "flood"}).json()
    assert data["total"] == len(PUBLIC_TITLES)
    assert {r["title"] for r in data["results"]} == PUBLIC_TITLES


def test_members_only_items_ranked_first_leave_the_public_a_full_page(engine, site_tree, orgs, anonymous, people):
    """The reader's permissions keep a ranked page's hits as they are collected (queries.build): the
    hidden items that would rank first neither show nor take the page's places, nor its count."""
    for number in range(3):
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"Levee breach drill {number}",
                 summary="Levee breach drill: levee breach evacuation", visibility="members", language="en")
    for title in ("Levee inspection", "Breach repair", "River quarter"):
        add_item(site_tree["knowledge"], orgs["isfahan"], title=title, summary=f"{title}: levee or breach notes",
                 language="en")
    engine.reindex()
    page = search(anonymous, "levee breach drill", page_size=2)
    assert len(page.hits) == 2 and not any(title.startswith("Levee breach drill") for title in titles(page))
    assert page.total == 3
    second = search(anonymous, "levee breach drill", page_size=2, page=2)
    assert len(second.hits) == 1 and not second.hits[0].display_title.startswith("Levee breach drill")
    member = search(people["isfahan"], "levee breach drill", page_size=3)
    assert set(titles(member)) == {f"Levee breach drill {number}" for number in range(3)}


def test_a_member_signed_in_gets_members_only_results_from_the_api(world, client, people):
    client.force_login(people["tehran"])
    data = client.get("/api/search/", {"q": "zephyr"}).json()
    assert [r["title"] for r in data["results"]] == ["Zephyr flood drill"]


def test_suggestions_and_corrections_never_spell_out_hidden_words(world, anonymous, people):
    public = search(anonymous, "zephir")
    assert (public.total, public.suggestion, public.corrected_from) == (0, "", "")
    member = search(people["isfahan"], "zephir")
    assert (member.params.q, member.corrected_from) == ("zephyr", "zephir")
    assert search(people["isfahan"], "zephir", as_typed=True).suggestion == "zephyr"
    # Nor do the same keys read through the other keyboard layout.
    assert search(anonymous, "ظثحاغق").suggestion == ""  # "zephyr" typed on the Persian layout
    assert search(people["isfahan"], "ظثحاغق").suggestion == "zephyr"


def test_autocomplete_offers_public_titles_only(world, client, people):
    assert client.get("/api/search/autocomplete/", {"q": "zeph"}).json()["results"] == []
    client.force_login(people["isfahan"])
    assert [r["title"] for r in client.get("/api/search/autocomplete/", {"q": "zeph"}).json()["results"]] == [
        "Zephyr flood drill"
    ]


def test_the_database_fallback_applies_the_same_rules(world, settings, closed_port, anonymous, people):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    outcome = search(anonymous, "flood", degraded=True)
    assert set(titles(outcome)) == PUBLIC_TITLES
    assert "secret-city" not in facet(outcome, "organisation")
    assert set(titles(search(people["isfahan"], "flood", degraded=True))) == MEMBER_TITLES


# The engine caches filters only on segments of at least 10,000 documents: a third of these of
# each kind (public, members-only, unpublished).
BARE_DOCUMENTS = 3 * 3_500


def query_cache_entries(engine):
    stats = engine.client.indices.stats(index=engine.alias, metric="query_cache")
    return stats["_all"]["total"]["query_cache"]["cache_count"]


def test_a_readers_permissions_are_one_filter_the_engine_keeps_as_a_set(engine, anonymous, people):
    """The permission filter is the same for every reader of an audience: the engine keeps it as a
    set of documents after a few searches. Two bare `term` filters it would never keep."""
    states = [(True, "public"), (True, "members"), (False, "public")]
    documents = ({"_index": engine.alias, "_id": f"bare-{number}",
                  "_source": {"live": states[number % 3][0], "visibility": states[number % 3][1], "pk": number,
                              "title": "Flood drill", "title_en": "Flood drill"}}
                 for number in range(BARE_DOCUMENTS))
    helpers.bulk(engine.client, documents)
    engine.client.indices.forcemerge(index=engine.alias, max_num_segments=1)
    engine.refresh()
    assert query_cache_entries(engine) == 0

    def found(reader):
        # Ranked by the words, as a search is (sorted by date alone, the engine keeps the whole query).
        query = ContentQuery(engine.client).permission(reader).text("flood").sort("relevance").page(1, 10)
        return query.execute().hits.total.value

    for _ in range(6):
        assert found(anonymous) == BARE_DOCUMENTS // 3
    assert query_cache_entries(engine) >= 1
    assert found(people["isfahan"]) == 2 * BARE_DOCUMENTS // 3

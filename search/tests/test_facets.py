"""Facets combine: each facet's counts respect the other facets' selections, not its own."""

import datetime

import pytest

from knowledge.factories import add_item
from portal.factories import HazardFactory
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import ResolutionStatus
from search.facets import BY_NAME

from .helpers import facet, search, titles

pytestmark = pytest.mark.search_engine


@pytest.fixture
def corpus(engine, site_tree, orgs):
    flood, fire = HazardFactory(slug="flood"), HazardFactory(slug="fire")
    add_item(site_tree["knowledge"], orgs["tehran"], title="A", summary="crisis plan", language="fa",
             document_date=datetime.date(2019, 5, 1), hazards=[flood])
    add_item(site_tree["knowledge"], orgs["isfahan"], title="B", summary="crisis drill", language="en",
             kind="training", document_date=datetime.date(2020, 5, 1), hazards=[flood])
    add_item(site_tree["knowledge"], orgs["tehran"], title="C", summary="crisis lessons", language="en",
             document_date=datetime.date(2021, 5, 1), hazards=[fire])
    meeting = add_meeting(site_tree["meetings"], 9, title="D crisis meeting",
                          starts_on=datetime.date(2012, 10, 1))
    ResolutionFactory(meeting=meeting, number=1, text="crisis resolution open", owners=[orgs["tehran"]])
    ResolutionFactory(meeting=meeting, number=2, text="crisis resolution cancelled", owners=[orgs["tehran"]],
                      status=ResolutionStatus.CANCELLED)
    engine.reindex()


def test_counts_without_selection(corpus, anonymous):
    outcome = search(anonymous, "crisis")
    assert outcome.total == 6
    assert facet(outcome, "type") == {"study": 2, "training": 1, "meeting": 1, "resolution": 2}
    assert facet(outcome, "hazard") == {"flood": 2, "fire": 1}
    assert facet(outcome, "status") == {"open": 1, "cancelled": 1}
    assert list(facet(outcome, "year")) == ["2021", "2020", "2019", "2012"]  # newest first


def test_a_facet_keeps_its_own_counts_and_narrows_the_others(corpus, anonymous):
    outcome = search(anonymous, "crisis", type="study")
    assert sorted(titles(outcome)) == ["A", "C"]
    # The type facet still offers the other kinds, with their counts...
    assert facet(outcome, "type") == {"study": 2, "training": 1, "meeting": 1, "resolution": 2}
    # ...while the language and hazard counts are those of studies.
    assert facet(outcome, "lang") == {"fa": 1, "en": 1}
    assert facet(outcome, "hazard") == {"flood": 1, "fire": 1}


def test_facets_combine(corpus, anonymous):
    outcome = search(anonymous, "crisis", type=["study", "training"], lang="en")
    assert sorted(titles(outcome)) == ["B", "C"]
    # Given lang=en (the meeting's and resolutions' texts are English too).
    assert facet(outcome, "type") == {"study": 1, "training": 1, "meeting": 1, "resolution": 2}
    assert facet(outcome, "lang") == {"fa": 1, "en": 2}  # given the two kinds
    outcome = search(anonymous, "crisis", type="study", lang="en", hazard="fire")
    assert titles(outcome) == ["C"]
    assert search(anonymous, "crisis", type="study", hazard="flood", lang="en").total == 0


def request_cache_hits(engine):
    stats = engine.client.indices.stats(index=engine.alias, metric="request_cache")
    return stats["_all"]["total"]["request_cache"]["hit_count"]


def test_a_facet_chosen_from_is_counted_once_whichever_of_its_values_are_chosen(corpus, engine, anonymous):
    """Adding a value of a facet chosen from asks again what choosing it counted: the engine answers
    it from its request cache, and the same choices made in another order are the same requests."""
    engine.client.indices.clear_cache(index=engine.alias, request=True)
    search(anonymous, "crisis", type="study")
    hits = request_cache_hits(engine)
    wider = search(anonymous, "crisis", type=["study", "training"])
    assert request_cache_hits(engine) == hits + 1  # the type facet's counts, without its own selection
    assert facet(wider, "type") == {"study": 2, "training": 1, "meeting": 1, "resolution": 2}
    search(anonymous, "crisis", type=["study", "training"], lang="en")
    hits = request_cache_hits(engine)
    again = search(anonymous, "crisis", lang="en", type=["training", "study"])
    assert request_cache_hits(engine) == hits + 4  # the same page and three counts
    assert facet(again, "type") == {"study": 1, "training": 1, "meeting": 1, "resolution": 2}


def test_the_same_search_again_is_ranked_from_the_request_cache(corpus, engine, anonymous):
    engine.client.indices.clear_cache(index=engine.alias, request=True)
    first = search(anonymous, "crisis", type="study")
    hits = request_cache_hits(engine)
    again = search(anonymous, "crisis", type="study")
    assert request_cache_hits(engine) == hits + 3  # the ranked page, the counts, the type's counts
    assert titles(again) == titles(first)
    assert [hit.highlight for hit in again.hits] == [hit.highlight for hit in first.hits]  # marked anew


def test_organisation_year_and_status_filters(corpus, anonymous, orgs):
    assert sorted(titles(search(anonymous, "crisis", organisation="isfahan"))) == ["B"]
    assert sorted(titles(search(anonymous, "crisis", year=["2019", "2021"]))) == ["A", "C"]
    assert titles(search(anonymous, "crisis", status="cancelled")) == ["Meeting 9, resolution 2"]


def test_sort_by_date_and_browse_without_words(corpus, anonymous):
    assert titles(search(anonymous, "crisis", sort="date", type="study")) == ["C", "A"]
    assert titles(search(anonymous, "", type=["study", "training"])) == ["C", "B", "A"]


def test_the_database_fallback_counts_type_and_language_alike(corpus, anonymous, settings, closed_port):
    engine_outcome = search(anonymous, "crisis", type="study")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    database_outcome = search(anonymous, "crisis", type="study", degraded=True)
    assert sorted(titles(database_outcome)) == sorted(titles(engine_outcome))
    for name in ("type", "lang", "hazard", "year", "organisation"):
        assert facet(database_outcome, name) == facet(engine_outcome, name), name


def test_a_city_written_in_persian_and_in_english_is_one_facet_value_named_for_the_reader(
        engine, site_tree, orgs, anonymous, client):
    from portal.models import City

    City.objects.create(slug="hamedan", name_fa="همدان", name_en="Hamedan", name_zh="哈马丹",
                        aliases="هَمِدان")
    orgs["tehran"].city = "HAMEDAN"  # as an editor typed it
    orgs["tehran"].save()
    add_item(site_tree["knowledge"], orgs["tehran"], title="Study in Hamedan", summary="crisis plan")
    add_meeting(site_tree["meetings"], 9, title="Crisis meeting", host_city="همدان")
    add_meeting(site_tree["meetings"], 10, title="Crisis meeting elsewhere", host_city="Zanjan")
    engine.reindex()

    outcome = search(anonymous, "crisis")
    assert facet(outcome, "city") == {"hamedan": 2, "Zanjan": 1}
    labels = {v.value: v.label for v in outcome.facets["city"]}
    assert labels == {"hamedan": "Hamedan", "Zanjan": "Zanjan"}
    assert sorted(titles(search(anonymous, "crisis", city="hamedan"))) == ["Crisis meeting", "Study in Hamedan"]

    persian = client.get("/fa/search/", {"q": "crisis"}).content.decode()
    assert ">همدان<" in persian and ">Hamedan<" not in persian


def test_the_database_fallback_reads_hazards_and_phases_per_batch_not_per_item(
        site_tree, orgs, anonymous, settings, closed_port, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from knowledge.factories import add_item
    from portal import thesaurus

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    # The thesaurus is read again a minute after it was last read: not in the middle of the count.
    monkeypatch.setattr(thesaurus, "MATCHER_SECONDS", 3600)
    flood = HazardFactory(slug="flood")

    def queries_for_a_search():
        with CaptureQueriesContext(connection) as captured:
            search(anonymous, "drill", degraded=True)
        return len(captured)

    add_item(site_tree["knowledge"], orgs["tehran"], title="Drill 1", hazards=[flood])
    queries_for_a_search()  # facet labels are read once per change of content, here
    few = queries_for_a_search()
    for number in range(2, 8):
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"Drill {number}", hazards=[flood])
    queries_for_a_search()
    assert queries_for_a_search() == few


# --- the Topic facet offers what tells results apart ---------------------------------------------

def test_topics_that_tag_most_of_the_index_or_every_result_are_not_offered(engine, site_tree, orgs, anonymous):
    for number in range(60):  # nearly everything speaks of crisis management
        hazard = "سیل" if number % 3 == 0 else "زلزله"
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"گزارش {number}",
                 summary=f"گزارش مدیریت بحران شماره {number} درباره {hazard}", language="fa")
    engine.reindex()
    topics = facet(search(anonymous, "گزارش"), "topic")
    assert "crisis-management" not in topics  # tags all 60 documents: says nothing of a result
    assert topics["flood"] == 20 and topics["earthquake"] == 40
    flood = search(anonymous, "سیل")
    assert flood.total == 20
    assert "flood" not in facet(flood, "topic")  # every result has it: choosing it narrows nothing
    chosen = search(anonymous, "سیل", topic=["flood"])
    assert facet(chosen, "topic")["flood"] == 20  # a chosen topic stays, to be unchosen


def test_a_hazard_or_phase_the_other_facets_offer_is_not_offered_again_as_a_topic(
        engine, site_tree, orgs, anonymous):
    from portal.factories import PhaseFactory

    quake = HazardFactory(slug="quake", name_en="", name_fa="زمین‌لرزه")  # the concept by its name
    HazardFactory(slug="flood")  # no result is tagged with it: the Hazard facet does not offer it
    preparedness = PhaseFactory(slug="preparedness")  # the concept by its identifier
    add = site_tree["knowledge"], orgs["tehran"]
    add_item(*add, title="Zorblat one", summary="Zorblat notes on earthquake preparedness and evacuation.",
             language="en", hazards=[quake], phases=[preparedness])
    add_item(*add, title="Zorblat two", summary="Zorblat notes on an earthquake and its shelters.", language="en")
    add_item(*add, title="Zorblat three", summary="Zorblat notes on flood shelters.", language="en")
    engine.reindex()
    outcome = search(anonymous, "zorblat")
    assert facet(outcome, "hazard") == {"quake": 1}
    assert facet(outcome, "phase") == {"preparedness": 1}
    topics = facet(outcome, "topic")
    assert "earthquake" not in topics and "preparedness" not in topics  # offered above, with their own counts
    assert topics["flood"] == 1 and topics["evacuation"] == 1  # the Hazard facet does not offer flood here
    chosen = search(anonymous, "zorblat", topic=["earthquake"])  # chosen from a link: it stays, to be unchosen
    assert facet(chosen, "topic")["earthquake"] == 2


def test_a_concept_removed_from_the_thesaurus_leaves_the_facet(engine, site_tree, orgs, anonymous):
    from portal.models import Concept

    add_item(site_tree["knowledge"], orgs["tehran"], title="Flood", summary="A flood plan", language="en")
    add_item(site_tree["knowledge"], orgs["tehran"], title="Fire", summary="A fire plan", language="en")
    engine.reindex()
    assert facet(search(anonymous, "plan"), "topic")["flood"] == 1
    Concept.objects.filter(slug="flood").delete()  # still in the index until it is rebuilt
    labels = {value.value: value.label for value in search(anonymous, "plan").facets["topic"]}
    assert "flood" not in labels
    assert labels["fire"] == "fire"  # its English label (the tests read in English)


def test_the_topic_facet_offers_what_a_document_speaks_of_most_and_the_query_finds_the_rest(
        engine, site_tree, orgs, anonymous):
    add_item(site_tree["knowledge"], orgs["tehran"], title="Evacuation drill for schools", language="en",
             summary="Notes on early warning, volunteers, emergency shelters, heatwaves, epidemics, business "
                     "continuity and risk assessment; the incident command system comes last.")
    add_item(site_tree["knowledge"], orgs["tehran"], title="Incident command system", language="en",
             summary="How the incident command system runs a school evacuation.")
    engine.reindex()
    outcome = search(anonymous, "incident command system")
    assert set(titles(outcome)) == {"Evacuation drill for schools", "Incident command system"}
    # Named in passing, last of many, it is not the drill's topic: the facet counts the one it is.
    assert facet(outcome, "topic")["incident-command-system"] == 1
    assert titles(search(anonymous, "incident command system", topic=["incident-command-system"])) == [
        "Incident command system"]


def test_the_topic_facet_is_full_when_broad_topics_are_left_out(engine, site_tree, orgs, anonymous):
    specific = ["heatwave", "landslide", "drought", "tsunami", "wildfire", "volunteers", "evacuation",
                "early warning", "business continuity", "epidemic", "seismic microzonation", "duty roster",
                "snowstorm", "air pollution", "dam failure", "search and rescue", "first aid"]
    for number in range(60):
        pair = f"{specific[number % len(specific)]} and {specific[(number + 1) % len(specific)]}"
        crisis = " in a crisis" if number % 3 else ""  # two thirds of the index: too broad to offer
        add_item(site_tree["knowledge"], orgs["tehran"], title=f"Zorblat {number}", language="en",
                 summary=f"Zorblat notes on {pair}{crisis}.")
    engine.reindex()
    topics = facet(search(anonymous, "zorblat"), "topic")
    assert "crisis" not in topics
    assert len(topics) == BY_NAME["topic"].size  # the broad topic left room for one more

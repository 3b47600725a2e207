"""A misspelled word, searched as the index spells it (search/spelling.py), on a real node."""

import re

import pytest
from django.utils.html import escape
from wagtail.rich_text import RichText

from knowledge.factories import add_item
from search import spelling
from search.queries import query_concepts

from .helpers import search, titles

pytestmark = pytest.mark.search_engine


@pytest.fixture
def add(site_tree, orgs):
    def add(title, summary="", body="", **fields):
        paragraphs = [("paragraph", RichText(f"<p>{escape(body)}</p>"))] if body else []
        return add_item(site_tree["knowledge"], orgs["tehran"], title=title, summary=summary or title,
                        body=paragraphs, **fields)

    return add


@pytest.fixture
def landslides(engine, add):
    add("Landslide risk on the northern slopes", language="en")
    add("Risk register of the water company", summary="A register of risks to pipes and pumps", language="en")
    engine.reindex()


def test_a_misspelled_word_is_searched_as_the_index_spells_it(landslides, anonymous):
    outcome = search(anonymous, "landlide risk")
    assert outcome.corrected_from == "landlide risk"
    assert outcome.params.q == "landslide risk"
    assert titles(outcome)[0] == "Landslide risk on the northern slopes"
    assert not outcome.weak


def test_the_words_as_typed_when_asked_for(landslides, anonymous):
    outcome = search(anonymous, "landlide risk", as_typed=True)
    assert (outcome.corrected_from, outcome.params.q) == ("", "landlide risk")
    assert outcome.weak  # «risk» alone: no result has all the words


def test_a_word_the_index_knows_is_never_corrected(engine, add, anonymous):
    add("Levee inspection", summary="The levee of the old canal", language="en")
    add("Water level barrier", summary="A barrier that keeps the water level", language="en")
    engine.reindex()
    # «levee» is one letter from «level», which the texts write with «barrier»; but it is known.
    outcome = search(anonymous, "levee barrier")
    assert outcome.weak
    assert (outcome.corrected_from, outcome.params.q) == ("", "levee barrier")


def test_a_word_is_unknown_when_it_finds_nothing_the_reader_may_see(engine, add, anonymous):
    add("Levee inspection", summary="The levee of the old canal", language="en")
    add("Hazmat survey", summary="Hazmat stores along the ring road", language="en", visibility="members")
    engine.reindex()
    words = ["levee", "levees", "leveee", "hazmat"]  # «levees»: the English stem is known
    assert spelling.unknown_words(engine.client, words, anonymous) == ["leveee", "hazmat"]


def test_a_short_word_is_corrected_one_letter_off_at_most(engine, add, anonymous):
    add("Flood shelters for women", summary="A woman-led flood shelter network", language="en")
    engine.reindex()
    # A name the texts never hold, two letters from «woman»: no correction.
    outcome = search(anonymous, "wuhan flood")
    assert (outcome.corrected_from, outcome.params.q) == ("", "wuhan flood")
    assert search(anonymous, "womn flood").params.q == "woman flood"  # one letter off


def test_keys_typed_on_the_other_layout_are_offered_as_meant_not_corrected(engine, add, anonymous):
    add("مانور زلزله", summary="مانور زلزله در مدارس", language="fa")
    add("Pump cgcgo", summary="The cgcgo pump code", language="en")  # one letter from «cgcgi»
    engine.reindex()
    outcome = search(anonymous, "lhk,v cgcgi")  # «مانور زلزله» with the keyboard still on English
    assert (outcome.total, outcome.corrected_from, outcome.suggestion) == (0, "", "مانور زلزله")


def test_a_word_that_finds_nothing_at_all_is_searched_corrected(engine, add, anonymous):
    add("ریزگرد و سلامت شهروندان", language="fa")
    engine.reindex()
    outcome = search(anonymous, "ریزرد")  # «ریزگرد», dust, with a letter left out
    assert (outcome.corrected_from, outcome.params.q) == ("ریزرد", "ریزگرد")
    assert outcome.total == 1 and outcome.suggestion == ""


def test_the_spelling_the_texts_write_beside_the_other_words_is_chosen(engine, add, anonymous):
    # "floid" is one letter from "fluid" (the commoner word here) and from "flood".
    for number in range(3):
        add(f"Pump maintenance {number}", summary="Hydraulic fluid of the pumps behind the barrier", language="en")
    add("River defences", summary="The flood barrier of the eastern bank", language="en")
    engine.reindex()
    outcome = search(anonymous, "floid barrier")
    assert outcome.params.q == "flood barrier"
    assert titles(outcome)[0] == "River defences"


def test_a_word_only_the_texts_hold_is_a_correction_chosen_by_the_words_beside_it(engine, add, anonymous):
    # As above, with the words in the items' texts only, not their titles or summaries.
    for number in range(3):
        add(f"Pump maintenance {number}", summary="Maintenance log", language="en",
            body="Hydraulic fluid of the pumps behind the barrier")
    add("River defences", summary="Works on the eastern bank", body="The flood barrier of the eastern bank",
        language="en")
    add("Monthly report", summary="What the office did", body="Sandbags were stockpiled before the monsoon",
        language="en")
    engine.reindex()
    outcome = search(anonymous, "floid barrier")
    assert outcome.params.q == "flood barrier"
    assert titles(outcome)[0] == "River defences"
    assert search(anonymous, "monsoom").params.q == "monsoon"


def test_a_word_is_corrected_when_the_other_words_find_only_texts_in_other_languages(engine, add, anonymous):
    add("Earthquake preparedness of the hospitals", language="en")
    add("学校防震演练", summary="中学举行防震演练", language="zh")
    engine.reindex()
    outcome = search(anonymous, "earthqake drill")  # no English text says "drill" with "earthquake"
    assert outcome.params.q == "earthquake drill"
    assert "学校防震演练" in titles(outcome)


def test_a_persian_correction_is_written_in_persian_letters(engine, add, anonymous):
    # «اسان» is one letter from «اساس» (basis, the commoner word here) and from «اسکان» (housing):
    # the texts write «اسکان موقت», temporary housing, beside the word typed after it.
    for number in range(3):
        add(f"اساس نامه انجمن {number}", summary="اساس کار انجمن در این نامه آمده است", language="fa")
    add("اسکان موقت پس از زلزله", summary="اسکان موقت خانواده ها در اردوگاه", language="fa")
    engine.reindex()
    outcome = search(anonymous, "اسان موقت")
    assert outcome.params.q == "اسکان موقت"  # in Persian letters, as readers write it
    assert titles(outcome)[0] == "اسکان موقت پس از زلزله"


def test_a_word_only_members_only_texts_hold_is_never_spelled_out_to_the_public(engine, add, anonymous, orgs):
    add("Hazmat corridor survey", summary="Hazmat corridor survey of the ring road", language="en",
        visibility="members")
    add("Corridor lighting", summary="Street lighting along the corridor", language="en")
    engine.reindex()
    outcome = search(anonymous, "hazmatt corridor")
    assert (outcome.corrected_from, outcome.params.q) == ("", "hazmatt corridor")
    assert titles(outcome) == ["Corridor lighting"]


def test_short_words_thesaurus_words_and_chinese_are_left_as_typed(db):
    def checked_words(q):
        return spelling.checked_words(q, query_concepts(q).values())

    assert checked_words("سیل در منطقه") == ["منطقه"]  # «سیل», «در»: under four letters
    assert checked_words("earthquake wardens 2024") == ["wardens"]  # a concept's word, a number
    assert checked_words("应急演练 landlide") == ["landlide"]


def test_the_page_shows_the_corrected_search_and_a_link_to_the_words_as_typed(landslides, client):
    html = client.get("/en/search/", {"q": "landlide risk"}).content.decode()
    assert re.search(r'Showing results for “<bdi>landslide risk</bdi>”\.', html)
    assert re.search(r'<a href="\?q=landlide\+risk&amp;as_typed=1" rel="nofollow">Search instead for '
                     r'“<bdi>landlide risk</bdi>”</a>', html)
    # The page's box and the site's hold what was searched.
    assert html.count('name="q" value="landslide risk"') == 2 and 'value="landlide risk"' not in html
    persian = client.get("/fa/search/", {"q": "landlide risk"}).content.decode()
    assert '<bdi lang="en">landslide risk</bdi>' in persian  # English words on a Persian page
    as_typed = client.get("/en/search/", {"q": "landlide risk", "as_typed": "1"}).content.decode()
    assert "Showing results for" not in as_typed and "No result contains all your words" in as_typed


def test_the_api_says_what_was_searched(landslides, client):
    data = client.get("/api/search/", {"q": "landlide risk"}).json()
    assert (data["searched_for"], data["corrected_from"]) == ("landslide risk", "landlide risk")
    assert data["results"][0]["title"] == "Landslide risk on the northern slopes"
    data = client.get("/api/search/", {"q": "landslide risk"}).json()
    assert (data["searched_for"], data["corrected_from"]) == ("landslide risk", "")


def test_the_pages_after_the_first_are_those_of_the_corrected_words(landslides, anonymous):
    # The page's links carry the corrected words; a later page is never corrected on its own.
    outcome = search(anonymous, "landlide risk", page=2, page_size=1)
    assert (outcome.corrected_from, outcome.params.q) == ("", "landlide risk")

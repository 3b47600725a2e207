"""What readers type finds what writers wrote: Persian, Chinese and English, on the real engine."""

import pytest
from django.utils.html import escape
from wagtail.rich_text import RichText

from knowledge.factories import add_item
from resolutions.factories import ResolutionFactory, add_meeting
from search import queries, versions
from search.queries import ContentQuery

from .helpers import search, titles

pytestmark = pytest.mark.search_engine

ZWNJ = "\u200c"
# English filler: a sentence with none of the words the ranking tests ask for.
AFTER_DARK = "The wardens walked each street of the old quarter after dark"


@pytest.fixture
def add(site_tree, orgs):
    def add(title, summary="", body="", **fields):
        paragraphs = [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in body.split("\n") if p.strip()]
        return add_item(site_tree["knowledge"], orgs["tehran"], title=title, summary=summary or title,
                        body=paragraphs, **fields)

    return add


def found(user, q, **filters):
    return titles(search(user, q, **filters))


# --- Persian --------------------------------------------------------------------------------

def test_arabic_and_persian_letter_variants_find_each_other(engine, add, anonymous):
    add("Arabic letters", summary="گزارش مديريت بحران شهر كرمان")
    add("Persian letters", summary="برنامه مدیریت بحران شهر کرج")
    engine.reindex()
    # Both share «مدیریت»; the one with every word ranks first.
    assert found(anonymous, "مدیریت کرمان")[0] == "Arabic letters"
    assert found(anonymous, "مديريت كرج")[0] == "Persian letters"


def test_zwnj_and_joined_spellings_find_each_other(engine, add, anonymous):
    add("With ZWNJ", summary=f"نشست مدیران کلان{ZWNJ}شهرها")
    add("Joined", summary="تجربه کلانشهر تبریز")
    engine.reindex()
    assert set(found(anonymous, "کلانشهرها")) == {"With ZWNJ", "Joined"}
    assert set(found(anonymous, f"کلان{ZWNJ}شهر")) == {"With ZWNJ", "Joined"}


def test_compounds_written_with_a_space_find_the_joined_spelling_and_the_reverse(engine, add, anonymous):
    add("Joined", summary="تجربه کلانشهر تبریز")
    add("Spaced", summary="ایمنی کلان شهر اصفهان")
    add("Apart", summary="شهر کوچک و طرح کلان")  # both words, not side by side
    engine.reindex()
    assert set(found(anonymous, "کلان شهر")) >= {"Joined", "Spaced"}
    assert set(found(anonymous, "کلانشهر")) == {"Joined", "Spaced"}
    assert set(found(anonymous, f"کلان{ZWNJ}شهر")) == {"Joined", "Spaced"}
    # The joined spelling does not make "Apart" match a query for the compound.
    assert found(anonymous, "کلانشهر تبریز")[0] == "Joined"
    assert "Apart" not in found(anonymous, "کلانشهر تبریز")
    hit = search(anonymous, "کلان شهر").hits
    joined = next(h for h in hit if h.title == "Joined")
    assert "<mark>" in " ".join(joined.highlight)


def test_a_compound_typed_with_a_space_finds_and_marks_the_joined_spelling_in_a_title(engine, add, anonymous):
    add("تجربه کلانشهر تبریز", summary="گزارش")
    add("ایمنی کلان شهر اصفهان", summary="گزارش")
    add("شهر کوچک و طرح کلان", summary="گزارش")  # both words, not side by side
    engine.reindex()
    hits = search(anonymous, "کلان شهر").hits
    assert [hit.title for hit in hits][:2] == ["ایمنی کلان شهر اصفهان", "تجربه کلانشهر تبریز"]
    assert "<mark>کلانشهر</mark>" in hits[1].title_highlight
    assert found(anonymous, "کلانشهر") == ["تجربه کلانشهر تبریز", "ایمنی کلان شهر اصفهان"]


def test_a_compound_typed_with_a_space_finds_the_joined_spelling_in_a_body(engine, add, anonymous):
    add("Joined in body", summary="گزارش", body="تجربه کلانشهر تبریز در مانور")
    add("Spaced in body", summary="گزارش", body="ایمنی کلان شهر اصفهان")
    engine.reindex()
    assert set(found(anonymous, "کلان شهر")) == {"Joined in body", "Spaced in body"}
    hit = next(h for h in search(anonymous, "کلان شهر").hits if h.title == "Joined in body")
    assert "<mark>کلانشهر</mark>" in " ".join(hit.highlight)
    # The reverse (the joined query finding a spaced body) is for titles and summaries only: joined
    # pairs of whole bodies would double the time indexing takes. The thesaurus still knows both
    # spellings name one concept (a metropolis), so the spaced body comes after the joined one.
    assert found(anonymous, "کلانشهر") == ["Joined in body", "Spaced in body"]


def test_a_compound_typed_with_a_space_finds_its_joined_plural_in_a_body(engine, add, anonymous):
    # «کتابخانه‌ها», libraries: no concept of the thesaurus, so only the joined pair finds it, stemmed
    # as the body's Persian field stems the joined word.
    add("Libraries", summary="گزارش", body=f"بازدید از کتابخانه{ZWNJ}های شهر")
    engine.reindex()
    [hit] = search(anonymous, "کتاب خانه").hits
    assert hit.title == "Libraries"
    assert "<mark>" in " ".join(hit.highlight)


def test_diacritics_do_not_matter(engine, add, anonymous):
    add("Marked", summary="مُدیریَّت بحـــران")
    engine.reindex()
    assert found(anonymous, "مدیریت") == ["Marked"]


@pytest.mark.parametrize(("written", "typed"), [
    ("۱۳۹۱", "1391"), ("1391", "۱۳۹۱"), ("١٣٩١", "۱۳۹۱"), ("۱۳۹۱", "١٣٩١"),
])
def test_digits_of_every_script_are_the_same_number(engine, add, anonymous, written, typed):
    add("Dated", summary=f"مصوبات مهر {written}")
    engine.reindex()
    assert found(anonymous, typed) == ["Dated"]


def test_persian_plurals_and_stop_words(engine, add, anonymous):
    add("Plural", summary="آموزش همگانی در شهرها")
    add("Other", summary="طرح جامع")
    engine.reindex()
    assert found(anonymous, "شهر") == ["Plural"]
    # Stop words ("در", "از") do not have to appear in the document.
    assert found(anonymous, "آموزش از شهرها") == ["Plural"]


def test_a_word_ending_like_a_plural_finds_its_plural_and_not_a_shorter_word(engine, add, anonymous):
    add("Crises", summary="تجربه بحران‌های شهری در کلانشهرها")
    add("Critical", summary="شرایط بحرانی در شهرها")
    add("Sea", summary="سواحل بحر خزر")
    engine.reindex()
    assert set(found(anonymous, "بحران")) == {"Crises", "Critical"}


# --- Chinese --------------------------------------------------------------------------------

def test_hong_kong_variants_meet_simplified_and_taiwan_forms(engine, add, anonymous):
    add("Hong Kong", summary="衞生防護中心的疫情應變計劃")
    add("Taiwan", summary="衛生單位防疫演練")
    engine.reindex()
    assert set(found(anonymous, "卫生")) == {"Hong Kong", "Taiwan"}
    assert set(found(anonymous, "衛生")) == {"Hong Kong", "Taiwan"}


def test_simplified_and_traditional_find_each_other(engine, add, anonymous):
    add("Traditional", summary="社區應急管理培訓")
    add("Simplified", summary="社区应急管理总体规划")
    engine.reindex()
    assert set(found(anonymous, "社区")) == {"Traditional", "Simplified"}
    assert set(found(anonymous, "社區")) == {"Traditional", "Simplified"}
    assert set(found(anonymous, "应急管理")) == {"Traditional", "Simplified"}
    assert set(found(anonymous, "應急管理")) == {"Traditional", "Simplified"}


def test_a_chinese_word_ranks_above_its_characters_scattered(engine, add, anonymous):
    add("Scattered", summary="应该注意，情况紧急时联系居委会。")  # 应 and 急, far apart
    add("Word", summary="社区应急工作的经验。")
    add("One character", summary="情况紧急。")  # 急 only: one of two characters is no match
    engine.reindex()
    assert found(anonymous, "应急") == ["Word", "Scattered"]
    assert found(anonymous, "應急") == ["Word", "Scattered"]
    # One character alone is matched as a character.
    assert set(found(anonymous, "急")) == {"Word", "Scattered", "One character"}


def test_a_chinese_text_broken_across_lines_is_found_by_the_word_a_break_fell_in(engine, site_tree, orgs, anonymous):
    from knowledge.submissions import text_to_body  # what an import or a share makes of plain text

    add = site_tree["knowledge"], orgs["tehran"]
    add_item(*add, title="Hard-wrapped", summary="Notes", language="zh",
             body=text_to_body("区里的小学开展防震应\n急演练，学生三分钟\n内撤离到操场。"))
    add_item(*add, title="Other", summary="Notes", language="zh", body=text_to_body("商场开展消防检查。"))
    engine.reindex()
    assert found(anonymous, "应急") == ["Hard-wrapped"]
    assert found(anonymous, "分钟内撤离") == ["Hard-wrapped"]


def test_documents_found_by_characters_alone_rank_by_how_many_they_share(engine, add, anonymous):
    # No word of «防震演習» (防震, 震演, 演习) stands in either text, only its characters. They find at
    # one constant score, and are scored in the ranking window: the first added would win a tie.
    add("Two", summary="表演时舞台震动。")  # 演 震
    add("Three", summary="学生学习表演，注意防火。")  # 习 演 防
    add("Other", summary="社区工作总结。")
    engine.reindex()
    assert found(anonymous, "防震演習") == ["Three", "Two"]


def test_seed_with_pinyin_readings_is_found_by_its_words(engine, add, anonymous, seeds):
    text = (seeds / "002_3fadfe4a887cda39.txt").read_text(encoding="utf-8")
    add("Chengzhong", summary="基层应急部门防疫工作", body=text, language="zh", kind="training")
    add("Unrelated", summary="طرح جامع مدیریت بحران قزوین")
    engine.reindex()
    for query in ("应急管理局", "城中区", "城中區應急管理局"):
        outcome = search(anonymous, query)
        assert titles(outcome) == ["Chengzhong"], query
    # Snippets show the original text (traditional, readings included), with the match marked.
    snippet = " ".join(search(anonymous, "城中区").hits[0].highlight)
    assert "<mark>" in snippet and "城中區" in snippet


# --- English and mixed documents ------------------------------------------------------------

def test_english_stemming_and_stop_words(engine, add, anonymous):
    add("Flooding drill", summary="The city's flooding drills of 2019")
    add("Fire", summary="Fire safety")
    engine.reindex()
    assert found(anonymous, "floods") == ["Flooding drill"]
    assert found(anonymous, "the flooded city") == ["Flooding drill"]


def test_an_english_word_in_several_fields_ranks_above_the_same_word_in_one(engine, add, anonymous):
    # Alike but for one word of the second's text. Added first, the first would come first on an
    # equal score: an English query adds a share of its other fields' scores to the best field's.
    # The other rounds keep "lantern" rare in titles, so the title is both lanterns' best field.
    street = f"{AFTER_DARK} and wrote down what they saw"
    for district in ("north", "south", "harbour", "market", "river", "hill", "station", "bridge"):
        add(f"Rounds of the {district}", summary="Night rounds", body=f"{street}.", language="en")
    add("Lantern notes east", summary="Night rounds", body=f"{street}, with a torch.", language="en")
    add("Lantern notes west", summary="Night rounds", body=f"{street}, with a lantern.", language="en")
    engine.reindex()
    assert found(anonymous, "lantern") == ["Lantern notes west", "Lantern notes east"]


def test_paging_past_the_ranking_window_shows_every_match_once(engine, add, anonymous, monkeypatch):
    # The window is the same for every page: the pages within it are ranked again with all the words,
    # those past it keep the words' order, and no result is on two pages or on none. "Notes" has
    # both words side by side, but deep in a long text: by the words alone it ranks last, past the
    # window, so it stays last; a window that grew with the page asked would lift it out of page 3.
    monkeypatch.setattr(queries, "RANKING_WINDOW", 4)
    filler = f"{AFTER_DARK}. "
    for number in range(1, 7):
        add(f"Copper {number}", summary=f"Copper and more copper in district {number}", body=filler, language="en")
    for number in range(1, 3):
        add(f"Ledger {number}", summary=f"Ledger upon ledger in district {number}", body=filler, language="en")
    add("Notes", summary="Notes on the week", body=filler * 30 + "The copper ledger was checked.", language="en")
    engine.reindex()
    pages = [search(anonymous, "copper ledger", page=page, page_size=3) for page in (1, 2, 3)]
    shown = [hit.display_title for outcome in pages for hit in outcome.hits]
    assert len(shown) == len(set(shown)) == pages[0].total == 9
    assert shown[-1] == "Notes"


def test_mixed_language_document_is_found_in_each_language(engine, add, anonymous):
    add("طرح جامع مدیریت بحران قزوین", summary="مطالعه خطرات شهر قزوین",
        english_summary="Qazvin's crisis management master plan",
        body="对四种灾害进行了排序\nPrevention and preparedness phases")
    add("Other", summary="Fire safety")
    engine.reindex()
    for query in ("قزوین", "master plans", "灾害", "災害", "preparedness"):
        assert found(anonymous, query) == ["طرح جامع مدیریت بحران قزوین"], query


def test_highlights_mark_matches_in_the_original_text(engine, add, anonymous):
    add("Flood", summary="Tehran <script> & flooding")
    engine.reindex()
    [hit] = search(anonymous, "flood").hits
    assert any("<mark>flooding</mark>" in fragment for fragment in hit.highlight)
    assert all("<script>" not in fragment for fragment in hit.highlight)  # text is escaped
    assert any("&lt;script&gt;" in fragment for fragment in hit.highlight)


def test_words_are_marked_one_by_one_without_the_highlighters_matches_mode(engine, add, anonymous):
    version = versions.alias_targets(engine.client)[0]
    settings = engine.client.indices.get_settings(index=version, flat_settings=True)[version]["settings"]
    assert settings["index.highlight.weight_matches_mode.enabled"] == "false"
    add("Flood", summary="Early warning of floods in Tehran")
    engine.reindex()
    [hit] = search(anonymous, "early warning").hits
    assert any("<mark>Early</mark> <mark>warning</mark>" in fragment for fragment in hit.highlight)


def test_a_misspelled_query_is_searched_corrected_and_as_typed_gets_a_suggestion(engine, add, anonymous):
    add("Earthquake drill", summary="Earthquake preparedness in Tabriz")
    engine.reindex()
    outcome = search(anonymous, "earthqake")
    assert (outcome.total, outcome.corrected_from, outcome.suggestion) == (1, "earthqake", "")
    outcome = search(anonymous, "earthqake", as_typed=True)
    assert outcome.total == 0
    assert outcome.suggestion == "earthquake"


def test_words_typed_on_the_other_keyboard_layout_are_suggested_as_meant(engine, add, anonymous):
    add("مانور", summary="مانور زلزله در مدارس تبریز")
    add("Flood", summary="Flood early warning for the river", language="en")
    engine.reindex()
    outcome = search(anonymous, "lhk,v cgcgi")  # «مانور زلزله» with the keyboard still on English
    assert (outcome.total, outcome.suggestion) == (0, "مانور زلزله")
    assert search(anonymous, "بمخخی").suggestion == "flood"  # "flood" on the Persian layout


def test_no_suggestion_when_the_filters_alone_exclude_everything(engine, add, anonymous):
    add("Earthquake drill", summary="Earthquake preparedness 应急管理")
    engine.reindex()
    for query in ("earthquake", "应急管理"):
        outcome = search(anonymous, query, type="meeting")
        assert (outcome.total, outcome.suggestion) == (0, ""), query


def test_whether_the_words_alone_find_something_is_read_from_the_counts_when_they_tell(
        engine, add, anonymous, monkeypatch):
    add("Earthquake drill", summary="Earthquake preparedness", language="en")
    engine.reindex()
    counted = []
    count = ContentQuery.count
    monkeypatch.setattr(ContentQuery, "count", lambda self: counted.append(self.query_text) or count(self))
    # One facet chosen: its own counts are those of the words alone.
    assert search(anonymous, "earthquake", type="meeting").suggestion == ""
    assert search(anonymous, "earthqake", type="study", as_typed=True).suggestion == "earthquake"
    # The words' keys on the other layout, then the suggestion, are checked; not the words typed.
    assert counted == ["ثشقفاضشنث", "earthquake"]
    # Two facets chosen and neither would find anything alone: only the engine can tell.
    counted.clear()
    assert search(anonymous, "earthquake", type="meeting", lang="fa").suggestion == ""
    assert counted == ["earthquake"]


# --- tags ----------------------------------------------------------------------------------------

def test_hazard_names_in_any_language_find_items_tagged_with_it(engine, add, anonymous, settings, closed_port):
    from portal.factories import HazardFactory

    quake = HazardFactory(slug="earthquake", name_fa="زلزله", name_en="Earthquake", name_zh="地震")
    add("Tagged", summary="School safety plan", hazards=[quake])
    add("Untagged", summary="School safety plan")
    engine.reindex()
    for typed in ("زلزله", "earthquakes", "地震"):
        assert found(anonymous, typed) == ["Tagged"], typed
    # The database fallback agrees.
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    for typed in ("زلزله", "Earthquake", "地震"):
        assert titles(search(anonymous, typed, degraded=True)) == ["Tagged"], typed


# --- a meeting named by its ordinal ---------------------------------------------------------------

@pytest.fixture
def meetings(engine, site_tree):
    for number, city in ((7, "کرمان"), (8, "تهران"), (9, "همدان")):
        meeting = add_meeting(site_tree["meetings"], number, title=f"{ORDINALS[number]} نشست مدیران بحران ({city})")
        ResolutionFactory(meeting=meeting, number=1, text=f"مقرر شد گزارش نشست {ORDINALS[number - 1]} ارسال شود",
                          language="fa")
        ResolutionFactory(meeting=meeting, number=5, text="مقرر شد مانور زلزله در مدارس برگزار شود", language="fa")
    engine.reindex()


ORDINALS = {6: "ششم", 7: "هفتمین", 8: "هشتمین", 9: "نهمین"}


@pytest.mark.parametrize("query", ["نشست نهم", "نهمین نشست", "نشست ۹", "9th meeting", "the ninth meeting",
                                   "第九次会议", "第九次會議"])
def test_a_meeting_named_by_its_ordinal_comes_first_in_any_language(meetings, anonymous, query):
    outcome = search(anonymous, query)
    first, then = outcome.hits[:2]
    assert first.display_title == "نهمین نشست مدیران بحران (همدان)"
    assert (then.type, then.meeting_number) == ("resolution", 9)  # what belongs to it next
    assert not outcome.weak  # the meeting named is a good answer, whatever words its title uses


@pytest.mark.parametrize("query", ["مصوبه ۵ نشست نهم", "مصوبه پنجم نهمین نشست", "resolution 5 of the 9th meeting",
                                   "第九次会议第五项决议"])
def test_a_resolution_named_by_its_number_and_meeting_comes_first(meetings, anonymous, query):
    outcome = search(anonymous, query)
    first, then = outcome.hits[:2]
    assert (first.type, first.meeting_number, first.number) == ("resolution", 9, 5)
    assert then.display_title == "نهمین نشست مدیران بحران (همدان)"
    assert not outcome.weak


def test_a_resolution_found_by_its_number_shows_its_text(meetings, anonymous, settings, closed_port):
    # None of the words asked is in its text, and a resolution has no summary: the text's opening.
    opening = "مقرر شد مانور زلزله در مدارس برگزار شود"
    first = search(anonymous, "مصوبه ۵ نشست نهم").hits[0]
    assert (first.number, first.highlight) == (5, [opening])
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    first = search(anonymous, "مصوبه ۵ نشست نهم", degraded=True).hits[0]
    assert (first.number, first.highlight) == (5, [opening])


def test_a_number_without_a_meeting_noun_names_no_meeting(meetings, anonymous):
    outcome = search(anonymous, "9 meetings")  # a count, not an ordinal
    assert outcome.hits and not any(queries.NAMED_MEETING in hit.matched for hit in outcome.hits)


MEETING_9, RESOLUTION_9_5, RESOLUTION_9_1 = ("meeting", 9, None), ("resolution", 9, 5), ("resolution", 9, 1)


@pytest.mark.parametrize(("query", "expected"), [
    ("نشست نهم", [MEETING_9, RESOLUTION_9_5, RESOLUTION_9_1]),
    ("9th meeting", [MEETING_9, RESOLUTION_9_5, RESOLUTION_9_1]),
    ("第九次会议", [MEETING_9, RESOLUTION_9_5, RESOLUTION_9_1]),
    ("نشست نهم مانور مدارس", [RESOLUTION_9_5]),  # the other words are still asked
    ("مصوبه ۵ نشست نهم", [RESOLUTION_9_5, MEETING_9]),
    ("resolution 5 of the 9th meeting", [RESOLUTION_9_5, MEETING_9]),
    ("第九次会议第五项决议", [RESOLUTION_9_5, MEETING_9]),
    ("مصوبه پنجم", [("resolution", 9, 5), ("resolution", 8, 5), ("resolution", 7, 5)]),  # of every meeting
])
def test_a_meeting_or_resolution_named_by_number_is_found_first_with_the_engine_down(
        meetings, anonymous, settings, closed_port, query, expected):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    hits = search(anonymous, query, degraded=True).hits
    assert [(hit.type, hit.meeting_number, hit.number) for hit in hits] == expected

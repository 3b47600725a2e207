"""Recall first: a document worded differently is ranked lower, never dropped; the thesaurus
carries a query across languages without carrying anyone past their permissions.

On the real engine, with texts written for these tests.
"""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from knowledge.factories import add_item
from portal.audiences import MEMBERS
from resolutions.factories import add_meeting
from search.queries import ALL_WORDS, JOINED_WORDS, PHRASE, WORDS
from search.results import NEWEST

from .helpers import facet, search, titles

pytestmark = pytest.mark.search_engine


@pytest.fixture
def add(site_tree, orgs):
    def add(title, summary="", language="fa", **fields):
        return add_item(site_tree["knowledge"], orgs["tehran"], title=title, summary=summary or title,
                        language=language, **fields)

    return add


def test_one_word_of_four_said_otherwise_still_finds_the_document(engine, add, anonymous):
    add("Worded otherwise", "راه‌اندازی سیستم هشدار سریع سیل در حوضه رودخانه شهر")
    add("Insurance", "تعرفه بیمه خسارت سیل برای خانوارها")
    engine.reindex()
    found = titles(search(anonymous, "سامانه هشدار سریع سیل"))
    assert found[0] == "Worded otherwise"
    assert "Insurance" in found  # it shares «سیل»: ranked lower, not dropped


def test_a_synonym_finds_the_document(engine, add, anonymous):
    add("Fire in the bazaar", "گزارش آتش‌سوزی انبار کالا در بازار قدیمی")
    add("Earthquake study", "بررسی آسیب‌پذیری مدارس در برابر زلزله")
    engine.reindex()
    assert titles(search(anonymous, "حریق"))[0] == "Fire in the bazaar"
    assert titles(search(anonymous, "زمین‌لرزه"))[0] == "Earthquake study"


def test_a_traditional_query_finds_simplified_documents_phrased_otherwise(engine, add, anonymous):
    add("School drill", "某区小学开展地震应急演练，学生在三分钟内撤离到操场。", language="zh")
    add("Fire drill", "消防队在商场开展灭火演练。", language="zh")
    engine.reindex()
    found = titles(search(anonymous, "防震演習"))  # Traditional; the text says 地震 … 演练
    assert found[0] == "School drill"


def test_a_chinese_drill_named_with_qualifiers_inside_ranks_above_drills_in_other_languages(engine, add, anonymous):
    """地震应急疏散演练 is an earthquake drill though no label says it whole: found as one, in the
    query's language, it ranks above the drills found across languages."""
    add("疏散演练纪实", "某区小学开展地震应急疏散演练，全校师生三分钟内到达操场。", language="zh")
    add("Drop and cover", "An earthquake drill in forty schools of the city.", language="en")
    add("مانور مدارس", "مانور زلزله در مدارس منطقه ۳", language="fa")
    engine.reindex()
    assert titles(search(anonymous, "防震演習"))[0] == "疏散演练纪实"


def test_broken_and_sound_plurals_meet_their_singular(engine, add, anonymous):
    add("Experience", "تجربه شهرداری تبریز در اسکان موقت آسیب‌دیدگان")
    add("Resolutions", "مصوبات ستاد مدیریت بحران درباره آمادگی زمستانی")
    engine.reindex()
    assert titles(search(anonymous, "تجارب"))[0] == "Experience"
    assert titles(search(anonymous, "مصوبه"))[0] == "Resolutions"
    assert titles(search(anonymous, "آسیب‌دیده"))[0] == "Experience"


def test_english_spellings_and_stems_meet(engine, add, anonymous):
    add("Centre", "Our emergency operations centre and its duty rosters", language="en")
    engine.reindex()
    assert titles(search(anonymous, "emergency operation center")) == ["Centre"]


def test_a_query_sharing_a_meaningful_word_is_never_empty(engine, add, anonymous):
    add("Shelters", "ظرفیت اسکان اضطراری در مدارس شهر")
    engine.reindex()
    outcome = search(anonymous, "اسکان پناهجویان تابستانی ورزشگاه")  # one word of four in the text
    assert titles(outcome) == ["Shelters"]
    assert outcome.weak  # the page says the best matches are weak


def test_the_words_side_by_side_rank_first_and_count_as_strong_in_either_order(engine, add, anonymous):
    # The same words, as long a text: only the phrase tells them apart (the first added would win a tie).
    add("Swapped", "The lantern blue of the old market", language="en")
    add("Side by side", "The blue lantern of the old market", language="en")
    engine.reindex()
    assert titles(search(anonymous, "blue lantern")) == ["Side by side", "Swapped"]
    # Sorted by date nothing is ranked, yet the page still knows both hold all the words.
    newest = search(anonymous, "blue lantern", sort=NEWEST)
    assert set(titles(newest)) == {"Side by side", "Swapped"}
    assert not newest.weak
    for outcome in (search(anonymous, "blue lantern"), newest):
        assert {hit.title: ALL_WORDS in hit.matched for hit in outcome.hits} == {"Side by side": True, "Swapped": True}


def test_words_joined_by_a_hyphen_are_ranked_as_words(engine, add, anonymous):
    # "blue-lantern" is two words to the analyzers: all of them, and side by side, rank first.
    add("Blue everywhere", "A blue door, a blue wall, a blue roof and a blue gate by the lantern", language="en")
    add("Side by side", "The blue lantern of the old market", language="en")
    engine.reindex()
    outcome = search(anonymous, "blue-lantern")
    assert titles(outcome) == ["Side by side", "Blue everywhere"]
    assert {PHRASE, ALL_WORDS} <= set(outcome.hits[0].matched) and not outcome.weak


def test_a_question_finds_what_its_keywords_find(engine, add, anonymous):
    # «如何做好» ("how to do well") is in many texts; asked, it kept the drill from having all the words.
    add("演练", "某区小学开展防震演练，学生三分钟内撤离。", language="zh")
    add("防暑", "如何做好夏季防暑降温工作：社区要做好准备。", language="zh")
    engine.reindex()
    question = search(anonymous, "如何做好防震演练？")
    assert titles(question) == titles(search(anonymous, "防震演练")) == ["演练"]
    assert ALL_WORDS in question.hits[0].matched and not question.weak


def test_a_question_finds_its_keywords_with_the_engine_down_too(add, anonymous, settings, closed_port):
    add("演练", "某区小学开展防震演练，学生三分钟内撤离。", language="zh")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    assert titles(search(anonymous, "如何做好防震演练？", degraded=True)) == ["演练"]


def test_a_question_whose_keywords_name_a_concept_crosses_as_a_strong_match(engine, add, anonymous):
    add("مانور", "مانور زلزله در دبستان‌های شهر")
    engine.reindex()
    outcome = search(anonymous, "如何做好防震演练？")
    assert titles(outcome) == ["مانور"]
    assert outcome.hits[0].crossings[0].said == "防震演练"
    assert not outcome.weak  # the concept names all the question's keywords


def test_each_clause_reports_its_own_matches_so_persian_words_apart_are_a_strong_match(engine, add, anonymous):
    # A Persian query has a second clause for joined pairs: sharing the words clause's name, it
    # hid the words' matches, and all the words apart read as a weak match.
    add("Hospitals", "ارزیابی آمادگی بیمارستان‌های شهر در برابر بحران‌ها")
    add("Tents", "گزارش توزیع چادر در اردوگاه")
    engine.reindex()
    apart = search(anonymous, "بیمارستان بحران")  # both words, not side by side
    assert titles(apart) == ["Hospitals"]
    assert {WORDS, ALL_WORDS} <= set(apart.hits[0].matched) and not apart.weak
    one_word = search(anonymous, "چادر")
    assert titles(one_word) == ["Tents"] and WORDS in one_word.hits[0].matched


def test_a_persian_query_finds_chinese_and_english_items_and_says_why(engine, add, anonymous):
    add("جامعه ایمن در محله", "تجربه محله‌ای برای پیوستن به برنامه جامعه ایمن")
    add("龙凤园", "居民参与安全社区创建的做法。", language="zh")
    add("Safe Community", "How a district joined the Safe Community network.", language="en")
    add("Unrelated", "طرح نگهداری فضای سبز پارک", language="fa")
    add("Another community", "آموزش جامعه محلی برای کمک‌های اولیه", language="fa")
    engine.reindex()
    outcome = search(anonymous, "جامعه ایمن")
    found = titles(outcome)
    assert found[0] == "جامعه ایمن در محله"  # the same language first
    assert set(found[1:3]) == {"龙凤园", "Safe Community"}
    assert found[3:] == ["Another community"]  # one word of two: below
    chinese = next(hit for hit in outcome.hits if hit.title == "龙凤园")
    [crossing] = chinese.crossings
    assert crossing.said == "جامعه ایمن"
    assert [label.text for label in crossing.labels][0] == "安全社区"
    assert {label.lang for label in crossing.labels} >= {"zh-Hans", "en"}
    assert chinese.highlight == []  # none of its words matched: its summary shows (not its text's opening)
    assert facet(outcome, "topic")["safe-community"] == 3


def test_a_concept_written_with_pinyin_readings_is_found_across_languages(engine, add, anonymous):
    # The Chinese item's only «疏散演练» has readings pasted between its characters, as copied from
    # a page with ruby text; the concept is still the item's, and the Persian query crosses to it.
    add("小学演练", "区里的小学开展疏(shū)散演(yǎn)练，学生三分钟内到达操场。", language="zh")
    add("Unrelated", "公园绿地养护计划。", language="zh")
    engine.reindex()
    outcome = search(anonymous, "مانور تخلیه")
    assert titles(outcome) == ["小学演练"]
    [crossing] = outcome.hits[0].crossings
    assert crossing.said == "مانور تخلیه" and crossing.labels[0].text == "疏散演练"
    assert "evacuation-drill" in outcome.hits[0].concepts  # one of its topics too


def test_a_crossing_says_the_readers_words_as_they_typed_them(engine, add, anonymous):
    add("地震演练", "小学开展地震演练。", language="zh")
    engine.reindex()
    outcome = search(anonymous, "مانور زمین‌لرزه")  # with its ZWNJ
    assert titles(outcome) == ["地震演练"]
    [crossing] = outcome.hits[0].crossings
    assert crossing.said == "مانور زمین‌لرزه"  # not the matching key «مانور زمینلرزه», a misspelling
    assert not outcome.weak  # a concept the whole query names is a strong match, however it is typed


def test_a_persian_query_typed_with_its_plural_apart_matches_as_if_joined(engine, add, anonymous):
    # «تیم های» for «تیم‌های», a ZWNJ typed as a space: «های» is no word a text must also have.
    add("Teams", "آموزش تیم‌های واکنش اضطراری محله در منطقه ۴")
    add("Spaced elsewhere", "گزارش نشست های ماهانه و تیم آتش‌نشانی")  # «های» apart, as a word
    add("English", "Neighbourhood emergency response teams trained in spring.", language="en")
    engine.reindex()
    outcome = search(anonymous, "تیم های واکنش اضطراری محله")
    assert titles(outcome)[0] == "Teams"
    assert ALL_WORDS in outcome.hits[0].matched and not outcome.weak
    assert ALL_WORDS not in next(hit for hit in outcome.hits if hit.title == "Spaced elsewhere").matched
    # «تیم» and «های» are not asked joined, as «تیمهای»: every text with «تیم‌های» already matches «تیم».
    football = add("Football", "قهرمانی تیم‌های فوتبال آتش‌نشانی")
    engine.reindex()
    outcome = search(anonymous, "تیم های واکنش اضطراری محله")
    assert JOINED_WORDS not in next(hit for hit in outcome.hits if hit.title == football.title).matched
    english = next(hit for hit in outcome.hits if hit.title == "English")  # the thesaurus reads it so too
    [crossing] = english.crossings
    assert crossing.said == "تیم های واکنش اضطراری محله"


def test_a_chinese_query_typed_with_a_space_between_its_words_crosses_languages(engine, add, anonymous):
    add("ریزپهنه‌بندی", "گزارش ریزپهنه‌بندی لرزه‌ای شهر کرمان")
    engine.reindex()
    outcome = search(anonymous, "地震 小区划")
    assert titles(outcome) == ["ریزپهنه‌بندی"]
    [crossing] = outcome.hits[0].crossings
    assert crossing.said == "地震 小区划"
    assert not outcome.weak  # the concept names the whole query, space or none


def test_a_master_plan_of_any_kind_is_found_from_the_networks_word_for_it_in_each_language(engine, add, anonymous):
    # The glossary's «طرح جامع» · 总体规划 · master plan: a crisis plan or a city's plan, each named more fully.
    add("طرح جامع مدیریت بحران شهر قزوین", "طرح جامع مدیریت بحران قزوین در نه ماه تدوین شد")
    add("城市总体规划修编", "城市总体规划中的防灾内容", language="zh")
    add("Flood drill", "A flood drill for the river quarter", language="en")
    engine.reindex()
    for query in ("master plan", "总体规划", "طرح جامع"):
        assert set(titles(search(anonymous, query))) == {"طرح جامع مدیریت بحران شهر قزوین", "城市总体规划修编"}, query


def test_an_item_in_another_language_is_found_through_the_concepts_it_names(engine, add, anonymous):
    """An item in none of the thesaurus's languages still names its concepts in one of them (here
    in English, in brackets): a query in any language finds it through them, below the items in
    the query's own language."""
    add("Okul tatbikatı", "Okullarda deprem tatbikatı (earthquake drill) ve tahliye süreleri", language="other")
    add("Public drill", "مانور زلزله در مدارس منطقه ۳")
    add("Flood insurance", "Flood insurance premiums for shops", language="en")
    engine.reindex()
    for query in ("مانور زلزله", "地震演练", "earthquake drill"):
        assert "Okul tatbikatı" in titles(search(anonymous, query)), query
    assert titles(search(anonymous, "مانور زلزله")) == ["Public drill", "Okul tatbikatı"]


def test_a_chosen_document_language_keeps_the_concepts_matches_in_it_and_counts_the_others(
        engine, add, anonymous):
    add("Public drill", "مانور زلزله در مدارس منطقه ۳")
    add("学校演练", "某区小学开展地震演练。", language="zh")
    add("School drill", "An earthquake drill in forty schools.", language="en")
    add("Okul tatbikatı", "Okullarda deprem tatbikatı (earthquake drill)", language="other")
    engine.reindex()
    everything = search(anonymous, "مانور زلزله")
    assert facet(everything, "lang") == {"fa": 1, "zh": 1, "en": 1, "other": 1}
    for chosen, title in (("zh", "学校演练"), ("en", "School drill"), ("other", "Okul tatbikatı")):
        outcome = search(anonymous, "مانور زلزله", lang=chosen)
        assert titles(outcome) == [title], chosen
        # The other languages are still offered, counted as choosing them would give.
        assert facet(outcome, "lang") == facet(everything, "lang"), chosen
    both = search(anonymous, "مانور زلزله", lang=["zh", "en"])
    assert set(titles(both)) == {"学校演练", "School drill"} and both.total == 2
    assert facet(search(anonymous, "مانور زلزله", lang="zh", type="study"), "lang") == {
        "fa": 1, "zh": 1, "en": 1, "other": 1}


def test_concept_expansion_never_shows_a_members_only_item(engine, add, anonymous, people):
    add("Public drill", "مانور زلزله در مدارس منطقه ۳")
    add("Fire drill", "مانور اطفای حریق در بیمارستان")
    add("内部演练", "内部地震演练记录。", language="zh", visibility=MEMBERS)
    add("Internal drill", "Notes of an internal earthquake drill.", language="en", visibility=MEMBERS)
    engine.reindex()
    outcome = search(anonymous, "مانور زلزله")
    assert titles(outcome) == ["Public drill", "Fire drill"]
    assert outcome.total == 2
    assert facet(outcome, "lang") == {"fa": 2}
    assert facet(outcome, "topic").get("earthquake-drill") == 1
    member = search(people["tehran"], "مانور زلزله")
    assert set(titles(member)) == {"Public drill", "Fire drill", "内部演练", "Internal drill"}
    assert facet(member, "topic").get("earthquake-drill") == 3


def test_the_demo_items_are_found_from_persian_and_english(engine, anonymous):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    engine.reindex()
    for query in ("جامعه ایمن", "safe community"):
        assert any(title.startswith("龙凤园安全社区创建") for title in titles(search(anonymous, query))), query
    for query in ("مقابله با کرونا", "covid-19 response"):
        assert "基层应急管理部门在新冠疫情防控中的做法与不足" in titles(search(anonymous, query)), query


def test_translated_summaries_are_found_and_shown_in_the_readers_language(engine, add, anonymous, client):
    from django.utils import translation

    add("城中区防汛物资盘点", "街道仓库的沙袋和抽水泵清单。", language="zh",
        persian_title="موجودی انبارهای سیل منطقه", persian_summary="فهرست کیسه‌شن و پمپ‌های آبکش انبار محله",
        english_summary="Sandbags and pumps in the district's stores.",
        simplified_chinese_title="", simplified_chinese_summary="")
    add("Pumps", "Spare pumps for the metro", language="en",
        simplified_chinese_title="地铁备用水泵", simplified_chinese_summary="地铁站备用抽水泵的数量与存放地点。")
    engine.reindex()
    # A Persian reader finds the Chinese item by words only its Persian summary has.
    with translation.override("fa"):
        outcome = search(anonymous, "کیسه‌شن")
    [hit] = outcome.hits
    assert hit.title == "城中区防汛物资盘点"
    assert (hit.translation.title, hit.translation.lang) == ("موجودی انبارهای سیل منطقه", "fa")
    assert hit.translation.summary.startswith("فهرست کیسه‌شن")
    # An English reader gets the English summary; a Traditional Chinese reader of the English item
    # gets the Simplified translation in Traditional characters.
    sandbags = search(anonymous, "sandbags").hits[0]
    assert sandbags.translation.summary.startswith("Sandbags and pumps")
    assert "<mark>Sandbags</mark> and pumps" in sandbags.translation.marked  # the words marked in it
    assert not any("pumps" in fragment for fragment in sandbags.highlight)  # shown once, not again as a snippet
    with translation.override("zh-hant"):
        pumps = search(anonymous, "抽水泵")
    english = next(hit for hit in pumps.hits if hit.title == "Pumps")
    assert (english.translation.title, english.translation.lang) == ("地鐵備用水泵", "zh-Hant")
    # Nobody gets a "translation" into the language the item is written in.
    with translation.override("zh-hans"):
        chinese = next(hit for hit in search(anonymous, "抽水泵").hits if hit.title == "城中区防汛物资盘点")
    assert chinese.translation is None
    # The page: the reader's title links to the item, the original title below it, each marked.
    html = client.get("/fa/search/", {"q": "کیسه‌شن"}).content.decode()
    assert re.search(r'<a href="/fa/knowledge/[^"]+" lang="fa" dir="rtl">موجودی انبارهای سیل منطقه</a>', html)
    assert re.search(r'<p class="original-title" dir="auto" lang="zh">城中区防汛物资盘点</p>', html)
    assert re.search(r'<p class="snippet translated" lang="fa" dir="rtl">فهرست کیسه‌شن', html)


def test_a_meeting_summary_in_two_languages_shows_each_reader_their_paragraph(engine, site_tree, anonymous, client):
    add_meeting(site_tree["meetings"], 10, title="دهمین نشست مدیران بحران (شیراز)",
                summary="<p>مدیران بحران در شیراز درباره انبارهای امدادی گفتگو کردند.</p>"
                        "<p>Crisis managers met in Shiraz to talk about relief stores.</p>")
    engine.reindex()
    with translation.override("en"):
        [hit] = search(anonymous, "Shiraz relief stores").hits
    assert hit.summary == "مدیران بحران در شیراز درباره انبارهای امدادی گفتگو کردند."
    assert hit.translation.summary == "Crisis managers met in Shiraz to talk about relief stores."
    assert "<mark>relief</mark> <mark>stores</mark>" in hit.translation.marked
    with translation.override("fa"):
        [hit] = search(anonymous, "انبارهای امدادی").hits
    assert hit.translation is None and "Shiraz" not in " ".join(hit.highlight)
    # The English page: the English paragraph on its own, left to right; the Persian one right to left.
    html = client.get("/en/search/", {"q": "Shiraz"}).content.decode()
    english = r'<p class="snippet translated" lang="en" dir="ltr">Crisis managers met in <mark>Shiraz</mark>'
    assert re.search(english, html)
    assert re.search(r'<p class="snippet" dir="auto" lang="fa">مدیران بحران در شیراز', html)


def test_a_search_that_finds_nothing_offers_the_topics_its_concepts_belong_to(engine, add, anonymous, people):
    # Nothing on earthquake drills: 防震演習 shares no word with these, but names a kind of exercise
    # about earthquakes.
    add("Quake study", "An earthquake risk study of the old town.", language="en")
    add("مطالعه", "مطالعه خطر زلزله در بافت فرسوده", language="fa")
    add("Internal", "Notes of the annual staff exercise.", language="en", visibility=MEMBERS)
    engine.reindex()
    outcome = search(anonymous, "防震演習")
    assert outcome.total == 0
    assert [slug for slug, _label in outcome.related_topics] == ["earthquake"]  # not the members' exercise
    assert [slug for slug, _label in search(people["tehran"], "防震演習").related_topics] == ["earthquake", "exercise"]
    # The reader's language, and each found from the page's link to it.
    with translation.override("zh-hant"):
        [(_slug, label)] = search(anonymous, "防震演習").related_topics
    assert (label.text, label.lang) == ("地震", "zh-Hant")
    assert search(anonymous, label.text).total == 2


def test_a_broadest_concept_crosses_languages_only_when_the_query_names_nothing_narrower(engine, add, anonymous):
    add("Handbook", "A handbook of crisis management for city offices.", language="en")
    add("Drill", "An earthquake drill in the schools of the city.", language="en")
    engine.reindex()
    # «مدیریت بحران» alone: the broadest concept still finds what is written in other languages.
    assert "Handbook" in titles(search(anonymous, "مدیریت بحران"))
    # With an earthquake named, the broadest would find nearly everything: only the earthquake crosses.
    assert titles(search(anonymous, "مدیریت بحران زلزله")) == ["Drill"]

"""A knowledge item's title and summary in the reader's language: written by the submitter or the
secretariat, shown first, with the original below it, named and marked with its language."""

import pytest
from django.urls import reverse
from django.utils import translation

from knowledge.factories import add_item
from knowledge.models import KnowledgeItem
from knowledge.tests.conftest import in_english
from resolutions.factories import ResolutionFactory, add_meeting

TITLE = "مطالعه خطر سیل اصفهان"
SUMMARY = "پهنه‌های سیل‌گیر کناره رودخانه و ساختمان‌های آسیب‌پذیر بررسی شده است."


def url_in(language, page):
    with translation.override(language):
        return page.get_url()


@pytest.fixture
def item(site_tree, orgs):
    return add_item(site_tree["knowledge"], orgs["isfahan"], title=TITLE, summary=SUMMARY, language="fa",
                    english_title="Flood risk in Isfahan",
                    english_summary="The flood-prone banks of the river and the buildings most at risk.",
                    simplified_chinese_summary="研究了河岸易受洪水影响的地带和最脆弱的建筑。")


def test_text_in_gives_title_and_summary_in_the_readers_language(item):
    english = item.text_in("en")
    assert (english.title, english.summary, english.language, english.is_translation) == (
        "Flood risk in Isfahan", item.english_summary, "en", True)
    # A translation without a title of its own keeps the original title, marked as such.
    chinese = item.text_in("zh-hans")
    assert (chinese.title, chinese.title_language, chinese.language) == (TITLE, "fa", "zh-Hans")
    assert item.text_in("zh-hant").summary == "研究了河岸易受洪水影響的地帶和最脆弱的建築。"
    persian = item.text_in("fa")
    assert (persian.title, persian.summary, persian.is_translation) == (TITLE, SUMMARY, False)
    item.english_summary = ""
    assert item.text_in("en").summary == SUMMARY and not item.text_in("en").is_translation


def test_summaries_and_missing_languages(item):
    assert item.summaries() == {
        "en": ("Flood risk in Isfahan", item.english_summary),
        "zh-hans": ("", "研究了河岸易受洪水影响的地带和最脆弱的建筑。"),
    }
    assert item.missing_languages() == []
    item.simplified_chinese_summary = ""
    assert item.missing_languages() == ["zh-hans", "zh-hant"]


def test_the_item_page_shows_the_readers_summary_first_and_the_original_marked(client, item):
    html = client.get(url_in("en", item)).content.decode()
    assert '<h1 lang="en" dir="ltr">Flood risk in Isfahan</h1>' in html
    assert html.index(item.english_summary) < html.index("Original, in Persian:") < html.index(SUMMARY)
    assert '<div lang="fa" dir="rtl" class="item-text">' in html
    persian = client.get(url_in("fa", item)).content.decode()
    assert SUMMARY in persian and item.english_summary not in persian and "متن اصلی" not in persian


def test_listing_cards_show_the_readers_summary_first(client, item, site_tree):
    html = client.get(url_in("zh-hans", site_tree["knowledge"])).content.decode()
    assert html.index("研究了河岸易受洪水影响的地带和最脆弱的建筑。") < html.index("原文（波斯语）：")
    assert f'<h3 lang="fa" dir="rtl"><a href="{url_in("zh-hans", item)}">{TITLE}</a></h3>' in html


def test_the_organisation_page_shows_the_readers_summary(client, site_tree, orgs, item):
    meeting = add_meeting(site_tree["meetings"], 9)
    ResolutionFactory(meeting=meeting, number=2, owners=[orgs["isfahan"]], text="هر شهر مطالعه بفرستد.",
                      language="fa", english_summary="Each city sends its studies.")
    html = client.get("/en/organisations/isfahan/").content.decode()
    assert html.index("Each city sends its studies.") < html.index("هر شهر مطالعه بفرستد.")
    assert html.index(item.english_summary) < html.index(SUMMARY)


def test_the_share_form_takes_summaries_in_other_languages(client, site_tree, people, share_form_data):
    client.force_login(people["isfahan"])
    response = client.post("/fa/knowledge/share/", share_form_data(
        english_title="Flood risk study", english_summary="Where the river floods and what is at risk.",
        simplified_chinese_title="洪水风险研究", simplified_chinese_summary="河流泛滥的地带及受威胁的建筑。"))
    assert response.status_code == 302
    item = KnowledgeItem.objects.get(owner=people["isfahan"]).specific
    assert item.summaries() == {"en": ("Flood risk study", "Where the river floods and what is at risk."),
                                "zh-hans": ("洪水风险研究", "河流泛滥的地带及受威胁的建筑。")}
    assert item.get_latest_revision_as_object().english_title == "Flood risk study"  # kept in the revision
    # Editing the draft again shows what was written, each box marked with its language.
    html = client.get(reverse("knowledge:submission", args=[item.pk])).content.decode()
    assert 'lang="en" dir="ltr"' in html and "Where the river floods and what is at risk." in html
    assert 'name="simplified_chinese_summary"' in html and 'lang="zh-Hans"' in html


def test_the_submitter_is_told_which_languages_are_missing(client, site_tree, people, share_form_data):
    client.force_login(people["isfahan"])
    client.post("/en/knowledge/share/", share_form_data(english_summary="In English."))
    item = KnowledgeItem.objects.get(owner=people["isfahan"]).specific
    html = client.get(f"/en/knowledge/mine/{item.pk}/").content.decode()
    assert "Still without a title and summary in: Simplified Chinese, Traditional Chinese." in html


def test_the_review_asks_for_the_missing_summaries(client, site_tree, people, share_form_data):
    client.force_login(people["isfahan"])
    client.post("/en/knowledge/share/", share_form_data(action="submit", english_summary="In English."))
    item = KnowledgeItem.objects.get(owner=people["isfahan"]).specific
    assert item.current_workflow_state is not None
    client.force_login(in_english(people["secretariat"]))
    edit = reverse("wagtailadmin_pages:edit", args=[item.pk])
    html = client.get(edit).content.decode()
    assert "Readers of these languages get the original for want of a translation: Simplified Chinese," in html
    for name in ("english_title", "simplified_chinese_title", "simplified_chinese_summary",
                 "traditional_chinese_summary"):
        assert f'name="{name}"' in html  # the reviewer fills them in right there
    # Once the reviewer has written them, nothing is asked any more.
    item.simplified_chinese_summary = "河流泛滥的地带。"
    item.save_revision(user=people["secretariat"])
    html = client.get(edit).content.decode()
    assert "Every interface language has its translation." in html


def test_needs_translation_lists_what_each_language_lacks(client, site_tree, orgs, people, item):
    meeting = add_meeting(site_tree["meetings"], 9)
    untranslated = ResolutionFactory(meeting=meeting, number=1, text="یک مصوبه بی‌ترجمه", language="fa")
    translated = ResolutionFactory(meeting=meeting, number=2, text="مصوبه‌ای ترجمه‌شده", language="fa",
                                   english_summary="A translated resolution", simplified_chinese_summary="已翻译的决议")
    chinese = add_item(site_tree["knowledge"], orgs["tehran"], title="洪水演练", summary="社区洪水演练。",
                       language="zh")
    draft = add_item(site_tree["knowledge"], orgs["tehran"], title="Draft only", publish=False)
    url = reverse("knowledge_needs_translation")
    client.force_login(people["isfahan"])
    refused = client.get(url)  # the admin sends a city manager back to its dashboard
    assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
    client.force_login(in_english(people["secretariat"]))
    response = client.get(url)
    assert response.status_code == 200
    by_language = {missing.language: missing for missing in response.context["languages"]}
    assert [row for row, _ in by_language["en"].resolutions] == [untranslated]
    assert {page.pk for page, _ in by_language["en"].items} == {chinese.pk}  # not the draft
    assert {page.pk for page, _ in by_language["fa"].items} == {chinese.pk}
    assert [row for row, _ in by_language["fa"].resolutions] == []  # written in Persian
    assert {page.pk for page, _ in by_language["zh-hant"].items} == set()  # Simplified serves it; zh is Chinese
    assert translated not in [row for row, _ in by_language["zh-hans"].resolutions]
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[chinese.pk]) in html
    assert reverse("wagtailsnippets_resolutions_resolution:edit", args=[untranslated.pk]) in html
    assert draft.title not in html
    assert "Needs translation" in client.get(reverse("wagtailadmin_home")).content.decode()

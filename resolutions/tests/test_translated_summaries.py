"""A resolution's text in the reader's language: translations written by people, the original below."""

import pytest
from django.urls import reverse
from django.utils import translation

from resolutions.factories import ResolutionFactory, add_meeting

TEXT = "هر کلان‌شهر برنامه آموزش همگانی خود را برای دبیرخانه بفرستد."
ENGLISH = "Every metropolis sends its public-education programme to the secretariat."
CHINESE = "每个特大城市把公众教育计划发给秘书处。"


def url_in(language, page_or_resolution):
    with translation.override(language):
        return page_or_resolution.get_url()


@pytest.fixture
def resolution(site_tree):
    meeting = add_meeting(site_tree["meetings"], 9)
    return ResolutionFactory(meeting=meeting, number=4, text=TEXT, language="fa",
                             english_summary=ENGLISH, simplified_chinese_summary=CHINESE)


def test_text_in_gives_the_readers_translation(resolution):
    english = resolution.text_in("en")
    assert (english.text, english.language, english.is_translation) == (resolution.english_summary, "en", True)
    assert english.original_language == "fa"
    chinese = resolution.text_in("zh-hans")
    assert (chinese.text, chinese.language, chinese.is_translation) == (CHINESE, "zh-Hans", True)


def test_text_in_falls_back_to_the_original(resolution):
    persian = resolution.text_in("fa")
    assert (persian.text, persian.language, persian.is_translation) == (TEXT, "fa", False)
    resolution.english_summary = ""
    english = resolution.text_in("en")
    assert (english.text, english.language, english.is_translation) == (TEXT, "fa", False)
    # A "translation" into the original's own language is never preferred to the original.
    resolution.persian_summary = "خلاصه‌ای دیگر"
    assert resolution.text_in("fa").text == TEXT


def test_traditional_readers_get_the_simplified_summary_converted_unless_they_have_their_own(resolution):
    converted = resolution.text_in("zh-hant")
    assert (converted.text, converted.language, converted.is_translation) == (
        "每個特大城市把公眾教育計劃發給秘書處。", "zh-Hant", True)
    resolution.traditional_chinese_summary = "各都會把公眾教育計畫交給秘書處。"
    assert resolution.text_in("zh-hant").text == "各都會把公眾教育計畫交給秘書處。"


def test_text_in_reads_the_current_language(resolution):
    with translation.override("zh-hans"):
        assert resolution.text_in().language == "zh-Hans"
    with translation.override("fa"):
        assert resolution.text_in().text == TEXT


def test_summaries_lists_the_translations_written(resolution):
    resolution.persian_summary = "نادیده: زبان خود متن"
    assert resolution.summaries() == {
        "en": ("", resolution.english_summary),
        "zh-hans": ("", "每个特大城市把公众教育计划发给秘书处。"),
    }
    assert resolution.missing_languages() == []  # zh-hant is served by the Simplified summary
    resolution.simplified_chinese_summary = ""
    assert resolution.missing_languages() == ["zh-hans", "zh-hant"]


def test_the_page_shows_the_readers_summary_first_and_the_original_marked(client, resolution):
    html = client.get(url_in("en", resolution)).content.decode()
    summary, label = html.index(resolution.english_summary), html.index("Original, in Persian:")
    original = html.index(TEXT)
    assert summary < label < original
    assert f'<p lang="fa" dir="rtl">{TEXT}</p>' in html
    persian = client.get(url_in("fa", resolution)).content.decode()
    assert TEXT in persian and "متن اصلی" not in persian and resolution.english_summary not in persian


def test_the_meeting_page_lists_the_readers_summary(client, resolution):
    html = client.get(url_in("zh-hans", resolution.meeting)).content.decode()
    assert html.index(CHINESE) < html.index("原文")
    assert 'lang="fa" dir="rtl">هر کلان‌شهر' in html


def test_translations_are_kept_in_the_history_and_copied_when_carried_over(resolution, site_tree):
    resolution.persian_summary = ""
    resolution.english_summary = "Each city sends its training programme."
    resolution.save()
    assert resolution.history.first().english_summary == "Each city sends its training programme."
    successor = resolution.carry_over_to(add_meeting(site_tree["meetings"], 10, slug="tenth"), 1)
    assert successor.summaries() == resolution.summaries()


def test_the_admin_edits_the_languages_side_by_side(client, resolution, people):
    client.force_login(people["secretariat"])
    url = reverse("wagtailsnippets_resolutions_resolution:edit", args=[resolution.pk])
    html = client.get(url).content.decode()
    for name in ("persian_summary", "english_summary", "simplified_chinese_summary", "traditional_chinese_summary"):
        assert f'name="{name}"' in html
    assert "Summary in each interface language" in html or "خلاصه" in html

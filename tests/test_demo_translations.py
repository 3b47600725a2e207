"""The demo carries a summary in Persian, English and Simplified Chinese for every resolution and item,
and its reading lists speak each reader's language."""

import io

from django.core.management import call_command
from django.test import Client

from knowledge.models import KnowledgeItem, ReadingList, ReadingListEntry
from resolutions.models import Resolution

WRITTEN = {"fa", "en", "zh-hans"}


def test_the_demo_is_translated_into_every_language(db):
    call_command("load_demo", stdout=io.StringIO())
    resolutions = list(Resolution.objects.all())
    items = [item.specific for item in KnowledgeItem.objects.all()]
    assert resolutions and items
    for translated in resolutions + items:
        assert translated.missing_languages() == [], translated
        expected = {language for language in WRITTEN if language[:2] != translated.language[:2]}
        assert set(translated.summaries()) == expected, translated
    for item in items:
        assert all(title for title, _summary in item.summaries().values()), item  # titles too
    for reading_list in ReadingList.objects.all():
        assert reading_list.persian_title and reading_list.simplified_chinese_title
        assert reading_list.persian_introduction and reading_list.simplified_chinese_introduction
    for entry in ReadingListEntry.objects.all():
        assert entry.persian_note and entry.simplified_chinese_note

    start = Client().get("/fa/start/?city=qazvin").content.decode()
    assert "A complete plan finished in nine months." not in start and "طرحی کامل که در نُه ماه آماده شد." in start
    chinese = Client().get("/zh-hant/start/?city=qazvin").content.decode()
    assert "九個月完成的一份完整規劃。" in chinese  # the Simplified note in Traditional characters

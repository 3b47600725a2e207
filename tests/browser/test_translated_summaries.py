"""A resolution and a knowledge item as readers of each language see them: their summary first, the
original below with its language named, nothing wider than a phone. Screenshots for people to look at
go to var/screenshots/translated-<page>-<language>-<width>.png."""

from pathlib import Path

import pytest
from django.utils import translation

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"
# "Original, in <language>:" as each interface writes it.
ORIGINAL_LABEL = {"fa": "متن اصلی، به {}:", "en": "Original, in {}:", "zh-hans": "原文（{}）："}


@pytest.mark.parametrize("language", ["fa", "en", "zh-hans"])
def test_summaries_in_the_readers_language_on_screen(demo, new_page, language):
    from knowledge.models import KnowledgeItem
    from resolutions.models import Resolution

    resolution = Resolution.objects.get(meeting__number=9, number=2)
    study = KnowledgeItem.objects.get(slug="qazvin-crisis-management-master-plan").specific
    report = KnowledgeItem.objects.get(slug="chengzhong-covid-19-grassroots-lessons").specific
    pages = {
        "resolution": (f"/{language}{demo['ninth_meeting_path']}resolutions/2/", resolution),
        "item": (f"/{language}/knowledge/qazvin-crisis-management-master-plan/", study),
        "chinese-item": (f"/{language}/knowledge/chengzhong-covid-19-grassroots-lessons/", report),
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        page = new_page(width=width)
        for name, (path, translated) in pages.items():
            page.goto(path)
            words = translated.text_in(language)
            body = page.locator("main").inner_text()
            first_line = " ".join(words.summary.split()[:4])
            assert first_line in body, (name, language)
            if words.is_translation:
                with translation.override(language):
                    label = ORIGINAL_LABEL[language].format(words.original_language_name)
                assert body.index(first_line) < body.index(label), (name, language)
                original = page.locator(f'main .original-text [lang="{translated.language}"], '
                                        f'main .original-item [lang="{translated.language}"]').first
                assert original.is_visible()
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} is wider than {width} px by {overflow} px"
            page.screenshot(path=str(SHOTS / f"translated-{name}-{language}-{width}.png"), full_page=True)
        assert not page.errors

"""axe-core on the main pages in Persian and English, headings, phone widths; screenshots for people.

The run leaves screenshots/<page>-<language>-<desktop|phone>.png and screenshots/axe-<language>.json
(every finding, including the moderate and minor ones that do not fail the run).
"""

import pytest

pytestmark = pytest.mark.browser

# Pages this team builds in portal/ (their heading structure is checked here too).
OWN_PAGES = {"home", "organisations", "organisation"}

HEADINGS = """() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
    .filter(h => h.offsetParent !== null || getComputedStyle(h).position === 'fixed')
    .map(h => +h.tagName[1]);
  const skips = [];
  levels.forEach((level, i) => { if (i && level > levels[i - 1] + 1) skips.push([levels[i - 1], level]); });
  return {h1: levels.filter(l => l === 1).length, skips};
}"""


def main_pages(demo):
    return {
        "home": "/",
        "meetings": "/meetings/",
        "meeting": demo["ninth_meeting_path"],
        "resolution": demo["resolution_path"],
        "knowledge": "/knowledge/",
        "study": demo["study_path"],
        "organisations": "/organisations/",
        "organisation": "/organisations/isfahan/",
    }


def check_language(new_page, demo, axe, screenshot, record, language, locale):
    page = new_page(locale=locale)
    serious, findings, headings = [], {}, {}
    for name, path in main_pages(demo).items():
        response = page.goto(f"/{language}{path}")
        assert response.status == 200, f"/{language}{path} answered {response.status}"
        screenshot(page, f"{name}-{language}-desktop")
        violations = axe.violations(page, impacts=None)
        findings[name] = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]]}
            for v in violations
        ]
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            serious.append(f"/{language}{path}:\n{axe.describe(bad)}")
        headings[name] = page.evaluate(HEADINGS)
    record(f"axe-{language}", {"findings": findings, "headings": headings})
    assert not serious, "serious or critical accessibility problems:\n" + "\n".join(serious)
    for name in OWN_PAGES:
        assert headings[name]["h1"] == 1, f"{name}: {headings[name]['h1']} h1 elements"
        assert not headings[name]["skips"], f"{name}: heading levels skipped {headings[name]['skips']}"


@pytest.mark.parametrize(("language", "locale"), [("fa", "fa-IR"), ("en", "en-GB")])
def test_main_pages_have_no_serious_accessibility_problems(new_page, demo, axe, screenshot, record, language,
                                                          locale):
    check_language(new_page, demo, axe, screenshot, record, language, locale)


@pytest.mark.parametrize("language", ["fa", "en", "zh-hans"])
def test_pages_fit_a_phone_without_sideways_scrolling(new_page, demo, screenshot, language):
    page = new_page(locale={"fa": "fa-IR", "en": "en-GB", "zh-hans": "zh-CN"}[language], width=360)
    too_wide = []
    for name, path in main_pages(demo).items():
        page.goto(f"/{language}{path}")
        screenshot(page, f"{name}-{language}-phone")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"/{language}{path}: {width}px")
    assert not too_wide, "pages wider than a 360px phone:\n" + "\n".join(too_wide)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, demo):
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links_and_buttons(page, demo):
    page.goto("/en/")
    page.locator(".site-search button").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focused button shows no outline"


def test_home_page_css_and_js_stay_light(page, demo):
    sizes = {}

    def note(response):
        kind = response.request.resource_type
        if kind in ("stylesheet", "script"):
            sizes[response.url] = len(response.body())

    page.on("response", note)
    page.goto("/fa/", wait_until="networkidle")
    total = sum(sizes.values())
    assert total < 100 * 1024, f"home page CSS and JS weigh {total} bytes: {sizes}"
    origin = page.url.split("/fa/")[0]
    assert all(url.startswith(origin) for url in sizes), f"assets from elsewhere: {list(sizes)}"


@pytest.mark.parametrize("which", ["ninth_meeting_path", "resolution_path"])
def test_print_styles_hide_navigation_and_keep_status_words(page, demo, screenshot, which):
    page.goto(f"/fa{demo[which]}")
    page.emulate_media(media="print")
    assert not page.locator(".site-search").is_visible()
    assert not page.locator(".main-nav").is_visible()
    assert page.locator("main .status").first.is_visible()
    screenshot(page, f"{which.removesuffix('_path')}-fa-print")

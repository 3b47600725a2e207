"""The main pages in every interface language on a desktop and a phone, in a real Chromium.

Leaves screenshots/screen-<page>-<language>-<width>.png for people to look at, and checks what
only a browser can tell: on a phone the header leaves the first screen to the content, its menu
opens without any script, no page scrolls sideways and no status pill breaks over two lines.
"""

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = {"fa": "fa-IR", "zh-hans": "zh-CN", "zh-hant": "zh-TW", "en": "en-GB"}
WIDTHS = (1366, 390)
PHONE_HEADER_MAX = 80  # px: the name and the menu button on one line

PILLS_ON_ONE_LINE = """() => [...document.querySelectorAll('.status')]
  .filter(pill => pill.getClientRects().length > 1 || pill.getBoundingClientRect().height >
                  2 * parseFloat(getComputedStyle(pill).fontSize) + 4)
  .map(pill => pill.textContent.trim())"""


def pages(demo):
    return {
        "home": "/",
        "meeting": demo["ninth_meeting_path"],
        "resolution": demo["resolution_path"],
        "knowledge": "/knowledge/",
        "item": demo["study_path"],
        "search": "/search/?q=%D8%B2%D9%84%D8%B2%D9%84%D9%87",  # «زلزله»
    }


def test_main_pages_in_every_language_on_desktop_and_phone(new_page, demo, search_engine, screenshot):
    problems = []
    for language, locale in LANGUAGES.items():
        for width in WIDTHS:
            page = new_page(locale=locale, width=width)
            for name, path in pages(demo).items():
                url = f"/{language}{path}"
                response = page.goto(url)
                assert response.status == 200, f"{url} answered {response.status}"
                screenshot(page, f"screen-{name}-{language}-{width}")
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    problems.append(f"{url} at {width}px scrolls sideways")
                if broken := page.evaluate(PILLS_ON_ONE_LINE):
                    problems.append(f"{url} at {width}px: status pills over two lines: {broken}")
                if width < 600:
                    header = page.locator(".site-header").bounding_box()["height"]
                    if header > PHONE_HEADER_MAX:
                        problems.append(f"{url} at {width}px: the header is {header:.0f}px tall")
            assert not page.errors, page.errors
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_phone_menu_opens_without_script(new_page, demo, language):
    page = new_page(locale=LANGUAGES[language], width=390)
    page.route("**/*.js", lambda route: route.abort())
    page.goto(f"/{language}/")
    nav = page.locator(".main-nav")
    assert not nav.is_visible()
    page.locator(".site-menu > summary").click()
    assert nav.is_visible()
    nav.locator("a").first.click()
    page.wait_for_url(f"**/{language}/meetings/")


def test_the_desktop_header_needs_no_menu_button(page, demo):
    page.goto("/en/")
    assert not page.locator(".site-menu > summary").is_visible()
    assert page.locator(".main-nav").is_visible() and page.locator(".site-search").is_visible()


YEAR_LEFT_OF_DAY = """(element) => {
  const text = [...element.childNodes].find(node => node.nodeType === 3 && node.textContent.includes('۲۰۱۹'));
  const at = (index) => { const range = document.createRange(); range.setStart(text, index);
                          range.setEnd(text, index + 1); return range.getBoundingClientRect().x; };
  const year = text.textContent.indexOf('۲۰۱۹'), day = text.textContent.indexOf('۱۷', year);
  return at(year) < at(day + 1);
}"""


def test_persian_errors_and_date_hints_keep_their_order(new_page, demo, login, tmp_path, screenshot):
    """«setup.pdf» in a Persian error, and the example ۲۰۱۹-۰۹-۱۷ in a Persian hint, read as typed."""
    page = new_page(locale="fa-IR", width=390)
    login(page, "isfahan", demo["users"]["isfahan"])
    page.goto("/fa/knowledge/share/")
    page.fill("#id_title", "آزمون")
    page.fill("#id_summary", "خلاصه")
    damaged = tmp_path / "setup.pdf"
    damaged.write_bytes(b"not a pdf at all")
    page.set_input_files("input[type=file]", str(damaged))
    page.fill("#id_event_date", "13x")
    with page.expect_navigation():
        page.locator("button[value=save]").click()
    error = page.locator(".field-documents .errorlist li").first
    assert "setup.pdf" in error.inner_text()
    assert error.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # The sentence starts at the right, with the quoted name: the name is right of the first verb.
    assert error.evaluate("""el => { const t = el.firstChild, s = t.textContent, r = document.createRange();
        const x = (i) => { r.setStart(t, i); r.setEnd(t, i + 1); return r.getBoundingClientRect().x; };
        return x(s.indexOf('setup')) > x(s.indexOf('را')); }""")
    hint = page.locator(".field-event_date .help")
    assert hint.evaluate(YEAR_LEFT_OF_DAY), "the Gregorian example reads backwards"
    assert page.locator(".field-event_date .errorlist li").first.evaluate(YEAR_LEFT_OF_DAY)
    screenshot(page, "screen-share-errors-fa-390")

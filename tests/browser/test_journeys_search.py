"""The public searches the demo network and narrows the results with facets, against the real engine.

The `search_engine` fixture indexes the demo network in the running Elasticsearch node; nothing is
mocked. The journeys read the numbers the page shows (a facet's count, the results heading) and
check that clicking a facet gives exactly that many results, so they hold whatever the ranking.
"""

import re

import pytest

from portal.textnorm import to_latin_digits

pytestmark = pytest.mark.browser


def number_in(text):
    """The first number in a text the page shows, in Persian or Latin digits."""
    found = re.search(r"\d+", to_latin_digits(text))
    assert found, f"no number in {text!r}"
    return int(found.group())


def total(page):
    return number_in(page.locator("#results-heading").inner_text())


def hits(page):
    return page.locator("ol.results-list li.search-hit")


def facet(page, name, label):
    """A facet value as a reader sees it: a checkbox named by its label (and count)."""
    group = page.locator(f"section.facet[aria-labelledby='facet-{name}']")
    return group.get_by_role("checkbox", name=re.compile(rf"^\s*{re.escape(label)}\s"))


def count_of(value):
    return number_in(value.locator(".facet-count").inner_text())


def click_and_wait(page, link):
    with page.expect_navigation():
        link.click()


def search_from_the_box(page, words):
    box = page.locator("#search-q")
    box.fill(words)
    with page.expect_navigation():
        page.locator("form.search-form button[type=submit]").click()


def test_public_searches_in_english_and_narrows_with_two_facets_then_opens_a_result(page, search_engine,
                                                                                     screenshot):
    page.goto("/en/search/")
    search_from_the_box(page, "plan")
    assert re.search(r"/en/search/\?q=plan$", page.url), page.url
    assert page.locator(".search-notice").count() == 0, "the page fell back to database search"
    everything = total(page)
    assert everything >= 3 and hits(page).count() == min(everything, 10)
    # Highlighted snippets: the matched words are marked in what the reader sees.
    marks = page.locator("ol.results-list .snippet mark")
    assert marks.count() >= 2
    assert all(re.match(r"plan", text, re.IGNORECASE) for text in marks.all_inner_texts())

    study = facet(page, "type", "Study")
    studies = count_of(study)
    assert 0 < studies < everything
    click_and_wait(page, study)
    assert "type=study" in page.url
    assert total(page) == studies == hits(page).count()
    assert set(hits(page).locator(".kind").all_inner_texts()) == {"Study"}
    assert facet(page, "type", "Study").get_attribute("aria-checked") == "true"
    assert page.get_by_role("link", name="Clear all filters").is_visible()

    isfahan = facet(page, "organisation", "Isfahan Municipality Crisis Management")
    isfahan_studies = count_of(isfahan)
    assert 0 < isfahan_studies < studies
    click_and_wait(page, isfahan)
    assert total(page) == isfahan_studies
    assert facet(page, "type", "Study").get_attribute("aria-checked") == "true"
    assert facet(page, "organisation", "Isfahan Municipality Crisis Management").get_attribute(
        "aria-checked") == "true"
    for meta in hits(page).locator(".meta").all_inner_texts():
        assert "Isfahan Municipality Crisis Management" in meta
    screenshot(page, "search-en-plan-study-isfahan")

    # Each kind's count leaves the kind filter out, so together they are what Isfahan has about plans;
    # taking "Study" away again widens the results to exactly that.
    kind_values = page.locator("section.facet[aria-labelledby='facet-type'] a.facet-value")
    isfahan_everything = sum(count_of(kind_values.nth(i)) for i in range(kind_values.count()))
    click_and_wait(page, facet(page, "type", "Study"))
    assert "type=study" not in page.url and "organisation=isfahan" in page.url
    assert facet(page, "type", "Study").get_attribute("aria-checked") == "false"
    assert total(page) == isfahan_everything > isfahan_studies
    kinds = set(hits(page).locator(".kind").all_inner_texts())
    assert "Study" in kinds and len(kinds) > 1, kinds
    # A Persian original title (below its English translation) still reads right to left.
    persian_title = hits(page).locator(".original-title[lang=fa]").first
    assert persian_title.evaluate("el => getComputedStyle(el).direction") == "rtl"
    screenshot(page, "search-en-plan-isfahan")

    # The reader opens the study.
    link = hits(page).filter(has=page.locator(".kind", has_text="Study")).locator("h3 a").first
    title = link.inner_text()
    click_and_wait(page, link)
    assert re.search(r"/en/knowledge/[^/]+/$", page.url), page.url
    assert page.locator("h1").inner_text() == title
    assert not page.errors


def test_public_searches_in_persian_right_to_left_and_narrows_by_hazard(new_page, search_engine, screenshot):
    page = new_page(locale="fa-IR")
    page.goto("/fa/search/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    search_from_the_box(page, "طرح جامع")  # "master plan"
    assert page.locator(".search-notice").count() == 0, "the page fell back to database search"
    everything = total(page)
    assert everything >= 2
    snippet = page.locator("ol.results-list .snippet").filter(has=page.locator("mark")).first
    assert snippet.locator("mark").first.inner_text() in {"طرح", "جامع", "طرح جامع"}
    assert "طرح جامع" in page.locator("ol.results-list .snippet mark").all_inner_texts()  # the two words as one
    assert snippet.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator(".search-layout").evaluate("el => getComputedStyle(el).direction") == "rtl"
    # The facets sit on the right of a right-to-left page, the results on the left.
    facets_box = page.locator("aside.search-facets").bounding_box()
    results_box = page.locator("section.search-results").bounding_box()
    assert facets_box["x"] > results_box["x"]
    # What the results speak of, in Persian (the thesaurus came back with the database's rows).
    assert facet(page, "topic", "برنامه جامع مدیریت بحران").count() == 1
    screenshot(page, "search-fa-master-plan")

    flood = facet(page, "hazard", "سیل")
    floods = count_of(flood)
    assert 0 < floods < everything
    click_and_wait(page, flood)
    assert total(page) == floods == hits(page).count()
    assert facet(page, "hazard", "سیل").get_attribute("aria-checked") == "true"
    screenshot(page, "search-fa-master-plan-flood")
    link = hits(page).locator("h3 a").first
    title = link.inner_text()
    click_and_wait(page, link)
    assert page.url.startswith(f"{page.url.split('/fa/')[0]}/fa/")
    assert page.locator("h1").inner_text() == title
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert not page.errors


def in_view(page, locator):
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_on_a_phone_a_reader_goes_from_the_results_to_the_facets_and_narrows(new_page, search_engine, screenshot,
                                                                             axe):
    page = new_page(locale="fa-IR", width=360)
    page.goto("/fa/search/")
    search_from_the_box(page, "طرح جامع")  # "master plan"
    everything = total(page)
    # The results come first; the facets are below them, out of sight.
    facets = page.locator("aside.search-facets")
    assert facets.bounding_box()["y"] > page.locator("ol.results-list").bounding_box()["y"]
    assert not in_view(page, facets)
    refine = page.get_by_role("link", name="پالایش نتیجه‌ها")  # "Refine the results"
    assert refine.is_visible()
    refine.click()
    heading = page.locator("#refine-heading")
    page.wait_for_function("location.hash === '#refine-heading'")
    assert heading.bounding_box()["width"] > 100 and in_view(page, heading)  # shown on a phone
    screenshot(page, "search-fa-phone-refine")
    axe.check(page)
    flood = facet(page, "hazard", "سیل")
    floods = count_of(flood)
    click_and_wait(page, flood)
    assert total(page) == floods < everything
    assert page.get_by_role("link", name="پالایش نتیجه‌ها").is_visible()  # a choice made: still there to undo
    assert not page.errors


def test_on_a_wide_screen_the_facets_are_beside_the_results_without_a_link_to_them(page, search_engine):
    page.goto("/en/search/?q=master+plan")
    assert total(page) >= 1
    assert page.locator("a.refine-link").count() == 1
    assert not page.locator("a.refine-link").is_visible()
    heading = page.locator("#refine-heading").bounding_box()
    assert heading["width"] <= 1 and heading["height"] <= 1  # named for screen readers only


def test_a_search_that_finds_nothing_offers_no_facets_to_refine_by(page, search_engine):
    page.goto("/en/search/?q=zzyzx+qqxq")
    assert total(page) == 0
    assert page.locator("a.refine-link").count() == 0

"""What people do on the public site, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STATUS_WORDS = {
    "en": {"Open", "In progress", "Done", "Cancelled", "Carried over"},
}


def test_public_reads_home_then_a_meeting_then_a_resolution_with_its_status(page, demo):
    page.goto("/en/")
    assert page.locator("h1").count() == 1
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.wait_for_url("**/en/meetings/")
    page.locator(f"main a[href$='{demo['ninth_meeting_path']}']").first.click()
    page.wait_for_url(f"**/en{demo['ninth_meeting_path']}")
    assert page.locator("table.resolutions tbody tr").count() >= 8
    page.locator("table.resolutions tbody tr").nth(2).locator("a").first.click()
    page.wait_for_url(re.compile(r".*/en/meetings/[^/]+/resolutions/3/$"))
    status = page.locator("main .status").first
    assert status.is_visible()
    words = status.inner_text().split("·")[0].strip()
    assert words in STATUS_WORDS["en"], f"status badge says {status.inner_text()!r}"
    assert not page.errors


def test_persian_pages_read_right_to_left_and_english_left_to_right(page, demo):
    page.goto("/fa/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    # The brand sits at the right edge of a right-to-left header.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > 1280 / 2
    page.goto("/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "ltr"
    # A Persian resolution on the English home page still reads right to left.
    persian = page.locator("main p[lang=fa]").first
    assert persian.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_switching_language_keeps_the_page(page, demo):
    page.goto(f"/fa{demo['ninth_meeting_path']}")
    languages = page.get_by_role("navigation", name=re.compile("زبان|Language"))
    languages.get_by_role("link", name="English").click()
    page.wait_for_url(f"**/en{demo['ninth_meeting_path']}")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url(f"**/zh-hans{demo['ninth_meeting_path']}")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("link", name="فارسی").click()
    page.wait_for_url(f"**/fa{demo['ninth_meeting_path']}")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_header_search_goes_to_the_search_page_in_the_same_language(page, demo):
    page.goto("/fa/organisations/")
    page.get_by_role("search").first.get_by_role("searchbox").fill("زلزله")
    page.get_by_role("search").first.get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(r".*/fa/search/\?q=.+"))


def test_city_manager_reports_progress_on_a_resolution_isfahan_owns(new_page, demo, login):
    page = new_page(locale="fa-IR")
    login(page, "isfahan", demo["users"]["isfahan"])
    page.goto(f"/fa{demo['resolution_path']}")
    form = page.locator("form.report-form")
    assert form.is_visible(), "Isfahan owns resolution 3 and should see the report form"
    text = "نسخه به‌روزشده طرح برای دبیرخانه فرستاده شد (آزمون مرورگر)."
    form.locator("textarea").fill(text)
    form.locator("select").select_option("in_progress")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".messages").is_visible()
    # The owner's row shows the new report among its reports (folded: open them).
    reports = page.locator("table.lines details.reports").filter(has_text=text)
    reports.locator("summary").click()
    assert reports.get_by_text(text).is_visible()


def test_secretariat_publishes_a_meeting_from_the_admin_with_a_jalali_date(new_page, demo, login):
    from resolutions.models import MeetingIndexPage

    index = MeetingIndexPage.objects.get()
    page = new_page(locale="fa-IR")
    login(page, "secretariat", demo["users"]["secretariat"])
    page.goto("/admin/")
    assert page.locator("html").get_attribute("lang") == "fa"  # the admin speaks Persian
    page.goto(f"/admin/pages/add/resolutions/meetingpage/{index.pk}/")
    page.fill("#id_title", "Tenth meeting of metropolitan crisis managers (Isfahan)")
    page.fill("#id_number", "10")
    page.fill("#id_host_city", "اصفهان")
    page.fill("#id_starts_on", "۱۳۹۲/۰۲/۱۵")
    hint = page.locator("#id_starts_on-calendars")
    # The Gregorian day in Persian digits, set apart so that it reads left to right (LRI … PDI).
    assert "۱۵ اردیبهشت ۱۳۹۲" in hint.inner_text() and "\u2066۲۰۱۳-۰۵-۰۵\u2069" in hint.inner_text()
    page.locator("#id_title").focus()
    # The slug follows the title a moment after typing: on a busy machine, publishing at once could
    # send the form without it (the likeliest reading of a failure seen once under load).
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.locator("footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    meeting = index.get_children().live().filter(title__startswith="Tenth meeting").first()
    assert meeting is not None, f"the meeting was not published: {page.locator('.messages').all_inner_texts()}"
    page.goto(f"/fa/meetings/{meeting.slug}/")
    assert page.locator("h1").inner_text().startswith("Tenth meeting")
    assert page.locator("main").get_by_text("۱۵ اردیبهشت ۱۳۹۲").first.is_visible()

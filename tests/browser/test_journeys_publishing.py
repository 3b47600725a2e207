"""Publishing journeys in a real Chromium: the secretariat imports minutes and publishes them; a city
shares a study that the secretariat approves, and the public then reads, downloads and finds it."""

import re
from urllib.parse import unquote

import pytest

from portal.textnorm import to_latin_digits

pytestmark = pytest.mark.browser

SEED = "001_febd7a41f992d9e2.txt"  # the minutes of the 9th meeting (Hamedan, 1391), in Persian


@pytest.fixture
def ninth_meeting_not_yet_recorded(demo):
    """The demo network before the 9th meeting's minutes reach the portal.

    The secretariat's bare name "دبیرخانه" ("the secretariat") is not on record either, so the
    minutes name one owner the importer cannot recognise and the editor has to say who it is.
    """
    from portal.models import Organisation
    from resolutions.models import MeetingPage

    MeetingPage.objects.get(number=9).delete()
    secretariat = Organisation.objects.get(slug="network-secretariat")
    secretariat.aliases = "\n".join(a for a in secretariat.aliases.splitlines() if a.strip() != "دبیرخانه")
    secretariat.save()
    return demo


def test_secretariat_imports_the_ninth_meetings_minutes_and_publishes_them(
        new_page, ninth_meeting_not_yet_recorded, login, seeds, screenshot):
    from resolutions.models import MeetingPage

    editor = new_page(locale="fa-IR", bypass_csp=False)  # the admin works under its own policy
    login(editor, "secretariat", ninth_meeting_not_yet_recorded["users"]["secretariat"])
    # Every image of the admin shows (the avatar once pointed at an outside service the policy blocks).
    broken = editor.evaluate("() => [...document.images].filter(i => i.complete && !i.naturalWidth)"
                             ".map(i => i.src)")
    assert not broken, f"broken images in the admin: {broken}"
    # The admin menu leads to the import (the secretariat's admin speaks Persian).
    with editor.expect_navigation():
        editor.locator("a[href='/admin/import-minutes/']").first.click()
    editor.locator("#id_file").set_input_files(str(seeds / SEED))
    with editor.expect_navigation():
        editor.locator("button[name=action][value=preview]").click()

    # The preview: the meeting as read from the title, every resolution with the owners it found.
    rows = editor.locator("table.import-rows tbody tr")
    assert rows.count() == 9
    assert to_latin_digits(editor.locator("#id_number").input_value()) == "9"
    assert "نهمین نشست" in editor.locator("#id_title").input_value()
    assert editor.locator("#id_host_city").input_value() == "همدان"
    for i in range(9):
        assert editor.locator(f"#id_rows-{i}-text").input_value().strip(), f"row {i + 1} has no text"
    first = rows.nth(0)
    assert "دبیرخانه مدیران بحران" in first.locator(".import-detected .as-written").first.inner_text()
    assert first.locator(".import-detected .matched").count() == 1
    assert first.locator(".import-detected .unmatched").count() == 0
    assert to_latin_digits(editor.locator("#id_rows-0-refers_to").input_value()).replace(" ", "") == "7,8"
    assert rows.nth(1).locator("#id_rows-1-all_members").is_checked()  # "کلیه کلان شهرها"
    assert rows.nth(2).locator(".import-detected .matched").inner_text() == "مدیریت بحران شهرداری اصفهان"
    # The secretariat written by its short name («دبیرخانه») is the network's secretariat: no owner
    # is left for the editor to recognise.
    assert editor.locator(".import-unknown").count() == 0
    assert rows.nth(8).locator(".import-detected .unmatched").count() == 0
    assert "دبیرخانه" in rows.nth(8).locator(".import-detected .as-written").first.inner_text()
    screenshot(editor, "import-minutes-preview-fa")

    # The editor corrects what the minutes cannot say: the exact date, and which resolutions are
    # public (resolution 5, on the organisation chart, stays internal).
    editor.fill("#id_starts_on", "۱۳۹۱/۰۷/۱۹")
    for i in range(9):
        if i != 4:
            editor.locator(f"#id_rows-{i}-is_public").check()
    assert editor.locator("input[name=publish][value=draft]").is_checked()
    with editor.expect_navigation():
        editor.locator("button[name=action][value=confirm]").click()
    assert re.search(r"/admin/pages/\d+/edit/", editor.url), editor.url
    assert "9" in to_latin_digits(editor.locator(".messages").inner_text())
    meeting = MeetingPage.objects.get(number=9)
    assert not meeting.live and meeting.resolutions.count() == 9

    # It is a draft: the public cannot see it yet.
    public = new_page(locale="fa-IR")
    assert public.goto(f"/fa/meetings/{meeting.slug}/").status == 404

    # The editor publishes it from the page editor, like any page.
    editor.locator("footer .w-dropdown__toggle").first.click()
    with editor.expect_navigation():
        editor.locator("button[name=action-publish]").click()
    meeting.refresh_from_db()
    assert meeting.live

    public.goto(f"/fa/meetings/{meeting.slug}/")
    assert "نهمین نشست" in public.locator("h1").inner_text()
    assert "۱۹ مهر ۱۳۹۱" in public.locator("main .facts").inner_text()
    table_rows = public.locator("table.resolutions tbody tr")
    assert table_rows.count() == 9  # resolution 5 has a row that says it is internal, without its text
    numbers = [to_latin_digits(n) for n in table_rows.locator("td:first-child").all_inner_texts()]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert "مدیریت بحران شهرداری اصفهان" in table_rows.nth(2).inner_text()
    assert "دبیرخانه مدیران بحران کلان‌شهرها" in table_rows.nth(8).inner_text()
    screenshot(public, "imported-meeting-fa")

    english = new_page()
    english.goto(f"/en/meetings/{meeting.slug}/")
    assert english.locator("table.resolutions tbody tr").count() == 9
    # The Persian text of a resolution reads right to left on the English page.
    text = english.locator("table.resolutions tbody tr").first.locator("a[lang=fa]")
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "Secretariat of Metropolitan Crisis Managers" in english.locator("table.resolutions").inner_text()
    screenshot(english, "imported-meeting-en")
    with english.expect_navigation():
        text.click()
    assert re.search(rf"/en/meetings/{meeting.slug}/resolutions/1/$", english.url), english.url
    # Resolution 1 follows up the 7th and 8th meetings, as the minutes said.
    main = english.locator("main")
    assert main.locator("a[href$='/meetings/7th-meeting-kerman/']").count() >= 1
    assert main.locator("a[href$='/meetings/8th-meeting-tehran/']").count() >= 1
    assert not (editor.errors or public.errors or english.errors)


STUDY_TITLE = "مطالعه خطر سیلاب رودخانه زاینده‌رود در اصفهان"
STUDY_SUMMARY = ("پهنه‌بندی خطر سیلاب در حاشیه زاینده‌رود، فهرست پل‌ها و محله‌های در معرض آب‌گرفتگی و "
                 "پیشنهاد سامانه هشدار سریع برای شهرداری اصفهان.")


def study_pdf():
    from knowledge.tests.files import pdf_bytes

    return {"name": "zayandeh-flood-study.pdf", "mimeType": "application/pdf",
            "buffer": pdf_bytes("Zayandeh river flood study")}


def test_city_manager_shares_a_study_the_secretariat_approves_it_and_the_public_reads_and_finds_it(
        new_page, search_engine, login, screenshot):
    from knowledge.models import KnowledgeItem

    # Isfahan's crisis manager signs in from the knowledge page and shares a study with its PDF.
    manager = new_page(locale="fa-IR")
    login(manager, "isfahan", "isfahan-demo", next_path="/fa/knowledge/")
    assert manager.url.endswith("/fa/knowledge/")
    with manager.expect_navigation():
        manager.locator("main .actions a.button[href$='/knowledge/share/']").click()
    form = manager.locator("form.share-form")
    assert form.locator("input[name=kind][value=study]").is_checked()
    form.locator("#id_title").fill(STUDY_TITLE)
    form.locator("#id_summary").fill(STUDY_SUMMARY)
    form.locator("#id_body").fill("بخش نخست: پیشینه سیلاب‌های شهر.\n\nبخش دوم: پیشنهادها.")
    form.locator("input[type=file][name=documents]").set_input_files([study_pdf()])
    form.locator(".field-hazards").get_by_label("سیل", exact=True).check()  # flood
    form.locator(".field-phases").get_by_label("پیشگیری", exact=True).check()  # prevention
    assert form.locator("input[name=visibility][value=public]").is_checked()
    screenshot(manager, "share-study-form-fa")
    with manager.expect_navigation():
        form.locator("button[name=action][value=submit]").click()
    assert manager.url.endswith("/fa/knowledge/mine/")
    row = manager.locator("table.submissions tbody tr", has_text=STUDY_TITLE)
    assert row.locator(".state").get_attribute("class").split() == ["state", "state-in_review"]
    screenshot(manager, "share-study-submitted-fa")

    item = KnowledgeItem.objects.get(title=STUDY_TITLE)
    assert not item.live and item.current_workflow_state is not None
    path = f"/fa/knowledge/{item.slug}/"

    # Before the secretariat approves it the public neither reads it, nor gets its PDF, nor finds it.
    public = new_page(locale="fa-IR")
    assert public.goto(path).status == 404
    public.goto("/fa/knowledge/")
    assert public.get_by_text(STUDY_TITLE).count() == 0
    document_url = item.documents.get().document.url
    assert public.request.get(document_url).status in (403, 404)
    public.goto("/fa/search/?q=" + "زاینده‌رود")
    assert public.locator("ol.results-list").get_by_text(STUDY_TITLE).count() == 0

    # The secretariat sees it waiting for review and approves it from the page editor.
    reviewer = new_page(locale="fa-IR")
    login(reviewer, "secretariat", "secretariat-demo")
    reviewer.goto("/admin/")
    waiting = reviewer.locator("main a", has_text=STUDY_TITLE).first
    assert waiting.is_visible(), "the dashboard does not show the study awaiting review"
    reviewer.goto(f"/admin/pages/{item.pk}/edit/")
    screenshot(reviewer, "review-study-admin-fa", full_page=False)
    reviewer.locator("footer .w-dropdown__toggle").first.click()
    # "Approve" (not "Approve with comment", which opens a dialog first).
    approve = reviewer.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    with reviewer.expect_navigation():
        approve.click()
    item.refresh_from_db()
    assert item.live, "approving the only review task should publish the study"

    # Now the public reads it on the knowledge index and its page, and downloads the PDF.
    public.goto("/fa/knowledge/")
    with public.expect_navigation():
        public.locator("main .cards a", has_text=STUDY_TITLE).first.click()
    assert unquote(public.url).endswith(path), unquote(public.url)
    assert public.locator("h1").inner_text() == STUDY_TITLE
    assert public.locator("h1").evaluate("el => getComputedStyle(el).direction") == "rtl"
    download = public.locator("ul.downloads a").first
    assert "PDF" in public.locator("ul.downloads").inner_text()
    response = public.request.get(download.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == study_pdf()["buffer"]
    screenshot(public, "shared-study-public-fa")
    english = new_page()
    english.goto("/en/knowledge/")
    with english.expect_navigation():
        english.locator("main .cards a", has_text=STUDY_TITLE).first.click()
    assert english.locator("h1").inner_text() == STUDY_TITLE
    assert english.locator("h1").evaluate("el => getComputedStyle(el).direction") == "rtl"
    screenshot(english, "shared-study-public-en")

    # ... and finds it in search, in Persian and from the English site.
    search_engine.refresh()
    public.goto("/fa/search/")
    public.locator("#search-q").fill("سیلاب زاینده‌رود")
    with public.expect_navigation():
        public.locator("form.search-form button[type=submit]").click()
    found = public.locator("ol.results-list li.search-hit", has_text=STUDY_TITLE)
    assert found.count() == 1
    assert found.locator(".snippet mark, h3 mark").count() >= 1
    screenshot(public, "shared-study-search-fa")
    with public.expect_navigation():
        found.locator("h3 a").click()
    assert public.locator("h1").inner_text() == STUDY_TITLE
    assert not (manager.errors or public.errors or reviewer.errors or english.errors)

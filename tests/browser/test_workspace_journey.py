"""The workspace in a real Chromium: Isfahan's crisis manager signs in on the site, lands on the
workspace, reports on two lines at once with an attachment, and finds the new status on the
resolution page and on the board. Screenshots of the workspace in three languages, desktop and phone."""

import re
from pathlib import Path

import pytest

from knowledge.tests import files

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture
def isfahan_owes_more(demo):
    """In the demo Isfahan has finished its lines; here the secretariat names it on two more resolutions."""
    from portal.models import Organisation
    from resolutions.models import MeetingPage

    isfahan = Organisation.objects.get(slug="isfahan")
    ninth = MeetingPage.objects.get(number=9)
    for number in (4, 8):
        resolution = ninth.resolutions.get(number=number)
        resolution.owners.add(isfahan)
        resolution.sync_lines()
    return demo


def sign_in_on_the_site(page, username, password, language="fa"):
    page.goto(f"/{language}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_isfahan_reports_on_two_lines_at_once_from_the_workspace(new_page, isfahan_owes_more, tmp_path):
    from resolutions.models import FollowUpLine

    page = new_page(locale="fa-IR")
    page.goto("/fa/")
    page.locator("header").get_by_role("link", name="ورود").first.click()
    page.wait_for_url(re.compile(r".*/fa/sign-in/.*"))
    page.fill("#id_username", "isfahan")
    page.fill("#id_password", isfahan_owes_more["users"]["isfahan"])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert re.search(r"/fa/workspace/$", page.url), page.url
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("header .sign-out button").count() == 1

    boxes = page.locator("table.workspace-lines input[type=checkbox][name=lines]")
    assert boxes.count() >= 2, "Isfahan's demo manager owes at least two open lines"
    line_ids = [int(boxes.nth(index).get_attribute("value")) for index in range(2)]
    for index in range(2):
        boxes.nth(index).check()
    attachment = tmp_path / "drill-plan.pdf"
    attachment.write_bytes(files.pdf_bytes("Evacuation drill plan"))
    form = page.locator("form.lines-report")
    form.locator("select[name=status]").select_option("done")
    text = "مانور تخلیه با هر دو ایستگاه آتش‌نشانی برگزار شد (آزمون مرورگر)."
    form.locator("textarea[name=text]").fill(text)
    form.locator("input[type=file][name=attachment]").set_input_files(str(attachment))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".messages").is_visible()
    assert not page.errors

    for line_id in line_ids:
        line = FollowUpLine.objects.select_related("resolution__meeting").get(pk=line_id)
        assert line.status == "done"
        assert line.reports.get(text=text).attachments.count() == 1
        # The resolution page shows the line done, and the report with its file.
        page.goto(line.resolution.get_url().replace("/en/", "/fa/", 1) if "/en/" in line.resolution.get_url()
                  else line.resolution.get_url())
        badge = page.locator(f"table.lines [data-line='{line_id}']")
        assert badge.get_attribute("data-status") == "done"
        reports = page.locator("table.lines details.reports").filter(has_text=text)
        reports.locator("summary").click()
        assert reports.get_by_role("link", name="drill-plan.pdf").first.is_visible()
        # The board says the same.
        page.goto("/fa/board/")
        assert page.locator(f"[data-line='{line_id}']").first.get_attribute("data-status") == "done"


@pytest.mark.parametrize("language, locale", [("fa", "fa-IR"), ("en", "en-US"), ("zh-hans", "zh-CN"),
                                              ("zh-hant", "zh-TW")])
def test_workspace_screenshots(new_page, isfahan_owes_more, language, locale):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        page = new_page(locale=locale, width=width)
        sign_in_on_the_site(page, "isfahan", isfahan_owes_more["users"]["isfahan"], language)
        assert page.url.endswith(f"/{language}/workspace/"), page.url
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the {language} workspace is {overflow}px wider than a {width}px screen"
        page.screenshot(path=str(SCREENSHOTS / f"workspace-{language}-{width}.png"), full_page=True)
        if width < 700:  # the compact header: the menu opens on the name, the workspace and "Sign out"
            page.locator(".site-menu > summary").click()
            sign_out = page.locator("header .sign-out button")
            assert sign_out.is_visible()
            box = sign_out.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            assert page.locator("header .account-name").is_visible()
        assert not page.errors

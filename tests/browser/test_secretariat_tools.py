"""The secretariat's tools in a real browser: bulk changes on the board, the minutes import with due
dates and a spelling it learns, and restoring a history entry; screenshots at desktop and phone width."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
SHOTS = ROOT / "var" / "screenshots"
WIDTHS = {"desktop": 1366, "phone": 390}
TALL = 2400
NOTE = "Checked against the cities' letters"
SPELLING = "Emergency Desk of the Eastern Districts"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def admin_language(language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="secretariat"))
    profile.preferred_language = language
    profile.save()


def test_secretariat_marks_three_lines_done_in_bulk_on_the_board(new_page, demo, login):
    from resolutions.models import FollowUpLine, LineStatus

    page = new_page()
    login(page, "secretariat", demo["users"]["secretariat"])
    page.goto("/en/board/")
    picked = list(FollowUpLine.objects.exclude(status=LineStatus.DONE).exclude(
        resolution__status__in=["cancelled", "carried_over"]).values_list("pk", flat=True)[:3])
    for pk in picked:
        page.check(f"#pick-line-{pk}")
    page.select_option("#bulk-status", "done")
    page.fill("#bulk-note", NOTE)
    page.get_by_role("button", name="Review the change").click()
    assert page.locator(".bulk-summary").inner_text() == "3 lines will be marked Done."
    assert FollowUpLine.objects.filter(pk__in=picked, status=LineStatus.DONE).count() == 0
    page.get_by_role("button", name="Confirm the change").click()
    page.wait_for_url("**/en/board/**")
    assert "3 lines were marked Done." in page.locator(".messages").inner_text()
    for line in FollowUpLine.objects.filter(pk__in=picked):
        assert line.status == LineStatus.DONE
        assert line.history.first().history_change_reason == NOTE
    assert not page.errors

    for language in ("fa", "en"):
        for label, width in WIDTHS.items():
            phone = new_page(width=width)
            login(phone, "secretariat", demo["users"]["secretariat"])
            phone.goto(f"/{language}/board/")
            shot(phone, f"board-{language}-{width}")
            # The matrix scrolls within its region on a phone; the page itself does not.
            assert phone.evaluate("document.documentElement.scrollWidth") <= width + 1, (language, label)


def preview(page, text):
    page.goto("/admin/import-minutes/")
    page.fill("textarea[name=text]", text)
    page.locator("button[name=action][value=preview]").click()
    page.wait_for_selector("table.import-rows")


def test_import_with_due_dates_learns_a_new_spelling_for_the_next_minutes(new_page, demo, login):
    from portal.models import OrganisationAlias
    from resolutions.models import Resolution

    admin_language("en")
    page = new_page()
    login(page, "secretariat", demo["users"]["secretariat"])
    preview(page, f"Kerman, 14 May 2025\nMinutes of the 20th meeting\n1) Hold a drill. (Owner: {SPELLING})\n"
                  "2) Share the drill's plan. (Owner: Kerman Crisis Management Office)\n")
    assert page.input_value("#id_host_city") == "Kerman"
    assert page.input_value("#id_number") == "20"
    page.fill("#id_rows-0-due_on", "۱۴۰۵/۰۹/۱۲")
    page.fill("#id_all_due_by", "2026-12-31")
    page.select_option("#id_rows-0-unknown_0", "kerman")
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": TALL})  # the admin scrolls inside its own frame
        shot(page, f"import-preview-en-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("button[name=action][value=confirm]").click()
    page.wait_for_url("**/admin/pages/**/edit/**")
    due = dict(Resolution.objects.filter(meeting__number=20).values_list("number", "due_on"))
    assert [str(due[1]), str(due[2])] == ["2026-12-03", "2026-12-31"]
    assert OrganisationAlias.objects.get().text == SPELLING

    preview(page, f"Kerman, 1 June 2025\nMinutes of the 21st meeting\n1) Review the drill. (Owner: {SPELLING})\n")
    assert page.locator("#id_rows-0-unknown_0").count() == 0  # recognised without help
    assert "Kerman" in page.locator(".import-detected .matched").first.inner_text()

    admin_language("fa")
    for label, width in WIDTHS.items():
        phone = new_page(viewport={"width": width, "height": TALL})
        login(phone, "secretariat", demo["users"]["secretariat"])
        preview(phone, "همدان مهرماه ۱۳۹۱\nبیست و دومین نشست\n۱) مانور برگزار شود. (مسئول پیگیری: شهرداری تهران)\n"
                       "۲) گزارش تهیه شود.\n")
        assert phone.input_value("#id_host_city") == "همدان"
        assert phone.input_value("#id_number") == "22"
        assert phone.locator("#ownerless").count() == 1  # resolution 2 has no owner
        shot(phone, f"import-preview-fa-{width}")
    assert not page.errors


def test_secretariat_restores_a_history_entry_after_confirming(new_page, demo, login):
    from resolutions.models import Resolution

    resolution = Resolution.objects.filter(meeting__number=9).order_by("number").first()
    original = resolution.text
    resolution.text = "A wording the secretariat will undo."
    resolution._change_reason = "Edited by mistake"
    resolution.save()

    page = new_page()
    login(page, "secretariat", demo["users"]["secretariat"])
    page.goto(f"/en/resolutions/{resolution.pk}/history/")
    page.get_by_role("link", name="Restore this version…").first.click()
    assert "What the restore changes" in page.content()
    resolution.refresh_from_db()
    assert resolution.text != original  # the preview changes nothing
    page.get_by_role("button", name="Restore this version").click()
    page.wait_for_url(f"**/resolutions/{resolution.pk}/history/")
    resolution.refresh_from_db()
    assert resolution.text == original
    assert not page.errors

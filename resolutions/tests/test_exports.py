"""A meeting's resolutions as CSV, XLSX and a printable page."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from resolutions.exports import spreadsheet_safe
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9, starts_on=datetime.date(2012, 10, 10))
    public = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"], orgs["tehran"]],
                               text="دبیرخانه گزارش را بفرستد.", language="fa", due_on=datetime.date(2013, 3, 20))
    internal = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["tehran"]], is_public=False,
                                 text="Budget talks with the ministry.")
    formula = ResolutionFactory(meeting=meeting, number=3, text="=HYPERLINK(\"http://x\")")
    public.lines.get(organisation=orgs["isfahan"]).record_report(
        author=people["isfahan"], text="Sent", status=LineStatus.DONE, reported_on=datetime.date(2013, 1, 12))
    draft = add_meeting(site_tree["meetings"], 10, slug="meeting-10")
    draft.unpublish()
    return locals()


def read_csv(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads Persian correctly
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_public_csv_shows_what_the_public_resolution_page_shows(client, world):
    response = client.get("/en/minutes/9.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header == ["Meeting", "Resolution", "Text", "Translated summary", "Resolution status", "Overdue",
                      "Due date", "Owner"]
    texts = {row[2] for row in rows}
    assert "دبیرخانه گزارش را بفرستد." in texts
    assert "Budget talks with the ministry." not in texts
    # One row per resolution with its owners, as on its page: no owner's line status or closing date.
    first = next(row for row in rows if row[1] == "1")
    assert len([row for row in rows if row[1] == "1"]) == 1
    column = header.index
    assert first[column("Owner")] == "Isfahan, Tehran" and first[column("Resolution status")] == "In progress"
    assert first[column("Due date")] == "March 20, 2013"
    assert "Jan. 12, 2013" not in response.content.decode("utf-8-sig")


def test_members_export_everything_with_each_line(client, world, people):
    client.force_login(people["tehran"])
    header, *rows = read_csv(client.get("/en/minutes/9.csv"))
    assert header[-2:] == ["Line status", "Line closed on"]
    assert "Budget talks with the ministry." in {row[2] for row in rows}
    owner, status, closed = header.index("Owner"), header.index("Line status"), header.index("Line closed on")
    lines = {(row[1], row[owner]): row[status] for row in rows}
    assert lines[("1", "Isfahan")] == "Done" and lines[("1", "Tehran")] == "Open"
    assert next(row for row in rows if row[owner] == "Isfahan")[closed] == "Jan. 12, 2013"


def test_persian_export_uses_jalali_dates(client, world, people):
    due = len(read_csv(client.get("/fa/minutes/9.csv"))[0]) - 2  # the due date, then the owner
    rows = read_csv(client.get("/fa/minutes/9.csv"))[1:]
    assert next(row for row in rows if row[1] == "1")[due] == "۳۰ اسفند ۱۳۹۱"
    client.force_login(people["isfahan"])
    rows = read_csv(client.get("/fa/minutes/9.csv"))[1:]
    isfahan = next(row for row in rows if row[-1])  # the line's closing date, last
    assert isfahan[-1] == "۲۳ دی ۱۳۹۱" and isfahan[due] == "۳۰ اسفند ۱۳۹۱"


def test_formulas_are_kept_as_text():
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("@SUM") == "'@SUM"
    assert spreadsheet_safe("مقرر شد") == "مقرر شد" and spreadsheet_safe(3) == 3


def test_xlsx(client, world, people):
    response = client.get("/fa/minutes/9.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    texts = {row[2] for row in values[1:]}
    assert "دبیرخانه گزارش را بفرستد." in texts and "Budget talks with the ministry." not in texts
    formula_cell = next(row[2] for row in values[1:] if "HYPERLINK" in row[2])
    assert formula_cell.startswith("'=")  # never a live formula
    # The sheet's title in the reader's digits; numbers stay numbers a sheet can sort.
    assert sheet.title == "نشست ۹"
    assert {(row[0], row[1]) for row in values[1:]} >= {(9, 1), (9, 3)}
    client.force_login(people["isfahan"])
    sheet = load_workbook(io.BytesIO(client.get("/en/minutes/9.xlsx").content)).active
    assert not sheet.sheet_view.rightToLeft and sheet.title == "Meeting 9"
    assert "Budget talks with the ministry." in {row[2].value for row in sheet.iter_rows(min_row=2)}


def test_printable_minutes(client, world, people):
    response = client.get("/fa/minutes/9/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "دبیرخانه گزارش را بفرستد." in html and "Budget talks" not in html
    assert "۱۹ مهر ۱۳۹۱" in html  # the meeting date, Jalali
    assert "tracking.css" in html
    assert 'dir="auto"' in html and "status-in_progress" in html
    # Each owner's line (Isfahan's is done) only for members, as on the resolution page.
    assert "owners-table" not in html and "status-done" not in html
    client.force_login(people["isfahan"])
    html = client.get("/fa/minutes/9/").content.decode()
    assert "owners-table" in html and "status-done" in html and "Budget talks" in html


def test_print_css_has_print_rules(client):
    from django.contrib.staticfiles import finders

    css = open(finders.find("resolutions/tracking.css"), encoding="utf-8").read()
    assert "@media print" in css


def test_draft_or_missing_meetings_are_not_exported(client, world, people):
    client.force_login(people["secretariat"])
    for url in ("/en/minutes/10.csv", "/en/minutes/10.xlsx", "/en/minutes/10/", "/en/minutes/99.csv"):
        assert client.get(url).status_code == 404, url


def test_meeting_page_links_to_the_exports(client, world):
    html = client.get(world["meeting"].url).content.decode()
    for url in ("/minutes/9/", "/minutes/9.csv", "/minutes/9.xlsx"):
        assert url in html


def test_exports_and_print_give_the_readers_translation_beside_the_original(client, world):
    resolution = world["public"]
    resolution.language = "fa"
    resolution.english_summary = "Share the flood maps with every city."
    resolution.save()
    header, *rows = read_csv(client.get("/en/minutes/9.csv"))
    row = next(r for r in rows if r[1] == "1")
    assert row[header.index("Text")] == resolution.text
    assert row[header.index("Translated summary")] == "Share the flood maps with every city."
    persian_header, *persian_rows = read_csv(client.get("/fa/minutes/9.csv"))
    assert all(not r[3] for r in persian_rows)  # no translation into the language it is written in
    html = client.get("/en/minutes/9/").content.decode()
    assert html.index("Share the flood maps with every city.") < html.index("Original, in Persian:")

"""XLSX exports sort and filter: numbers are numbers, dates are dates (with the Jalali date in a column
of its own on Persian exports), statuses and text are text."""

import datetime
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from resolutions import exports
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus


@pytest.fixture
def meeting(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["isfahan"], orgs["tehran"]],
                                   due_on=datetime.date(2013, 3, 20), text="Send the hazard studies.")
    ResolutionFactory(meeting=meeting, number=10, owners=[orgs["isfahan"]], text="Hold the next meeting.")
    resolution.lines.get(organisation=orgs["isfahan"]).record_report(
        author=None, text="Sent.", status=LineStatus.DONE, reported_on=datetime.date(2013, 1, 12))
    return meeting


def sheet_of(response):
    assert response.status_code == 200
    rows = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    header = [cell.value for cell in rows[0]]
    return header, rows[1:]


def test_cells_are_typed(client, meeting, people):
    client.force_login(people["tehran"])
    header, rows = sheet_of(client.get("/en/minutes/9.xlsx"))
    column = {name: i for i, name in enumerate(header)}
    assert "Due date (Jalali)" not in column  # Jalali columns are for Persian exports
    isfahan = next(row for row in rows if row[column["Owner"]].value == "Isfahan")
    assert isfahan[column["Meeting"]].value == 9 and isfahan[column["Meeting"]].data_type == "n"
    assert isfahan[column["Resolution"]].value == 2 and isfahan[column["Resolution"]].data_type == "n"
    due = isfahan[column["Due date"]]
    assert due.is_date and due.value.date() == datetime.date(2013, 3, 20) and due.number_format == "yyyy-mm-dd"
    closed = isfahan[column["Line closed on"]]
    assert closed.is_date and closed.value.date() == datetime.date(2013, 1, 12)
    for name in ("Resolution status", "Line status", "Text", "Owner"):
        assert isfahan[column[name]].data_type == "s", name
    assert (isfahan[column["Resolution status"]].value, isfahan[column["Line status"]].value) == (
        "In progress", "Done")
    # Numbers sort as numbers: resolution 10 after resolution 2.
    numbers = sorted({row[column["Resolution"]].value for row in rows})
    assert numbers == [2, 10]
    # Empty dates are empty cells, not text.
    tehran = next(row for row in rows if row[column["Owner"]].value == "Tehran")
    assert tehran[column["Line closed on"]].value is None


def test_persian_exports_add_the_jalali_date_in_its_own_column(client, meeting, people):
    client.force_login(people["tehran"])
    header, rows = sheet_of(client.get("/fa/minutes/9.xlsx"))
    with translation.override("fa"):
        due, closed, owner = _("Due date"), _("Line closed on"), _("Owner")
    column = {name: i for i, name in enumerate(header)}
    assert len(header) == len(exports.export_header()) + 2  # one Jalali column per date column
    for name in (due, closed):
        assert column[name] + 1 == next(i for i, h in enumerate(header) if h != name and h.startswith(name))
    isfahan = next(row for row in rows if row[column[due]].value and row[column[closed]].value)
    assert isfahan[column[due]].is_date and isfahan[column[due]].value.date() == datetime.date(2013, 3, 20)
    assert isfahan[column[due] + 1].data_type == "s" and isfahan[column[due] + 1].value == "۱۳۹۱/۱۲/۳۰"
    assert isfahan[column[closed] + 1].value == "۱۳۹۱/۱۰/۲۳"
    assert isfahan[column[owner]].data_type == "s"


def test_csv_stays_text_in_the_readers_calendar(client, meeting, people):
    client.force_login(people["tehran"])
    body = client.get("/fa/minutes/9.csv").content.decode("utf-8-sig")
    assert "۳۰ اسفند ۱۳۹۱" in body and "2013-03-20" not in body

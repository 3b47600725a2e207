"""A meeting's resolutions as a table: one row per owner's line, for CSV, XLSX and print."""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from portal.dates import format_date, jalali_numeric


def export_header(with_lines=True):
    """`with_lines`: one row per owner's line, with its status and closing date (members only:
    resolutions.visibility.sees_follow_up); without, one row per resolution, as its public page."""
    header = [_("Meeting"), _("Resolution"), _("Text"), _("Translated summary"), _("Resolution status"),
              _("Overdue"), _("Due date"), _("Owner")]
    return header + [_("Line status"), _("Line closed on")] if with_lines else header


def date_headers():
    """The columns that hold dates (typed as dates in XLSX, written out in the reader's calendar in CSV)."""
    return {_("Due date"), _("Line closed on")}


def translated_summary(resolution):
    """The summary people wrote in the reader's language, beside the original text ("" when none)."""
    words = resolution.text_in()
    return words.summary if words.is_translation else ""


def export_rows(resolutions, with_lines=True):
    """Typed rows: numbers as int, dates as date (or None), statuses and everything else as text.

    Each place a status is shown reads the stored one (`Resolution.status`, `FollowUpLine.status`).
    """
    rows = []
    for resolution in resolutions:
        base = [
            resolution.meeting.number,
            resolution.number,
            resolution.text,
            translated_summary(resolution),
            str(resolution.get_status_display()),
            _("yes") if resolution.is_overdue else "",
            resolution.due_on,
        ]
        if not with_lines:
            rows.append(base + [", ".join(resolution.owner_names())])
            continue
        lines = list(resolution.lines.all())
        if not lines:
            rows.append(base + [", ".join(resolution.owner_names()), "", None])
        for line in lines:
            rows.append(base + [str(line.organisation), str(line.get_status_display()), line.closed_on])
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _as_text(value):
    """A CSV cell: dates as the reader's language writes them (Jalali on Persian exports)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_date(value)
    return spreadsheet_safe(value) if isinstance(value, str) else str(value)


def as_csv(header, rows):
    """UTF-8 with a byte-order mark, so Excel shows Persian and Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_as_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


WIDTHS = [9, 11, 70, 16, 9, 14, 36, 14, 14]
DATE_FORMAT = "yyyy-mm-dd"


def as_xlsx(header, rows, *, title, right_to_left=False, jalali=False):
    """Typed cells, so the sheet sorts and filters: numbers as numbers, dates as dates (with, when
    `jalali`, the Jalali date as text in a column of its own right after), text as text."""
    dates = {i for i, name in enumerate(header) if name in date_headers()}
    columns = []  # (header, source column, kind, width)
    for i, name in enumerate(header):
        width = WIDTHS[i] if i < len(WIDTHS) else 14
        columns.append((name, i, "date" if i in dates else "value", width))
        if jalali and i in dates:
            columns.append((_("%(column)s (Jalali)") % {"column": name}, i, "jalali", 14))

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.append([name for name, *_rest in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = []
        for _name, source, kind, _width in columns:
            value = row[source]
            if kind == "jalali":
                value = jalali_numeric(value) if value else None
            values.append(spreadsheet_safe(value))
        sheet.append(values)
    for (_name, _source, kind, width), column in zip(columns, sheet.iter_cols(), strict=False):
        sheet.column_dimensions[column[0].column_letter].width = width
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if kind == "date":
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

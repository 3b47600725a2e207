"""A meeting's resolutions as a table: one row per owner's line, for CSV, XLSX and print."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from portal.dates import format_date


def export_header():
    return [_("Meeting"), _("Resolution"), _("Text"), _("Resolution status"), _("Overdue"), _("Due date"),
            _("Owner"), _("Line status"), _("Line closed on")]


def export_rows(resolutions):
    """Rows of strings; dates Jalali on Persian exports (through ``local_date``)."""
    rows = []
    for resolution in resolutions:
        base = [
            str(resolution.meeting.number),
            str(resolution.number),
            resolution.text,
            str(resolution.get_status_display()),
            _("yes") if resolution.is_overdue else "",
            format_date(resolution.due_on),
        ]
        lines = list(resolution.lines.all())
        if not lines:
            rows.append(base + [", ".join(resolution.owner_names()), "", ""])
        for line in lines:
            line_cells = [str(line.organisation), str(line.get_status_display()), format_date(line.closed_on)]
            rows.append(base + line_cells)
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def as_csv(header, rows):
    """UTF-8 with a byte-order mark, so Excel shows Persian and Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(header, rows, *, title, right_to_left=False):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_safe(v) for v in row])
    widths = [9, 11, 70, 16, 9, 14, 36, 14, 14]
    for column, width in zip(sheet.columns, widths, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = width
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

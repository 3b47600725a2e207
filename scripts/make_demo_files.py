"""Write the demo's attached files (knowledge/demo_files/) from their texts in knowledge/demo_attachments.py.

    .venv/bin/python scripts/make_demo_files.py

Needs the test requirements (fpdf2 and uharfbuzz shape the Persian of the PDFs) and a font with
Arabic letters (Debian's fonts-noto-core, which `make test` installs). The files are committed:
`load_demo` only reads them, and replaces the stored copies of those that changed.
"""

import datetime
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ("NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", "DejaVuSans.ttf")
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# Fixed dates inside the files: writing them again from the same texts changes nothing in the PDFs.
WRITTEN = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def arabic_script_font():
    for name in FONTS:
        for folder in FONT_FOLDERS:
            found = next(iter(sorted(folder.rglob(name))), None) if folder.is_dir() else None
            if found:
                return found
    sys.exit("A font with Arabic letters is needed: apt-get install fonts-noto-core")


def is_persian(text):
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def pdf_bytes(demo_file):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(WRITTEN)
    pdf.set_title(demo_file.title)
    pdf.set_lang("fa")
    pdf.add_font("persian", fname=str(arabic_script_font()))
    pdf.add_page()
    for number, line in enumerate(demo_file.lines):
        if is_persian(line):
            pdf.set_font("persian", size=16 if number == 1 else 13)
            pdf.set_text_shaping(use_shaping_engine=True, direction="rtl")
            pdf.multi_cell(0, 10, line, align="R", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("helvetica", size=11)
            pdf.set_text_shaping(False)
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(demo_file):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.core_properties.title = demo_file.title
    document.core_properties.created = document.core_properties.modified = WRITTEN.replace(tzinfo=None)
    document.add_heading(demo_file.lines[0], level=1).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in demo_file.lines[1:]:
        paragraph = document.add_paragraph(line)
        if is_persian(line):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    grid = document.add_table(rows=0, cols=len(demo_file.table[0]))
    grid.style = "Table Grid"
    for row in demo_file.table:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = str(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(demo_file):
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    workbook.properties.title = demo_file.title
    workbook.properties.created = workbook.properties.modified = WRITTEN.replace(tzinfo=None)
    sheet = workbook.active
    sheet.title = demo_file.sheet
    for row in demo_file.table:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCD", (12, 28, 10, 16), strict=False):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def same_dates(data):
    """The zip (Word, Excel) again with every member and the "modified" property dated WRITTEN:
    zip writers date members now, and openpyxl sets "modified" when it saves."""
    import re
    import zipfile

    modified = f"{WRITTEN:%Y-%m-%dT%H:%M:%SZ}".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + modified, content)
            dated = zipfile.ZipInfo(member.filename, date_time=WRITTEN.timetuple()[:6])
            dated.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(dated, content)
    return out.getvalue()


WRITERS = {
    ".pdf": pdf_bytes,
    ".docx": lambda demo_file: same_dates(docx_bytes(demo_file)),
    ".xlsx": lambda demo_file: same_dates(xlsx_bytes(demo_file)),
}


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import logging

    import django

    django.setup()
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs every glyph it subsets
    from knowledge.demo_attachments import DEMO_FILES, FOLDER

    FOLDER.mkdir(exist_ok=True)
    for demo_file in DEMO_FILES:
        data = WRITERS[demo_file.path.suffix](demo_file)
        changed = not demo_file.path.exists() or demo_file.path.read_bytes() != data
        if changed:
            demo_file.path.write_bytes(data)
        print(f"{demo_file.path.relative_to(ROOT)}: {len(data):,} bytes{'' if changed else ', unchanged'}")


if __name__ == "__main__":
    main()

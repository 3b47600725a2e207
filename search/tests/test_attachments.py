"""Text inside attached documents is searchable: real PDF, Word, OpenDocument and Excel files,
extracted once, indexed with the item they belong to and found only by who may see that item."""

import io
import logging
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from knowledge.factories import add_item
from knowledge.models import KnowledgeDocument
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus
from search import conf
from search.attachments import document_text, extract_text
from search.models import DocumentText

from .helpers import search, titles

pytestmark = pytest.mark.search_engine

logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs every glyph of every PDF made here

# Fonts with Arabic-script glyphs that Debian's fonts-noto-core and fonts-dejavu-core install.
ARABIC_SCRIPT_FONTS = ("NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", "DejaVuSans.ttf")
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))

# «مدیریت» in presentation forms (initial, medial and final letters), as older PDF producers store it.
MANAGEMENT_IN_PRESENTATION_FORMS = "\ufee3\ufeaa\ufef3\ufeae\ufef3\ufe96"


# --- real files, made here ---------------------------------------------------------------------

def arabic_script_font():
    for name in ARABIC_SCRIPT_FONTS:
        for folder in FONT_FOLDERS:
            found = next(iter(sorted(folder.rglob(name))), None) if folder.is_dir() else None
            if found:
                return found
    pytest.fail("Writing a Persian PDF needs a font with Arabic letters: apt-get install fonts-noto-core",
                pytrace=False)


def pdf_bytes(*lines, presentation_form_lines=(), pages=1):
    """A PDF that shows `lines` on each page, Persian shaped and laid out right to left as a word
    processor does. `presentation_form_lines` (already shaped) are written as older producers did:
    glyph by glyph from left to right, that is, in reverse."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("persian", fname=str(arabic_script_font()))
    for page in range(pages):
        pdf.add_page()
        for line in lines:
            if any("\u0600" <= ch <= "\u06ff" for ch in line):
                pdf.set_font("persian", size=14)
                pdf.set_text_shaping(True)
            else:
                pdf.set_font("helvetica", size=12)
                pdf.set_text_shaping(False)
            pdf.multi_cell(0, 10, line.format(page=page + 1), new_x="LMARGIN", new_y="NEXT")
        for line in presentation_form_lines:
            pdf.set_font("persian", size=14)
            pdf.set_text_shaping(False)
            pdf.multi_cell(0, 10, line[::-1], new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(*paragraphs, table=()):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=1, cols=len(table))
        for cell, text in zip(grid.rows[0].cells, table, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(*paragraphs):
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Report"))
    for text in paragraphs:
        document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def xlsx_bytes(*rows, sheet="Drills"):
    import openpyxl

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pptx_bytes(*slides):
    """The parts of a presentation a reader of slide text needs (no python-pptx in the project)."""
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
        for number, text in enumerate(slides, start=1):
            archive.writestr(
                f"ppt/slides/slide{number}.xml",
                f'<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
                f'xmlns:a="{drawing}"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t>'
                f"</a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>",
            )
    return out.getvalue()


def encrypted_pdf_bytes():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Confidential evacuation routes"))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")  # noqa: S106
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- documents and items -----------------------------------------------------------------------

@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def stored_document(name, data):
    document = get_document_model()(title=name, file=SimpleUploadedFile(name, data),
                                     collection=Collection.get_first_root_node())
    document._set_document_file_metadata()
    document.save()
    return document


def replace_file(document, name, data):
    """What Wagtail's document edit view does when a new file is uploaded."""
    document.file = SimpleUploadedFile(name, data)
    document._set_document_file_metadata()
    document.save()


def study_with(site_tree, organisation, title, *files, **fields):
    """A published study with these (name, bytes) files attached, published with them."""
    item = add_item(site_tree["knowledge"], organisation, title=title, publish=False, **fields)
    for name, data in files:
        KnowledgeDocument.objects.create(page=item, document=stored_document(name, data))
    item.save_revision().publish()
    item.refresh_from_db()
    return item


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then its on-commit callbacks, as if its transaction had committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def highlights(outcome):
    return " ".join(fragment for hit in outcome.hits for fragment in hit.highlight)


# --- extraction ----------------------------------------------------------------------------------

def test_a_persian_pdf_is_read_in_reading_order():
    pdf = pdf_bytes("ریزش ساختمان‌های فرسوده در بافت قدیم", "Liquefaction of old quarters")
    text = extract_text(pdf, "pdf")
    assert "ریزش ساختمان\u200cهای فرسوده در بافت قدیم" in text
    assert "Liquefaction of old quarters" in text


def test_presentation_forms_are_folded_to_ordinary_letters():
    text = extract_text(pdf_bytes(presentation_form_lines=[MANAGEMENT_IN_PRESENTATION_FORMS]), "PDF")
    assert text == "مديريت"  # NFKC: the usual Arabic letters (the analyzers make ي and ی one letter)


@pytest.mark.parametrize("extension, data, expected", [
    ("docx", lambda: docx_bytes("آمادگی کلانشهر یزد", "Sandbag depots", table=("Shelter", "ظرفیت ۲۰۰")),
     ["آمادگی کلانشهر یزد", "Sandbag depots", "Shelter", "ظرفیت ۲۰۰"]),
    ("odt", lambda: odt_bytes("Evacuation of the bazaar", "社区应急演练"),
     ["Report", "Evacuation of the bazaar", "社区应急演练"]),
    ("xlsx", lambda: xlsx_bytes(("District", "Volunteers"), ("منطقه ۳", 120)),
     ["Drills", "District Volunteers", "منطقه ۳ 120"]),
    ("pptx", lambda: pptx_bytes("Drill timeline", "نقشه تخلیه"), ["Drill timeline", "نقشه تخلیه"]),
])
def test_office_and_opendocument_files_are_read(extension, data, expected):
    text = extract_text(io.BytesIO(data()), extension)
    for piece in expected:
        assert piece in text


def test_damaged_encrypted_and_unknown_files_give_no_text(caplog):
    broken_pdf = pdf_bytes("Flood")[:400]
    broken_docx = docx_bytes("Flood")[:2000]
    assert extract_text(broken_pdf, "pdf") == ""
    assert extract_text(broken_docx, "docx") == ""
    assert extract_text(b"not a spreadsheet", "xlsx") == ""
    assert extract_text(encrypted_pdf_bytes(), "pdf") == ""
    assert extract_text(b"\xd0\xcf\x11\xe0 legacy", "doc") == ""  # legacy Office formats are not read
    assert "No text taken from a .pdf file" in caplog.text


def test_extraction_is_bounded():
    limits = conf.attachment_limits()
    text = extract_text(pdf_bytes("Hazard page {page}"), "pdf", limits=replace(limits, pages=2))
    assert text == "Hazard page 1"
    text = extract_text(pdf_bytes("Hazard page {page}", pages=3), "pdf", limits=replace(limits, pages=2))
    assert "Hazard page 2" in text and "Hazard page 3" not in text

    text = extract_text(docx_bytes(*["Sandbag depot inventory"] * 500), "docx", limits=replace(limits, characters=1000))
    assert len(text) == 1000

    text = extract_text(xlsx_bytes(*[(f"row{n}",) for n in range(50)]), "xlsx", limits=replace(limits, rows=10))
    assert "row9" in text and "row10" not in text

    # A zip that unpacks to more than the limit is refused, whatever it declares (search/tests/test_hostile_files.py).
    assert extract_text(docx_bytes("Sandbag"), "docx", limits=replace(limits, xml_bytes=1000)) == ""


def test_a_reader_past_its_own_deadline_keeps_the_text_read_so_far(monkeypatch):
    """A slow but harmless file still gives its first pages: the reader stops a little before the
    kill (conf.attachment_limits) and keeps what it has. A clock a second further at each look."""
    from types import SimpleNamespace

    from search import extraction

    clock = iter(range(1000))
    monkeypatch.setattr(extraction, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    limits = replace(conf.attachment_limits(), seconds=2.5)  # from 0: paragraphs read at 1 and 2 s
    data = docx_bytes(*[f"Shelter {n}" for n in range(1, 6)])
    assert extraction.read_text(data, "docx", limits) == "Shelter 1 Shelter 2"


# --- the cache -------------------------------------------------------------------------------------

def test_text_is_extracted_once_per_version_of_the_file(db):
    document = stored_document("plan.docx", docx_bytes("Evacuation plan"))
    assert document_text(document) == "Evacuation plan"
    cached = DocumentText.objects.get(document=document)
    assert cached.file_hash == document.file_hash

    # Taken from the cache, not parsed again: a changed row is what comes back.
    DocumentText.objects.filter(pk=cached.pk).update(text="from the cache")
    assert document_text(document) == "from the cache"

    replace_file(document, "plan.docx", docx_bytes("Revised evacuation plan"))
    assert document_text(document) == "Revised evacuation plan"
    again = DocumentText.objects.get(document=document)
    assert again.pk == cached.pk and again.file_hash == document.file_hash != cached.file_hash
    assert again.extracted_at > cached.extracted_at


def test_a_document_without_a_stored_hash_gets_one(db):
    document = stored_document("plan.odt", odt_bytes("Shelter list"))
    type(document).objects.filter(pk=document.pk).update(file_hash="")
    document.refresh_from_db()
    assert document_text(document) == "Report Shelter list"
    document.refresh_from_db()
    assert document.file_hash == DocumentText.objects.get(document=document).file_hash != ""


def test_reindexing_uses_the_cache(engine, site_tree, orgs, anonymous):
    study_with(site_tree, orgs["tehran"], "Old quarter study", ("study.pdf", pdf_bytes("Liquefaction")))
    engine.reindex()
    first = DocumentText.objects.get()
    engine.reindex()
    assert DocumentText.objects.get().extracted_at == first.extracted_at
    assert titles(search(anonymous, "liquefaction")) == ["Old quarter study"]


# --- searching -------------------------------------------------------------------------------------

@pytest.fixture
def library(engine, site_tree, orgs):
    pdf = pdf_bytes("ریزش ساختمان‌های فرسوده در بافت قدیم", "Liquefaction of old quarters",
                    presentation_form_lines=[MANAGEMENT_IN_PRESENTATION_FORMS])
    study_with(site_tree, orgs["tehran"], "Old quarter study", ("study.pdf", pdf))
    study_with(site_tree, orgs["isfahan"], "Study without attachments")
    study_with(site_tree, orgs["tehran"], "Drill notes", ("drill.pdf", pdf_bytes("Hushplan evacuation")),
               visibility="members")
    engine.reindex()


def test_a_word_only_inside_the_pdf_finds_the_item_with_a_snippet(library, anonymous):
    outcome = search(anonymous, "liquefaction")
    assert titles(outcome) == ["Old quarter study"]
    assert "<mark>Liquefaction</mark> of old quarters" in highlights(outcome)

    outcome = search(anonymous, "فرسوده")
    assert titles(outcome) == ["Old quarter study"]
    assert "<mark>فرسوده</mark>" in highlights(outcome)


def test_the_json_api_finds_it_too(library, client):
    data = client.get("/api/search/", {"q": "liquefaction"}).json()
    assert data["total"] == 1 and data["degraded"] is False
    [result] = data["results"]
    assert result["title"] == "Old quarter study"
    assert any("<mark>Liquefaction</mark>" in fragment for fragment in result["highlight"])


def test_persian_words_match_across_letter_variants_and_presentation_forms(library, anonymous):
    # «قدیم» typed with the Arabic yeh.
    assert titles(search(anonymous, "فرسوده قديم")) == ["Old quarter study"]
    # The PDF stored «مدیریت» in presentation forms; the reader types ordinary Persian letters.
    outcome = search(anonymous, "مدیریت")
    assert titles(outcome) == ["Old quarter study"]
    assert "<mark>" in highlights(outcome)


def test_members_only_attachments_are_not_found_by_the_public(library, anonymous, people, client):
    assert search(anonymous, "hushplan").total == 0
    assert client.get("/api/search/", {"q": "hushplan"}).json()["total"] == 0
    assert titles(search(people["isfahan"], "hushplan")) == ["Drill notes"]


def test_a_file_in_a_collection_the_public_may_not_open_lends_the_item_no_words(
        engine, site_tree, orgs, anonymous, committed, settings, closed_port):
    from wagtail.models import CollectionViewRestriction

    item = study_with(site_tree, orgs["tehran"], "Open study", ("plan.pdf", pdf_bytes("Quietvault annex")))
    engine.reindex()
    assert titles(search(anonymous, "quietvault")) == ["Open study"]
    private = Collection.get_first_root_node().add_child(name="Secretariat files")
    document = item.documents.get().document
    document.collection = private
    document.save()
    with committed():  # the restriction reaches the index with the change, not at the next rebuild
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    engine.refresh()
    assert search(anonymous, "quietvault").total == 0
    assert titles(search(anonymous, "open study")) == ["Open study"]  # the item itself stays public
    with committed():
        restriction.delete()
    engine.refresh()
    assert titles(search(anonymous, "quietvault")) == ["Open study"]
    # The database, while the engine is away, answers the same.
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    assert search(anonymous, "quietvault", degraded=True).total == 0


@pytest.mark.parametrize("name, data, word", [
    ("depots.docx", lambda: docx_bytes("Sandbag depots of the city"), "sandbag"),
    ("bazaar.odt", lambda: odt_bytes("Evacuation of the bazaar"), "bazaar"),
    ("volunteers.xlsx", lambda: xlsx_bytes(("District", "Volunteers"), ("Riverside", 120)), "riverside"),
    ("آمادگی.docx", lambda: docx_bytes("آمادگی کلانشهر یزد در برابر سیلاب"), "سيلاب"),  # Arabic yeh
])
def test_every_format_is_searchable(engine, site_tree, orgs, anonymous, name, data, word):
    study_with(site_tree, orgs["tehran"], "Attached study", (name, data()))
    study_with(site_tree, orgs["tehran"], "Other study")
    engine.reindex()
    outcome = search(anonymous, word)
    assert titles(outcome) == ["Attached study"]
    assert "<mark>" in highlights(outcome)


def test_a_damaged_attachment_does_not_keep_the_item_out(engine, site_tree, orgs, anonymous):
    study_with(site_tree, orgs["tehran"], "Study with a damaged file", ("broken.pdf", b"%PDF-1.7 broken"))
    engine.reindex()
    assert titles(search(anonymous, "damaged")) == ["Study with a damaged file"]
    assert DocumentText.objects.get().text == ""


# --- keeping the index in step --------------------------------------------------------------------

def test_publishing_with_a_document_and_replacing_its_file_reindex_the_item(engine, committed, site_tree,
                                                                              orgs, anonymous):
    with committed():
        item = study_with(site_tree, orgs["tehran"], "Flood plan", ("plan.docx", docx_bytes("Levee heights")))
    engine.refresh()
    assert titles(search(anonymous, "levee")) == ["Flood plan"]

    document = item.documents.get().document
    with committed():
        replace_file(document, "plan-v2.docx", docx_bytes("Pumping stations"))
    engine.refresh()
    assert titles(search(anonymous, "pumping")) == ["Flood plan"]
    assert search(anonymous, "levee").total == 0

    with committed():
        document.delete()
    engine.refresh()
    assert search(anonymous, "pumping").total == 0
    assert titles(search(anonymous, "flood")) == ["Flood plan"]


def test_follow_up_report_attachments_are_searchable_by_members(engine, committed, site_tree, orgs, people,
                                                                  anonymous):
    with committed():
        meeting = add_meeting(site_tree["meetings"], 9)
        resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="Drills")
        resolution.lines.get().record_report(
            author=people["isfahan"], text="Drill held", status=LineStatus.DONE,
            attachments=[stored_document("drill.xlsx", xlsx_bytes(("Schools", "Kindergartens")))],
        )
    engine.refresh()
    report_title = "Follow-up report on meeting 9, resolution 1"
    assert titles(search(people["secretariat"], "kindergartens")) == [report_title]
    assert search(anonymous, "kindergartens").total == 0

    report = resolution.lines.get().reports.get()
    with committed():
        report.attachments.add(stored_document("roster.docx", docx_bytes("Firefighter roster")))
    engine.refresh()
    assert titles(search(people["secretariat"], "roster")) == [report_title]


def test_the_database_search_finds_cached_attachment_text(library, anonymous, settings):
    settings.ELASTICSEARCH_URL = ""  # reduced mode: the text extracted while indexing is searched
    outcome = search(anonymous, "liquefaction", degraded=True)
    assert titles(outcome) == ["Old quarter study"]
    assert "<mark>Liquefaction</mark>" in highlights(outcome)
    assert search(anonymous, "hushplan", degraded=True).total == 0

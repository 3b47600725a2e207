"""Upload validation: what is accepted, what is refused and why, and that refused files leave nothing behind."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from portal.uploads import clean_filename, validate_upload

from . import files
from .conftest import in_english, stored_files

ACCEPTED = [
    ("plan.pdf", files.pdf_bytes),
    ("plan.docx", files.docx_bytes),
    ("drills.xlsx", files.xlsx_bytes),
    ("notes.odt", files.odt_bytes),
    ("map.png", lambda: files.image_bytes("PNG")),
    ("photo.jpg", lambda: files.image_bytes("JPEG")),
    ("old.doc", lambda: files.ole_bytes("WordDocument")),
    ("old.xls", lambda: files.ole_bytes("Workbook")),
    ("old.ppt", lambda: files.ole_bytes("PowerPoint Document")),
]

REFUSED = [
    ("renamed executable", "report.pdf", files.EXE, "Windows program"),
    ("Linux program as odt", "notes.odt", files.ELF, "Linux program"),
    ("HTML disguised as pdf", "report.pdf", files.HTML, "web page"),
    ("SVG disguised as png", "map.png", files.SVG, "SVG"),
    ("HTML as docx", "plan.docx", files.HTML, "web page"),
    ("executable extension", "setup.exe", files.EXE, ".exe"),
    ("html extension", "page.html", files.HTML, ".html"),
    ("svg extension", "logo.svg", files.SVG, ".svg"),
    ("plain zip as docx", "plan.docx", files.zip_bytes({"readme.txt": "hi"}), "cannot be read"),
    ("docx named xlsx", "table.xlsx", files.docx_bytes(), ".docx"),
    ("png named jpg", "photo.jpg", files.image_bytes("PNG"), ".png"),
    ("excel named doc", "old.doc", files.ole_bytes("Workbook"), "cannot be read"),
    ("truncated pdf", "cut.pdf", files.pdf_bytes()[:300], "cannot be read"),
    ("macro-enabled docx", "macro.docx",
     files.zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>", "word/vbaProject.bin": "x"}),
     "cannot be read"),
    ("empty file", "empty.pdf", b"", "empty"),
]


@pytest.mark.parametrize("name, make", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_real_files_of_every_accepted_type_pass(name, make):
    assert validate_upload(files.upload(name, make())) == name


@pytest.mark.parametrize("case, name, content, words", REFUSED, ids=[r[0] for r in REFUSED])
def test_disguised_or_unwanted_files_are_refused_with_a_clear_message(case, name, content, words):
    with pytest.raises(ValidationError) as refused:
        validate_upload(files.upload(name, content))
    message = " ".join(refused.value.messages)
    assert words in message
    assert name in message


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=500)
def test_files_over_the_size_limit_are_refused():
    with pytest.raises(ValidationError) as refused:
        validate_upload(files.upload("big.pdf", files.pdf_bytes() + b" " * 600))
    assert "too big" in refused.value.messages[0]
    assert "500" in refused.value.messages[0]


@override_settings(WAGTAILDOCS_EXTENSIONS=["pdf"])
def test_the_accepted_types_come_from_the_settings():
    with pytest.raises(ValidationError, match="docx"):
        validate_upload(files.upload("plan.docx", files.docx_bytes()))


@pytest.mark.parametrize("raw, clean", [
    ("C:\\Users\\ali\\Desktop\\plan.pdf", "plan.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("طرح جامع کلان‌شهر.PDF", "طرح جامع کلان‌شهر.pdf"),  # Persian letters and the zero-width non-joiner stay
    ("应急预案 2020.docx", "应急预案 2020.docx"),
    ("invoice\u202efdp.exe", "invoicefdp.exe"),  # the right-to-left override trick is removed
    ("bad\x00name\x07.pdf", "badname.pdf"),
    ('what?:"*<>|.pdf', "what.pdf"),
    (".pdf", "document.pdf"),
    ("   ", "document"),
])
def test_file_names_are_cleaned(raw, clean):
    assert clean_filename(raw) == clean


def test_long_file_names_are_shortened_keeping_the_extension():
    name = clean_filename("گزارش " * 40 + ".docx")
    assert len(name) <= 80 and name.endswith(".docx")


# --- Wagtail's own document upload uses the same checks --------------------------------------

def admin_upload(client, name, content):
    return client.post(reverse("wagtaildocs:add"), {
        "title": "Uploaded", "file": files.upload(name, content),
        "collection": Collection.get_first_root_node().pk,
    })


def test_admin_document_upload_refuses_a_disguised_file_and_stores_nothing(client, site_tree, people, media_root):
    client.force_login(in_english(people["isfahan"]))
    response = admin_upload(client, "report.pdf", files.HTML)
    assert response.status_code == 200  # the form again, with the error
    assert "web page" in response.content.decode()
    assert not get_document_model().objects.exists()
    assert stored_files(media_root) == []


def test_admin_document_upload_accepts_a_real_file_with_a_clean_name(client, site_tree, people, media_root):
    client.force_login(people["isfahan"])
    response = admin_upload(client, "../طرح\u202e.pdf", files.pdf_bytes())
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.filename == "طرح.pdf"
    assert len(stored_files(media_root)) == 1


def test_admin_multiple_upload_refuses_a_renamed_executable(client, site_tree, people, media_root):
    client.force_login(in_english(people["secretariat"]))
    response = client.post(reverse("wagtaildocs:add_multiple"), {
        "files[]": files.upload("setup.pdf", files.EXE), "collection": Collection.get_first_root_node().pk,
    })
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "Windows program" in response.json()["error_message"]
    assert not get_document_model().objects.exists()
    assert stored_files(media_root) == []

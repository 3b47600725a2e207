"""Documents in a real Chromium: a public PDF is shown inline, HTML and SVG never run as pages.

Every download carries portal.documents.DOCUMENT_CSP ("default-src 'none'; sandbox"). Chromium's
PDF viewer is a built-in extension that the sandbox does not stop: headless Chromium (the new
headless mode) shows a PDF opened from a link in that viewer instead of downloading it, so the
journey can check what a reader sees. These pages enforce the portal's policies (no bypass_csp).
"""

import time

import pytest

pytestmark = pytest.mark.browser

# Chromium's built-in PDF viewer extension; a PDF shown inline is rendered by a frame of it.
PDF_VIEWER = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/"
STUDY = "qazvin-crisis-management-master-plan"
PDF_TITLE = "Qazvin master plan, full text"
# What an attacker would want to run in the portal's origin if a document were rendered as a page.
ACTIVE = "<script>localStorage.setItem('ran', '{name}'); document.title = 'ran';</script>"
HTML = ("<!DOCTYPE html><html><head><title>notes</title></head><body><h1>Drill notes</h1>"
        + ACTIVE.format(name="html") + "</body></html>")
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       + ACTIVE.format(name="svg") + "</svg>")


def stored_document(title, filename, content):
    """A document as it sits in the library, attached to the public Qazvin study.

    HTML and SVG cannot be uploaded today (portal.uploads refuses them), but files stored before
    that rule, or under a misleading name, must still never become active content.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from knowledge.models import KnowledgeDocument, KnowledgeItem

    document = get_document_model()(title=title, collection=Collection.get_first_root_node(),
                                    file=SimpleUploadedFile(filename, content))
    document._set_document_file_metadata()
    document.save()
    KnowledgeDocument.objects.create(page=KnowledgeItem.objects.get(slug=STUDY), document=document)
    return document


@pytest.fixture
def documents(demo):
    from knowledge.tests.files import pdf_bytes

    return {
        "pdf": stored_document(PDF_TITLE, "qazvin-master-plan.pdf", pdf_bytes(PDF_TITLE)),
        "html": stored_document("Drill notes (HTML)", "drill-notes.html", HTML.encode()),
        "svg": stored_document("City map (SVG)", "city-map.svg", SVG.encode()),
        "disguised": stored_document("Annex", "annex.pdf", HTML.encode()),
    }


def pdf_viewer(page, timeout=10):
    """The frame of Chromium's PDF viewer on this page, or None when none appears in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.url.startswith(PDF_VIEWER):
                return frame
        page.wait_for_timeout(100)
    return None


def nothing_ran(page):
    return page.evaluate("() => localStorage.getItem('ran')") is None


def test_a_public_pdf_opens_inline_in_chromiums_viewer_despite_the_sandboxing_policy(new_page, documents,
                                                                                     screenshot):
    from playwright.sync_api import expect

    page = new_page(bypass_csp=False)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(f"/en/knowledge/{STUDY}/")
    link = page.locator("ul.downloads a", has_text=PDF_TITLE)
    with page.expect_response(lambda r: r.url.endswith(documents["pdf"].url)) as response_info:
        link.click()
    response = response_info.value
    headers = response.all_headers()  # .headers leaves out security headers such as the CSP
    assert response.status == 200
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("inline")
    assert "sandbox" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"

    page.wait_for_url(f"**{documents['pdf'].url}")
    viewer = pdf_viewer(page)
    assert viewer is not None, "Chromium did not show the PDF in its viewer"
    # The viewer parsed the file: its toolbar turns from the file name to the title stored inside
    # the PDF, and counts its one page.
    expect(viewer.locator("#title")).to_have_text(PDF_TITLE)
    expect(viewer.locator("viewer-page-selector input")).to_have_value("1")
    assert page.evaluate("() => document.contentType") == "application/pdf"
    assert not downloads, "the PDF was downloaded instead of shown"
    screenshot(page, "document-pdf-inline", full_page=False)


def test_html_and_svg_documents_never_run_as_pages(new_page, documents):
    page = new_page(bypass_csp=False)
    page.goto(f"/en/knowledge/{STUDY}/")
    item_url = page.url
    for kind in ("html", "svg"):
        document = documents[kind]
        with page.expect_download() as download_info:
            page.locator("ul.downloads a", has_text=document.title).click()
        download = download_info.value
        assert download.suggested_filename == document.filename
        assert download.failure() is None
        assert page.url == item_url, f"the {kind} document replaced the page instead of being saved"
        headers = {h["name"].lower(): h["value"] for h in page.request.get(document.url).headers_array}
        assert headers["content-disposition"].startswith("attachment")
        assert "sandbox" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert nothing_ran(page)

    # HTML under a .pdf name is served as a PDF: the browser does not sniff it into a page.
    with page.expect_response(lambda r: r.url.endswith(documents["disguised"].url)):
        page.locator("ul.downloads a", has_text="Annex").click()
    page.wait_for_url(f"**{documents['disguised'].url}")
    assert page.evaluate("() => document.contentType") == "application/pdf"
    assert page.title() != "ran"
    page.go_back()
    assert nothing_ran(page)

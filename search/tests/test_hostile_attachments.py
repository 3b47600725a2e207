"""Attachments that attack the reader: a 585 KB Word file whose document.xml unpacks to 190 MB, the
same file lying about that size, files that need more memory or time than the reader may take.

The reader is a process of its own (search/extraction.py); the request that uploads such a file
only stores it and asks the worker to read it, and the item is indexed all the same, without the
file's text, with a warning in the log.
"""

import io
import logging
import re
import time
from dataclasses import replace

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from bench.hostile_files import MB, expanding_docx
from portal.tests.worker import database_tasks, waiting  # noqa: F401 - a fixture
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus
from search import conf
from search.attachments import extract_text
from search.models import DocumentText

from .helpers import search, titles

pytestmark = [pytest.mark.search_engine, pytest.mark.worker]

EXTRACTION_TASK = "search.attachments.extract_document_text"
REPORT_TITLE = "Follow-up report on meeting 9, resolution 1"
# What the web process may grow by while it takes the upload and its worker reads the file.
MAX_GROWTH = 100 * MB


@pytest.fixture(scope="module")
def hostile():
    """The 190 MB-unpacking file, truthful about its size and lying about it (4 KB)."""
    return {"truthful": expanding_docx(190 * MB), "lying": expanding_docx(190 * MB, declared_size=4096)}


@pytest.fixture
def bomb(hostile):
    return hostile["truthful"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def warnings_of(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "search.attachments" and r.levelno == logging.WARNING]


# --- the reader ----------------------------------------------------------------------------------

def test_the_file_is_small_and_unpacks_to_190_mb(bomb):
    import zipfile

    assert len(bomb) < 1 * MB
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo("word/document.xml").file_size > 180 * MB


def test_a_docx_unpacking_to_190_mb_gives_no_text_and_a_warning(bomb, caplog):
    started = time.monotonic()
    assert extract_text(bomb, "docx") == ""
    assert time.monotonic() - started < 20  # it stops at 50 MB of XML, it never parses 190
    [warning] = warnings_of(caplog)
    assert "word/document.xml takes the XML unpacked past 50 MB" in warning


def test_a_docx_whose_headers_lie_about_its_size_gives_no_text(hostile, caplog):
    import zipfile

    liar = hostile["lying"]
    with zipfile.ZipFile(io.BytesIO(liar)) as archive:
        assert archive.getinfo("word/document.xml").file_size == 4096  # what a size check would believe
    assert extract_text(liar, "docx") == ""
    [warning] = warnings_of(caplog)
    assert "word/document.xml" in warning  # it unpacks to more than it says: a damaged file


def test_the_xml_limit_is_a_setting(settings, caplog):
    eight_mb = expanding_docx(8 * MB)
    assert extract_text(eight_mb, "docx").startswith("sandbag sandbag")
    settings.ATTACHMENT_XML_MB = 5
    assert extract_text(eight_mb, "docx") == ""
    assert "past 5 MB" in warnings_of(caplog)[0]


def test_the_reading_process_cannot_take_more_memory_than_its_limit(settings, caplog):
    eight_mb = expanding_docx(8 * MB)  # under the XML limit; parsing it takes about 150 MB
    settings.ATTACHMENT_MEMORY_MB = 100
    assert extract_text(eight_mb, "docx") == ""
    assert "reached the memory limit of 100 MB" in warnings_of(caplog)[0]
    settings.ATTACHMENT_MEMORY_MB = 512
    assert extract_text(eight_mb, "docx").startswith("sandbag sandbag")


def test_the_reading_process_is_stopped_after_the_time_limit(settings, caplog):
    slow = expanding_docx(45 * MB)
    settings.ATTACHMENT_TIME_LIMIT = 1
    # Read to its end (no character limit, no deadline of the reader's own), it takes about twice the
    # limit on a fast machine; with the usual limits a fast machine had its first million characters
    # within the second, and the reader returned them.
    limits = replace(conf.attachment_limits(), memory_bytes=2048 * MB, characters=10**9, seconds=60)
    started = time.monotonic()
    assert extract_text(slow, "docx", limits=limits) == ""
    assert time.monotonic() - started < 10
    assert "took longer than 1 s" in warnings_of(caplog)[0]


# --- through the follow-up report form, with the real worker --------------------------------------

def resident(field):
    """This process's resident memory (VmRSS) or its peak since the last reset (VmHWM), in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        return int(re.search(rf"^{field}:\s+(\d+) kB", status.read(), re.MULTILINE).group(1)) * 1024


def reset_peak():
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")  # the kernel's "reset the peak resident set size"


@pytest.fixture
def reporting(engine, database_tasks, site_tree, orgs, people, client):  # noqa: F811 - a fixture
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="Drills")
    client.force_login(people["isfahan"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    line = resolution.lines.get()

    def post(text, name, data):
        response = client.post(reverse("resolutions:post_report", args=[line.pk]),
                               {"text": text, "status": LineStatus.IN_PROGRESS,
                                "attachment": SimpleUploadedFile(name, data)})
        assert response.status_code == 302, response.content[:500]
        engine.refresh()
        return FollowUpReport.objects.get(text=text)

    return post


@pytest.mark.parametrize("kind, logged", [
    ("truthful", "word/document.xml takes the XML unpacked past 50 MB"),
    ("lying", "Bad CRC-32 for file 'word/document.xml'"),  # it unpacks to more than it says: damaged
], ids=["truthful", "lying"])
def test_a_report_with_the_190_mb_docx_answers_at_once_and_is_indexed_without_its_text(
    reporting, database_tasks, engine, people, hostile, caplog, kind, logged,  # noqa: F811 - a fixture
):
    reset_peak()
    resident_before = resident("VmRSS")
    started = time.monotonic()
    report = reporting("Shelter drill held in every district", "shelters.docx", hostile[kind])
    answered_in = time.monotonic() - started
    # The request stored the file and asked the worker to read it; it read nothing itself.
    document = report.attachments.get()
    assert not DocumentText.objects.filter(document=document).exists()
    assert waiting(EXTRACTION_TASK).count() >= 1
    assert answered_in < 10, f"the upload took {answered_in:.1f} s"
    assert REPORT_TITLE in titles(search(people["secretariat"], "shelter drill"))

    database_tasks()  # the worker, in this process; the reading process gives up on the file
    engine.refresh()
    growth = resident("VmHWM") - resident_before
    assert growth < MAX_GROWTH, f"the web process grew by {growth // MB} MB"
    assert DocumentText.objects.get(document=document).text == ""
    assert any(f"document {document.pk} (" in w and logged in w for w in warnings_of(caplog))
    # Still indexed, without the file's text.
    assert REPORT_TITLE in titles(search(people["secretariat"], "shelter drill"))
    assert search(people["secretariat"], "sandbag").total == 0
    assert not waiting(EXTRACTION_TASK).exists()


def test_a_report_with_an_ordinary_docx_gets_its_text_when_the_worker_has_read_it(
    reporting, database_tasks, engine, people,  # noqa: F811 - a fixture
):
    word = docx.Document()
    word.add_paragraph("Evacuation roster of the riverside districts")
    out = io.BytesIO()
    word.save(out)
    reporting("Roster sent", "roster.docx", out.getvalue())
    assert REPORT_TITLE in titles(search(people["secretariat"], "roster sent"))
    assert search(people["secretariat"], "riverside").total == 0  # not read yet

    database_tasks()
    engine.refresh()
    assert REPORT_TITLE in titles(search(people["secretariat"], "riverside"))
    assert get_document_model().objects.get().extracted_text.text == "Evacuation roster of the riverside districts"

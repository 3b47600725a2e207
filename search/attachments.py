"""Text of the documents attached to indexed items, so that what they say is searchable.

`extract_text(file, extension)` reads PDF, Word (.docx), OpenDocument (.odt/.ods/.odp), Excel
(.xlsx) and PowerPoint (.pptx) files with the pinned parsers. It is bounded (characters kept,
pages and rows read, unpacked bytes, seconds) because uploads come from outside, and it never
raises: a damaged or encrypted file is logged and gives "". Legacy .doc/.xls/.ppt give "".

Parsing is slow next to indexing, so each document's text is kept in `DocumentText` and taken
again while the file (its hash and name) is unchanged. The provider registered from apps.py adds
the text of the documents an indexed object carries (its type's `attachments`, registry.py) to the
object's `extra_text` field; nothing else receives it, and the object's own visibility fields
decide who finds it. Re-indexing when a document changes: signals.py.
"""

import io
import logging
import re
import time
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar

from defusedxml.ElementTree import fromstring as parse_xml
from django.db.models import Q
from django.utils import timezone

from . import registry
from .models import DocumentText
from .text import normalise

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 1_000_000  # kept per document, and per item
MAX_PAGES = 2_000  # PDF pages read
MAX_ROWS = 100_000  # spreadsheet rows read, all sheets together
MAX_SLIDES = 1_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # declared size of a zip's members (Office and OpenDocument)
MAX_SECONDS = 60  # a file that takes longer keeps what was read by then

# Control characters and lone surrogates some PDFs' character maps produce: the engine's JSON
# cannot carry the surrogates, and neither is text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class _Collected:
    """Text pieces gathered up to the character limit or the time limit, whichever comes first."""

    def __init__(self, seconds=None):
        self.parts = []
        self.size = 0
        self.limit = MAX_CHARACTERS
        self.deadline = time.monotonic() + (MAX_SECONDS if seconds is None else seconds)

    def add(self, piece):
        if piece:
            self.parts.append(piece)
            self.size += len(piece)

    @property
    def full(self):
        return self.size >= self.limit or time.monotonic() > self.deadline

    def text(self):
        return normalise(_NOT_TEXT.sub(" ", " ".join(self.parts)))[: self.limit]


# --- one reader per format -----------------------------------------------------------------------

def _pdf(stream, collected):
    from pypdf import PdfReader

    reader = PdfReader(stream, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):  # "" opens files locked against editing only
        raise ValueError("encrypted PDF")
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or collected.full:
            break
        collected.add(page.extract_text())


def _check_unpacked_size(stream):
    """Refuse a zip whose members would unpack to more than we are willing to hold."""
    with zipfile.ZipFile(stream) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValueError(f"unpacks to {unpacked} bytes")
    stream.seek(0)


def _docx(stream, collected):
    import docx
    from docx.oxml.ns import qn

    _check_unpacked_size(stream)
    body = docx.Document(stream).element.body
    paragraph, text, tab = qn("w:p"), qn("w:t"), qn("w:tab")
    # Every run of text in reading order: paragraphs, tables, text boxes.
    for element in body.iter(paragraph, text, tab):
        if element.tag == text:
            collected.add(element.text)
        else:
            collected.add(" ")
            if collected.full:
                break


def _odf(stream, collected):
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    _check_unpacked_size(stream)
    separators = {(TEXTNS, name) for name in ("p", "h", "s", "tab", "line-break")}
    pending = [load(stream).body]
    while pending and not collected.full:
        node = pending.pop()
        if node.nodeType == node.TEXT_NODE:
            collected.add(node.data)
            continue
        if getattr(node, "qname", None) in separators:
            collected.add(" ")
        pending.extend(reversed(node.childNodes))  # depth first, in document order


def _xlsx(stream, collected):
    import openpyxl

    _check_unpacked_size(stream)
    workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        rows = 0
        for sheet in workbook.worksheets:
            collected.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                rows += 1
                if rows > MAX_ROWS or collected.full:
                    return
                collected.add(" ".join(str(value) for value in row if value is not None))
    finally:
        workbook.close()


_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml")
_DRAWING_TEXT = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"


def _pptx(stream, collected):
    _check_unpacked_size(stream)
    with zipfile.ZipFile(stream) as archive:
        slides = sorted(
            (int(match.group(1)), name) for name in archive.namelist() if (match := _SLIDE.fullmatch(name))
        )
        for _, name in slides[:MAX_SLIDES]:
            if collected.full:
                break
            root = parse_xml(archive.read(name))
            collected.add(" ".join(element.text or "" for element in root.iter(_DRAWING_TEXT)))


READERS = {"pdf": _pdf, "docx": _docx, "odt": _odf, "ods": _odf, "odp": _odf, "xlsx": _xlsx, "pptx": _pptx}


def extract_text(file, extension):
    """The plain, NFKC-normalised text of a document ("" for formats we do not read).

    `file` is bytes or a binary file object; `extension` names the format ("pdf", ".DOCX").
    Never raises for what a file contains: a damaged, encrypted or hostile file gives "" (and a
    warning in the log), or the text read before a limit was reached.
    """
    reader = READERS.get((extension or "").lower().lstrip("."))
    if reader is None:
        return ""
    collected = _Collected()
    try:
        data = file if isinstance(file, bytes) else file.read()
        reader(io.BytesIO(data), collected)
    except Exception as exc:  # noqa: BLE001 - every parser has its own errors; none may stop indexing
        logger.warning("No text taken from a .%s file: %s: %s", extension, type(exc).__name__, exc)
        return ""
    return collected.text()


# --- the cache -----------------------------------------------------------------------------------

# While set, only text extracted before is used (the database search must not parse files).
_cached_only = ContextVar("attachment_text_cached_only", default=False)


@contextmanager
def cached_text_only():
    token = _cached_only.set(True)
    try:
        yield
    finally:
        _cached_only.reset(token)


def _file_hash(document):
    """The stored hash, or one computed now (documents created in code may have none)."""
    if document.file_hash:
        return document.file_hash
    from wagtail.utils.file import hash_filelike

    with document.open_file() as f:
        document.file_hash = hash_filelike(f)
    # A queryset update: no save signal, so no re-indexing for what is not a change.
    type(document).objects.filter(pk=document.pk).update(file_hash=document.file_hash)
    return document.file_hash


def document_text(document):
    """The text of a Wagtail document, extracted once per version of its file."""
    cached = DocumentText.objects.filter(document_id=document.pk).first()
    if _cached_only.get():
        return cached.text if cached else ""
    try:
        file_hash = _file_hash(document)
    except Exception as exc:  # noqa: BLE001 - a missing or unreadable file must not stop indexing
        logger.warning("Document %s (%s) cannot be read: %s", document.pk, document.file.name, exc)
        return ""
    if cached is not None and (cached.file_hash, cached.file_name) == (file_hash, document.file.name):
        return cached.text
    try:
        with document.open_file() as f:
            text = extract_text(f, document.file_extension)
    except Exception as exc:  # noqa: BLE001 - as above
        logger.warning("Document %s (%s) cannot be read: %s", document.pk, document.file.name, exc)
        return ""
    DocumentText.objects.update_or_create(
        document_id=document.pk,
        defaults={"file_hash": file_hash, "file_name": document.file.name, "text": text,
                  "extracted_at": timezone.now()},
    )
    return text


# --- the text an indexed object carries ------------------------------------------------------------

def attached_documents(obj):
    """The documents an indexed object carries, in their display order (its type's `attachments`)."""
    indexed_type = registry.type_of(obj)
    if indexed_type is None or indexed_type.attachments is None:
        return []
    return list(indexed_type.attachments.documents(obj))


def attachment_text(obj):
    """The provider registered with search.text: the text of the object's own documents."""
    collected = _Collected(seconds=float("inf"))
    for document in attached_documents(obj):
        if collected.full:
            break
        collected.add(document_text(document))
    return collected.text()


def owners_with_text(indexed_type, word):
    """Rows of the type with a document whose extracted text contains `word` (database search)."""
    if indexed_type.attachments is None:
        return Q()
    lookup = f"{indexed_type.attachments.lookup}__extracted_text__text__icontains"
    return Q(pk__in=indexed_type.model._default_manager.filter(**{lookup: word}).values("pk"))

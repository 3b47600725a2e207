"""Reading the text of an attached file: the parsers, bounded, and the process they run in.

Uploads come from outside, and a small file can ask a parser for gigabytes (a 580 KB Word file
whose document.xml unpacks to 190 MB took a web process from 2.7 to 5.1 GB). So files are read
in a process of their own (search.attachments starts `python -I -c ...` and calls `main()`) that
caps its own address space (RLIMIT_AS) before it reads a byte, and is killed by its parent after
a wall-clock limit; within it `read_text` bounds what it keeps (characters, pages, rows, slides,
seconds) and, for zip-based formats (Word, Excel, PowerPoint, OpenDocument), counts the bytes
that actually come out of the archive while reading every member once, refusing the file past a
limit: the sizes an archive declares are not believed.

No Django here on purpose: the reading process imports this module, `search.text` and the
parsers, and nothing that holds a secret or a database connection.
"""

import io
import json
import re
import sys
import time
import zipfile
from dataclasses import dataclass

from .text import normalise

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much of one file is read (search.conf.attachment_limits builds it from settings)."""

    characters: int = 1_000_000  # kept per document
    pages: int = 2_000  # PDF pages read
    rows: int = 100_000  # spreadsheet rows read, all sheets together
    slides: int = 1_000
    xml_bytes: int = 50 * MB  # XML unpacked from a zip-based file, counted as it comes out
    unpacked_bytes: int = 200 * MB  # everything unpacked from it (pictures too), counted likewise
    seconds: float = 48.0  # then the text read so far is kept (the parent kills at its own, later limit)
    memory_bytes: int = 512 * MB  # the reading process's address space


class LimitExceeded(Exception):
    """The file breaks a limit that makes it give no text at all."""


# Control characters and lone surrogates some PDFs' character maps produce: the engine's JSON
# cannot carry the surrogates, and neither is text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class _Collected:
    """Text pieces gathered up to the character limit or the time limit, whichever comes first."""

    def __init__(self, limit, seconds):
        self.parts = []
        self.size = 0
        self.limit = limit
        self.deadline = time.monotonic() + seconds

    def add(self, piece):
        if piece:
            self.parts.append(piece)
            self.size += len(piece)

    @property
    def full(self):
        return self.size >= self.limit or time.monotonic() > self.deadline

    def text(self):
        return normalise(_NOT_TEXT.sub(" ", " ".join(self.parts)))[: self.limit]


# --- zip-based formats: what comes out, counted ------------------------------------------------

_CHUNK = MB
_XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)


def check_unpacked(data, limits):
    """Unpack every member of the archive once, in chunks, counting the bytes that come out.

    Raises LimitExceeded past `limits.xml_bytes` of XML or `limits.unpacked_bytes` in all, so the
    parsers never meet a member bigger than that whatever the archive says of itself (a member
    that unpacks to more or less than its declared size fails its checksum: a damaged file).
    """
    xml = total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            is_xml = bool(_XML_PART.search(member.filename))
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    xml += len(chunk) if is_xml else 0
                    if xml > limits.xml_bytes:
                        raise LimitExceeded(
                            f"{member.filename} takes the XML unpacked past {limits.xml_bytes // MB} MB")
                    if total > limits.unpacked_bytes:
                        raise LimitExceeded(
                            f"{member.filename} takes what is unpacked past {limits.unpacked_bytes // MB} MB")


# --- one reader per format -----------------------------------------------------------------------

def _pdf(data, collected, limits):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):  # "" opens files locked against editing only
        raise ValueError("encrypted PDF")
    for number, page in enumerate(reader.pages):
        if number >= limits.pages or collected.full:
            break
        collected.add(page.extract_text())


def _docx(data, collected, limits):
    import docx
    from docx.oxml.ns import qn

    check_unpacked(data, limits)
    body = docx.Document(io.BytesIO(data)).element.body
    paragraph, text, tab = qn("w:p"), qn("w:t"), qn("w:tab")
    # Every run of text in reading order: paragraphs, tables, text boxes.
    for element in body.iter(paragraph, text, tab):
        if element.tag == text:
            collected.add(element.text)
        else:
            collected.add(" ")
            if collected.full:
                break


def _odf(data, collected, limits):
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    check_unpacked(data, limits)
    separators = {(TEXTNS, name) for name in ("p", "h", "s", "tab", "line-break")}
    pending = [load(io.BytesIO(data)).body]
    while pending and not collected.full:
        node = pending.pop()
        if node.nodeType == node.TEXT_NODE:
            collected.add(node.data)
            continue
        if getattr(node, "qname", None) in separators:
            collected.add(" ")
        pending.extend(reversed(node.childNodes))  # depth first, in document order


def _xlsx(data, collected, limits):
    import openpyxl

    check_unpacked(data, limits)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = 0
        for sheet in workbook.worksheets:
            collected.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                rows += 1
                if rows > limits.rows or collected.full:
                    return
                collected.add(" ".join(str(value) for value in row if value is not None))
    finally:
        workbook.close()


_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml")
_DRAWING_TEXT = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"


def _pptx(data, collected, limits):
    from defusedxml.ElementTree import fromstring as parse_xml

    check_unpacked(data, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        slides = sorted(
            (int(match.group(1)), name) for name in archive.namelist() if (match := _SLIDE.fullmatch(name))
        )
        for _, name in slides[: limits.slides]:
            if collected.full:
                break
            root = parse_xml(archive.read(name))
            collected.add(" ".join(element.text or "" for element in root.iter(_DRAWING_TEXT)))


READERS = {"pdf": _pdf, "docx": _docx, "odt": _odf, "ods": _odf, "odp": _odf, "xlsx": _xlsx, "pptx": _pptx}


def format_of(extension):
    """The reader's name for an extension ("pdf", ".DOCX"), or None for formats we do not read."""
    name = (extension or "").lower().lstrip(".")
    return name if name in READERS else None


def read_text(data, extension, limits):
    """The plain, NFKC-normalised text of a file's bytes, in this process.

    Raises what the parser raises for a damaged or encrypted file, LimitExceeded for one past a
    limit, MemoryError past the process's memory. Only ever called in the reading process.
    """
    name = format_of(extension)
    if name is None:
        return ""
    collected = _Collected(limits.characters, limits.seconds)
    READERS[name](data, collected, limits)
    return collected.text()


# --- the reading process -----------------------------------------------------------------------

def _address_space_peak():
    """This process's largest address space so far, in bytes (Linux; None elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def main(arguments):
    """Entry point of the reading process: `<extension> <limits as JSON>`, the file on stdin.

    Writes {"text": ...} or {"problem": ...} as JSON on stdout. The address space is capped
    before the file is read, so a file that needs more fails here with MemoryError (or the
    process dies) and the caller's process is untouched.
    """
    import resource

    extension, limits = arguments[0], Limits(**json.loads(arguments[1]))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no copy of the file behind
    data = sys.stdin.buffer.read()
    try:
        result = {"text": read_text(data, extension, limits)}
    except MemoryError:
        result = {"problem": f"reading it needs more than {limits.memory_bytes // MB} MB of memory"}
    except LimitExceeded as exc:
        result = {"problem": str(exc)}
    except Exception as exc:  # noqa: BLE001 - every parser has its own errors; all mean "no text"
        result = {"problem": f"{type(exc).__name__}: {exc}"}
    # A parser out of memory often says something else ("XMLSyntaxError: unknown error").
    if "problem" in result and (_address_space_peak() or 0) >= 0.9 * limits.memory_bytes:
        result["problem"] += f" (it reached the memory limit of {limits.memory_bytes // MB} MB)"
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8", "replace"))
    sys.stdout.buffer.flush()

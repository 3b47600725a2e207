"""What an uploaded document must be before the portal stores it.

Every upload, through the public share form or Wagtail's document forms, passes `validate_upload`:
an accepted extension, a size within the limit, content that really is what the extension says (magic
bytes via `filetype`, then the file's structure), and a clean file name. A refused file raises
`ValidationError` with a message the uploader can act on; nothing is written anywhere.
"""

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import format_file_size, isolate, list_separator

MAX_NAME_LENGTH = 80  # characters; the file field holds 100 with "documents/" and a collision suffix
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Content that must never be served from our domain, whatever its name says.
ACTIVE_CONTENT = re.compile(rb"^\s*(<!doctype\s+html|<html|<svg|<\?xml|<script|<body|<head|<iframe)", re.I)
# Zero-width joiners are part of Persian spelling; every other invisible format character (the
# right-to-left override used to disguise "exe.pdf" among them) is dropped.
KEPT_FORMAT_CHARACTERS = {"\u200c", "\u200d"}
UNSAFE_NAME_CHARACTERS = re.compile(r'[/\\:*?"<>|]')


@dataclass(frozen=True)
class ContentRule:
    """What a file with one extension must contain."""

    label: str
    mimes: frozenset  # what `filetype` may call it
    zip_members: tuple = ()  # for Office Open XML: files the archive must hold
    ole_streams: tuple = ()  # for legacy Office: any one of these streams
    odf_mimetype: str = ""


def _ooxml(label, mime, main_part):
    return ContentRule(label, frozenset({mime, "application/zip"}), zip_members=("[Content_Types].xml", main_part))


def _ole(label, mime, *streams):
    return ContentRule(label, frozenset({mime, "application/x-ole-storage"}), ole_streams=streams)


def _odf(label, mime):
    return ContentRule(label, frozenset({mime, "application/zip"}), odf_mimetype=mime)


RULES = {
    "pdf": ContentRule("PDF", frozenset({"application/pdf"})),
    "jpg": ContentRule("JPEG", frozenset({"image/jpeg"})),
    "jpeg": ContentRule("JPEG", frozenset({"image/jpeg"})),
    "png": ContentRule("PNG", frozenset({"image/png"})),
    "docx": _ooxml("Word (.docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   "word/document.xml"),
    "xlsx": _ooxml("Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "xl/workbook.xml"),
    "pptx": _ooxml("PowerPoint (.pptx)",
                   "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                   "ppt/presentation.xml"),
    "doc": _ole("Word (.doc)", "application/msword", "WordDocument"),
    "xls": _ole("Excel (.xls)", "application/vnd.ms-excel", "Workbook", "Book"),
    "ppt": _ole("PowerPoint (.ppt)", "application/vnd.ms-powerpoint", "PowerPoint Document"),
    "odt": _odf("OpenDocument text (.odt)", "application/vnd.oasis.opendocument.text"),
    "ods": _odf("OpenDocument spreadsheet (.ods)", "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": _odf("OpenDocument presentation (.odp)", "application/vnd.oasis.opendocument.presentation"),
}

DANGEROUS_KINDS = {
    "application/x-msdownload": gettext_lazy("a Windows program"),
    "application/x-executable": gettext_lazy("a Linux program"),
    "application/x-shockwave-flash": gettext_lazy("a Flash file"),
    "application/wasm": gettext_lazy("a WebAssembly program"),
    "application/x-sqlite3": gettext_lazy("a database file"),
}


def allowed_extensions():
    return [ext.lower().lstrip(".") for ext in settings.WAGTAILDOCS_EXTENSIONS]


def max_upload_size():
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


# --- names -------------------------------------------------------------------------------------

def clean_filename(name, max_length=MAX_NAME_LENGTH):
    """A name safe to store and to send back: no folders, no invisible or reserved characters.

    Persian and Chinese letters stay; the extension is kept and lower-cased; the stem is shortened
    so the whole name fits `max_length` characters.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]  # a browser may send a full Windows or POSIX path
    name = "".join(
        ch for ch in name
        if ch in KEPT_FORMAT_CHARACTERS or not unicodedata.category(ch).startswith("C")
    )
    name = UNSAFE_NAME_CHARACTERS.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip(" ")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = re.sub(r"[^0-9a-z]", "", extension.lower())[:10]
    stem = stem.strip(" .-") or "document"
    room = max_length - (len(extension) + 1 if extension else 0)
    stem = stem[:room].rstrip(" .-") or "document"
    return f"{stem}.{extension}" if extension else stem


def extension_of(name):
    return os.path.splitext(name)[1].lower().lstrip(".")


# --- content -----------------------------------------------------------------------------------

def _read_all(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _describe(kind):
    if kind is None:
        return None
    return DANGEROUS_KINDS.get(kind.mime) or f".{kind.extension}"


def _check_pdf(data):
    if not data.lstrip(b"\x00\t\n\r\f ")[:5] == b"%PDF-":
        return False
    if b"%%EOF" not in data[-2048:]:
        return False
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data), strict=False).pages) >= 0
    except Exception:  # noqa: BLE001 - any parser failure means "not a readable PDF"
        return False


def _check_image(data, expected_format):
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected_format:
                return False
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors for broken images
        return False
    return True


def _check_zip(data, rule):
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if rule.odf_mimetype:
                return (
                    "content.xml" in names and "mimetype" in names
                    and archive.read("mimetype").strip() == rule.odf_mimetype.encode()
                )
            if not all(member in names for member in rule.zip_members):
                return False
            # Macros belong in .docm/.xlsm/.pptm, which we do not accept.
            return not any(n.lower().endswith("vbaproject.bin") for n in names)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError):
        return False


def _check_ole(data, rule):
    if not data.startswith(OLE2_MAGIC) or data[28:30] != b"\xfe\xff":
        return False
    # The compound file's directory stores stream names in UTF-16.
    return any(stream.encode("utf-16-le") in data for stream in rule.ole_streams)


def content_matches(data, extension):
    """True when the bytes really are a file of this type (for the types we know)."""
    rule = RULES.get(extension)
    if rule is None:
        return not ACTIVE_CONTENT.match(data[:512])
    if extension == "pdf":
        return _check_pdf(data)
    if extension in ("jpg", "jpeg"):
        return _check_image(data, "JPEG")
    if extension == "png":
        return _check_image(data, "PNG")
    if rule.ole_streams:
        return _check_ole(data, rule)
    return _check_zip(data, rule)


def validate_upload(uploaded, *, extensions=None, max_size=None):
    """Refuse what the portal must not store; return the cleaned file name.

    `uploaded` is a Django `UploadedFile` (or any file object with `name`, `size`, `read`, `seek`).
    """
    extensions = extensions if extensions is not None else allowed_extensions()
    max_size = max_size if max_size is not None else max_upload_size()
    name = clean_filename(getattr(uploaded, "name", ""))
    extension = extension_of(name)
    size = getattr(uploaded, "size", None)
    # The messages quote names and types as set-apart runs (dates.isolate): «setup.pdf» keeps its
    # order in a Persian sentence, and the sentence keeps its direction.
    shown = {"name": isolate(name), "extension": isolate(f".{extension}" if extension else "?", "ltr")}
    if not size:
        raise ValidationError(_("“%(name)s” is empty.") % shown, code="empty")
    if max_size is not None and size > max_size:
        raise ValidationError(
            _("“%(name)s” is too big (%(size)s); the limit is %(limit)s.")
            % {**shown, "size": format_file_size(size), "limit": format_file_size(max_size)},
            code="too_big",
        )
    if extension not in extensions:
        accepted = list_separator().join(isolate(f".{accepted}", "ltr") for accepted in extensions)
        raise ValidationError(
            _("“%(name)s”: files of type “%(extension)s” are not accepted. Accepted types: %(accepted)s.")
            % {**shown, "accepted": accepted},
            code="extension",
        )
    data = _read_all(uploaded)
    kind = filetype.guess(data[:8192])
    rule = RULES.get(extension)
    expected = rule.label if rule else f".{extension}"
    if kind is not None and kind.mime in DANGEROUS_KINDS:
        raise ValidationError(
            _("“%(name)s” is %(actual)s, not what its name (%(extension)s) says; it was refused.")
            % {**shown, "actual": DANGEROUS_KINDS[kind.mime]},
            code="dangerous",
        )
    if ACTIVE_CONTENT.match(data[:512]):
        raise ValidationError(
            _("“%(name)s” is a web page or an SVG drawing, not what its name (%(extension)s) says; "
              "it was refused.") % shown,
            code="active_content",
        )
    if rule is None:
        magic_ok = True
    elif kind is None:
        # `filetype` names only the commonest layouts of legacy Office files; the OLE2 header is enough.
        magic_ok = bool(rule.ole_streams) and data.startswith(OLE2_MAGIC)
    else:
        magic_ok = kind.mime in rule.mimes
    if not magic_ok or not content_matches(data, extension):
        actual = None if magic_ok else _describe(kind)
        if actual:
            message = _("“%(name)s” is named %(extension)s but its content is %(actual)s. "
                        "Save it in the right format (%(expected)s) and upload it again.")
        else:
            message = _("“%(name)s” cannot be read as %(expected)s (it may be damaged or renamed). "
                        "Save it again in that format and upload it again.")
        raise ValidationError(
            message % {**shown, "actual": isolate(actual) if actual else actual, "expected": isolate(expected)},
            code="mismatch",
        )
    return name


# --- Wagtail's document forms -----------------------------------------------------------------

@cache
def _document_base_form():
    from wagtail.documents.forms import BaseDocumentForm

    class SafeDocumentForm(BaseDocumentForm):
        """Wagtail's document form, refusing what `validate_upload` refuses (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

        def clean_file(self):
            uploaded = self.cleaned_data.get("file")
            if uploaded and "file" in self.changed_data:
                uploaded.name = validate_upload(uploaded)
            return uploaded

    return SafeDocumentForm


def __getattr__(name):
    # Imported lazily so that loading this module never pulls in Wagtail's admin forms.
    if name == "SafeDocumentForm":
        return _document_base_form()
    raise AttributeError(name)

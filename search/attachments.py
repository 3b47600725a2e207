"""Text of the documents attached to indexed items, so that what they say is searchable.

`extract_text(file, extension)` reads PDF, Word (.docx), OpenDocument (.odt/.ods/.odp), Excel
(.xlsx) and PowerPoint (.pptx) files with the pinned parsers, in a process of its own with a
memory cap and a wall-clock limit (search/extraction.py says why and how), and never raises: a
damaged, encrypted or oversized file is logged and gives "". Legacy .doc/.xls/.ppt give "".

Parsing is slow next to indexing and must not hold a request, so it happens in the task worker:
indexing an object whose document has no text for the file's current version (its hash and name)
yet asks for it (`extract_document_text`) and indexes the object without it; the task reads the
file, keeps the text in `DocumentText` and indexes the objects carrying the document again. The
provider registered from apps.py adds the text of the documents an indexed object carries (its
type's `attachments`, registry.py) to the object's `extra_text` field; nothing else receives it,
and the object's own visibility fields decide who finds it. Re-indexing when a document changes:
signals.py.
"""

import json
import logging
import subprocess
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from pathlib import Path

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from portal.audiences import PUBLIC
from portal.page_privacy import hidden_collections

from . import conf, registry, signals
from .extraction import format_of
from .models import DocumentText
from .text import normalise

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 1_000_000  # kept per item, all its documents together

# The reading process: a fresh interpreter, isolated from the environment (-I), that imports
# search.extraction from the project and nothing of Django.
_READER = "import sys; sys.path.insert(0, sys.argv[1]); from search.extraction import main; main(sys.argv[2:])"
_PROJECT = str(Path(__file__).resolve().parent.parent)


def _read_in_child(data, extension, limits, seconds):
    """(text, problem) from the reading process; problem is None when the file gave its text."""
    command = [sys.executable, "-I", "-c", _READER, _PROJECT, extension, json.dumps(asdict(limits))]
    try:
        finished = subprocess.run(  # noqa: S603 - our interpreter, our code, arguments we built
            command, input=data, capture_output=True, timeout=seconds, check=False,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},  # none of the portal's secrets
        )
    except subprocess.TimeoutExpired:  # run() has killed it
        return "", f"reading it took longer than {seconds:g} s"
    if finished.returncode != 0:
        last = (finished.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        return "", f"the reading process stopped (exit status {finished.returncode}): {last[:300]}"
    try:
        result = json.loads(finished.stdout)
    except ValueError:
        return "", "the reading process gave no answer"
    if result.get("problem"):
        return "", result["problem"]
    return result.get("text", ""), None


def extract_text(file, extension, *, limits=None, described=None):
    """The plain, NFKC-normalised text of a document ("" for formats we do not read).

    `file` is bytes or a binary file object; `extension` names the format ("pdf", ".DOCX").
    Never raises for what a file contains: a damaged, encrypted, hostile or oversized file gives
    "" and a warning in the log naming it (`described`, else its format).
    """
    name = format_of(extension)
    if name is None:
        return ""
    limits = limits or conf.attachment_limits()
    data = file if isinstance(file, bytes) else file.read()
    text, problem = _read_in_child(data, name, limits, conf.attachment_seconds())
    if problem:
        logger.warning("No text taken from %s: %s", described or f"a .{name} file", problem)
    return text


# --- the cache -----------------------------------------------------------------------------------

# While set, only text extracted before is used and none is asked for (the database search).
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


def _current_text(document, file_hash):
    """The text kept for this version of the document's file (its hash and name), or None."""
    return DocumentText.objects.filter(
        document_id=document.pk, file_hash=file_hash, file_name=document.file.name
    ).first()


def document_text(document):
    """The text of a Wagtail document's current file as read so far: "" until the worker has read it.

    Asks the worker to read a file whose current version has no text yet; with an immediate task
    backend (tests, a portal without a worker) the text is there when this returns.
    """
    if _cached_only.get():
        cached = DocumentText.objects.filter(document_id=document.pk).first()
        return cached.text if cached else ""
    if format_of(document.file_extension) is None:
        return ""
    try:
        file_hash = _file_hash(document)
    except Exception as exc:  # noqa: BLE001 - a missing or unreadable file must not stop indexing
        logger.warning("Document %s (%s) cannot be read: %s", document.pk, document.file.name, exc)
        return ""
    cached = _current_text(document, file_hash)
    if cached is None and document.pk not in _being_read.get():
        try:
            extract_document_text.enqueue(document.pk)
        except Exception:  # the item is indexed all the same; the next change asks again
            logger.exception("Could not ask the worker for the text of document %s.", document.pk)
        cached = _current_text(document, file_hash)
    return cached.text if cached else ""


# Documents whose task is indexing their carriers again: those must not ask for the text again.
_being_read = ContextVar("documents_being_read", default=frozenset())


@task()
def extract_document_text(document_id):
    """Read a document's file, keep its text and index the objects that carry it again.

    Asked for by every indexing that finds no text, so it may come twice for one file: the
    second time finds the text kept and does nothing. A file that breaks a limit keeps "" (and
    was logged): its items stay indexed, without its text, and it is not read again until it
    changes.
    """
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    described = f"document {document.pk} ({document.file.name})"
    try:
        file_hash = _file_hash(document)
        if _current_text(document, file_hash) is not None:
            return "read before"
        with document.open_file() as f:
            data = f.read()
    except Exception as exc:  # noqa: BLE001 - a missing file: its items keep their other text
        logger.warning("%s cannot be read: %s", described[0].upper() + described[1:], exc)
        return "unreadable"
    text = extract_text(data, document.file_extension, described=described)
    DocumentText.objects.update_or_create(
        document_id=document.pk,
        defaults={"file_hash": file_hash, "file_name": document.file.name, "text": text,
                  "extracted_at": timezone.now()},
    )
    token = _being_read.set(_being_read.get() | {document.pk})
    try:
        signals.schedule(registry.refs_carrying(document))
    finally:
        _being_read.reset(token)
    return "read"


# --- the text an indexed object carries ------------------------------------------------------------

def attached_documents(obj):
    """The documents an indexed object carries, in their display order (its type's `attachments`),
    but those in a collection the public may not open (Wagtail's collection privacy): a public item
    must not be found by words of a file its readers cannot download. (Members lose search inside
    such files too: the index holds one text per item, not one per audience.)"""
    indexed_type = registry.type_of(obj)
    if indexed_type is None or indexed_type.attachments is None:
        return []
    documents = list(indexed_type.attachments.documents(obj))
    if not documents:
        return []
    Document = documents[0]._meta.model
    closed = set(Document.objects.filter(hidden_collections(PUBLIC)).filter(
        pk__in=[d.pk for d in documents]).values_list("pk", flat=True))
    return [document for document in documents if document.pk not in closed]


def attachment_text(obj):
    """The provider registered with search.text: the text of the object's own documents."""
    parts, size = [], 0
    for document in attached_documents(obj):
        if size >= MAX_CHARACTERS:
            break
        text = document_text(document)
        parts.append(text)
        size += len(text)
    return normalise(" ".join(parts))[:MAX_CHARACTERS]


def owners_with_text(indexed_type, word):
    """Rows of the type with a document whose extracted text contains `word` (database search)."""
    if indexed_type.attachments is None:
        return Q()
    documents = indexed_type.attachments.lookup
    rows = indexed_type.model._default_manager.filter(**{f"{documents}__extracted_text__text__icontains": word})
    rows = rows.exclude(hidden_collections(PUBLIC, field=f"{documents}__collection__path"))
    return Q(pk__in=rows.values("pk"))

"""Bulk import of external documents (JSON Lines) as published, public knowledge items.

What ``manage.py import_documents FILE.jsonl`` does, as plain functions the tests call directly.
One JSON object per line:

    {"title": …, "body": …, "language": "fa"|"zh"|"en", "kind": "study"|"training"|"report"|"resolution",
     "organisation": …, "date": …, "source_url": …, "external_id": …}

Rules (the file is a machine interface: keep them stable):

- ``kind`` "resolution" is another body's resolution, not one of our meetings': it becomes an
  experience report (what was decided after an event), as "report" does.
- ``organisation`` is any name, alias or slug of an organisation; an unknown one makes the line
  bad (the message names the close matches). Without one, the item belongs to the network
  secretariat.
- ``date`` is ISO (2012-09-22) or Jalali (1391/07/01, any digits): `portal.dates.parse_date`.
- An item is found again by ``external_id``; a line without one matches an item of the same kind,
  title and organisation that has no external id either (so changing such a title creates a new
  item). The file wins: a found item is updated, published and made public; one whose fields
  already match gets no new revision.
- The summary is the body's first paragraph that reads as a lead (shortened): not a date, a
  name, the headline again or a "source | date | author" line. Blank lines separate paragraphs.
- A bad line is skipped with its line number; unknown fields make a line bad rather than being
  dropped silently. Everything else is imported.
"""

import difflib
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DataError, IntegrityError, transaction
from django.utils.text import Truncator, slugify

from portal.addresses import MAX_URL_LENGTH
from portal.dates import parse_date
from portal.models import Organisation, OrganisationKind
from portal.names import match_organisation
from portal.textnorm import matching_key, one_line
from search.signals import indexing_in_bulk

from .kinds import KINDS, kind_of
from .models import ExperienceReport, KnowledgeIndexPage, KnowledgeItem, Visibility
from .submissions import text_to_body

IMPORT_KINDS = {**KINDS, "resolution": ExperienceReport}
LANGUAGES = ("fa", "zh", "en")
REQUIRED_FIELDS = ("title", "body", "language", "kind")
OPTIONAL_FIELDS = ("organisation", "date", "source_url", "external_id")
SUMMARY_LENGTH = 300
# A lead has at least this many letters (in any script): «سه‌شنبه ۱۳۹۸/۰۶/۲۶» or «حافظی:» has not.
LEAD_LETTERS = 12
DEFAULT_BATCH_SIZE = 200

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

_MAX_LENGTHS = {
    "title": KnowledgeItem._meta.get_field("title").max_length,
    "source_url": MAX_URL_LENGTH,  # the model's and the API's limit too
    "external_id": KnowledgeItem._meta.get_field("external_id").max_length,
}
_is_web_address = URLValidator(schemes=["http", "https"])
_BOM = b"\xef\xbb\xbf"


class BadLine(ValueError):
    """A line that cannot be imported; str() is the message shown to whoever runs the import."""

    def __init__(self, line, problem):
        super().__init__(f"line {line}: {problem}")
        self.line = line


class ImportRefused(Exception):
    """Nothing can be imported at all (no knowledge index page)."""


@dataclass(frozen=True)
class DocumentRecord:
    """One valid line, ready to become a knowledge item."""

    line: int
    kind: str
    title: str
    body: str
    language: str
    organisation: Organisation
    document_date: object = None  # datetime.date
    source_url: str = ""
    external_id: str = ""

    @property
    def model(self):
        return IMPORT_KINDS[self.kind]

    @property
    def key(self):
        """What finds the item again (see the module docstring)."""
        if self.external_id:
            return ("external_id", self.external_id)
        return ("match", self.model._meta.label_lower, self.title, self.organisation.pk)

    def page_fields(self):
        return {
            "title": self.title,
            "organisation_id": self.organisation.pk,
            "language": self.language,
            "document_date": self.document_date,
            "source_url": self.source_url,
            "external_id": self.external_id,
            "visibility": Visibility.PUBLIC,
            "summary": summary_of(self.body, self.title),
        }

    def body_blocks(self):
        return text_to_body(self.body)


# --- reading a line ------------------------------------------------------------------------------

def numbered_lines(stream):
    """(line number, text) for each non-blank line of a binary stream of UTF-8 (BOM or not, LF or CRLF).

    Splitting happens on LF only: JSON strings may hold U+2028 and similar separators. A line that
    is not UTF-8 comes back as a BadLine instead of text.
    """
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield number, BadLine(number, f"not UTF-8 text (byte {error.start + 1})")
            continue
        if text.strip():
            yield number, text.rstrip("\r\n")


def parse_line(number, text, organisations):
    """The record one line describes; raises BadLine saying what is wrong with it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadLine(number, f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise BadLine(number, f"expected a JSON object, got {type(data).__name__}")
    unknown = sorted(set(data) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        expected = ", ".join(REQUIRED_FIELDS + OPTIONAL_FIELDS)
        raise BadLine(number, f"unknown field(s) {', '.join(unknown)} (expected: {expected})")
    for name in REQUIRED_FIELDS:
        if not _text(data, name, number):
            raise BadLine(number, f"missing {name}")

    kind = _text(data, "kind", number).lower()
    if kind not in IMPORT_KINDS:
        raise BadLine(number, f"kind must be one of {', '.join(IMPORT_KINDS)}")
    language = _text(data, "language", number).lower()
    if language not in LANGUAGES:
        raise BadLine(number, f"language must be one of {', '.join(LANGUAGES)}")
    title = " ".join(_text(data, "title", number).split())
    _check_length(number, "title", title)

    document_date = None
    if date_text := _text(data, "date", number):
        try:
            document_date = parse_date(date_text)
        except ValueError as error:
            raise BadLine(number, f"date: {error} (write 2012-09-22 or 1391/07/01)") from None

    source_url = _text(data, "source_url", number)
    if source_url:
        _check_length(number, "source_url", source_url)
        try:
            _is_web_address(source_url)
        except ValidationError:
            raise BadLine(number, f"source_url is not an http(s) address: {source_url!r}") from None

    external_id = _text(data, "external_id", number, numbers=True)
    _check_length(number, "external_id", external_id)

    organisation_name = _text(data, "organisation", number)
    try:
        organisation = organisations.find(organisation_name) if organisation_name else organisations.default()
    except LookupError as error:
        raise BadLine(number, str(error)) from None

    return DocumentRecord(
        line=number, kind=kind, title=title, body=_paragraph_text(_text(data, "body", number)),
        language=language, organisation=organisation, document_date=document_date,
        source_url=source_url, external_id=external_id,
    )


def _text(data, name, number, numbers=False):
    """A field as stripped text ('' when absent or null); numbers allowed where ids may be numeric."""
    value = data.get(name)
    if value is None:
        return ""
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise BadLine(number, f"{name} must be a string")
    if "\x00" in value:
        raise BadLine(number, f"{name} contains a NUL character")
    return value.strip()


def _check_length(number, name, value):
    limit = _MAX_LENGTHS[name]
    if len(value) > limit:
        raise BadLine(number, f"{name} is longer than {limit} characters")


def _paragraph_text(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def summary_of(body, title=""):
    """The first paragraph that reads as the document's lead, on one line, shortened: the page's
    lead and the search hit's summary (searched with twice a body word's weight).

    Pages copied from news sites open with a date, the speaker's name, the headline again or a
    "source | date | author" line: those are passed over. Without a paragraph that reads as a
    lead, the first one.
    """
    paragraphs = [one_line(p) for p in re.split(r"\n\s*\n", body.strip())]
    headline = matching_key(title)
    lead = next((p for p in paragraphs if reads_as_lead(p, headline)), paragraphs[0])
    return Truncator(lead).chars(SUMMARY_LENGTH)


def reads_as_lead(paragraph, headline):
    """`headline`: the title's matching key."""
    if sum(character.isalpha() for character in paragraph) < LEAD_LETTERS:
        return False
    if paragraph.count("|") + paragraph.count("｜") >= 2:  # «來源: … | 發布日期: … | 作者: …»
        return False
    # The headline again, perhaps with the source before it («【城中區應急管理局】…»).
    key = matching_key(paragraph)
    return not (headline and headline in key and len(key) < 2 * len(headline))


# --- organisations -------------------------------------------------------------------------------

class OrganisationNames:
    """Finds organisations by any of their names, aliases or slug, loading them once per import."""

    def __init__(self, organisations=None):
        if organisations is None:  # with the spellings learned from minutes, read once, not per name
            organisations = Organisation.objects.prefetch_related("learned_aliases")
        self.organisations = list(organisations)
        self._found = {}

    def find(self, text):
        """The one organisation so named; LookupError naming close matches otherwise."""
        if text not in self._found:
            self._found[text] = self._find(text)
        found = self._found[text]
        if isinstance(found, LookupError):
            raise found
        return found

    def _find(self, text):
        matches = [org for org in self.organisations
                   if org.slug.lower() == text.lower() or org.matches_name(text)]
        if not matches:  # the rules owners in minutes are matched by: learned spellings, city, secretariat
            found = match_organisation(text, self.organisations)
            matches = [org for org in self.organisations if found and org.pk == found.pk]
        if len(matches) == 1:
            return matches[0]
        if matches:
            return LookupError(f"organisation {text!r} names several organisations "
                               f"({', '.join(_label(org) for org in matches)}); give the slug")
        close = self.close_matches(text)
        hint = (f"close matches: {', '.join(map(_label, close))}" if close
                else "no organisation has a similar name")
        return LookupError(f"unknown organisation {text!r} ({hint})")

    def close_matches(self, text, limit=3):
        by_key = {}
        for org in self.organisations:
            for name in (org.slug, *org.all_names()):
                by_key.setdefault(matching_key(name), org)
        keys = difflib.get_close_matches(matching_key(text), list(by_key), n=limit * 3, cutoff=0.6)
        return list(dict.fromkeys(by_key[key] for key in keys))[:limit]

    def default(self):
        """The network secretariat: it shares what came from outside the network."""
        secretariats = [org for org in self.organisations
                        if org.kind == OrganisationKind.NETWORK_SECRETARIAT and org.is_active]
        if not secretariats:
            raise LookupError("no organisation given, and there is no active network secretariat "
                              "to fall back on")
        return min(secretariats, key=lambda org: org.pk)


def _label(org):
    return f"{org.name_in('en') or org.slug} [{org.slug}]"


# --- finding, creating, updating -----------------------------------------------------------------

def knowledge_index():
    index = KnowledgeIndexPage.objects.first()
    if index is None:
        raise ImportRefused("There is no knowledge index page to put the items under; create it first.")
    return index


def existing_item(record):
    """The item this record updates (the specific page), or None; BadLine when that is unclear."""
    if record.external_id:
        found = list(KnowledgeItem.objects.filter(external_id=record.external_id).specific()[:2])
        if len(found) > 1:
            raise BadLine(record.line, f"external_id {record.external_id!r} is used by several items")
        if found and type(found[0]) is not record.model:
            raise BadLine(record.line, f"external_id {record.external_id!r} is a {kind_of(found[0])}, "
                                       f"which cannot become a {record.kind}")
    else:
        found = list(record.model.objects.filter(
            title=record.title, organisation=record.organisation, external_id="",
        )[:2])
        if len(found) > 1:
            raise BadLine(record.line, "several items have this kind, title and organisation; "
                                       "give the line an external_id")
    return found[0] if found else None


def differences(item, record):
    """The names of the fields the record would change on the published item."""
    changed = [name for name, value in record.page_fields().items() if getattr(item, name) != value]
    if _blocks(item.body) != record.body_blocks():
        changed.append("body")
    if not item.live:
        changed.append("live")
    return changed


def _blocks(body):
    return [(block.block_type, getattr(block.value, "source", block.value)) for block in body]


def save_record(record, parent):
    """Create or update the record's item and publish it; returns CREATED, UPDATED or UNCHANGED."""
    item = existing_item(record)
    if item is not None and not differences(item, record):
        return UNCHANGED
    try:
        if item is None:
            item = record.model(live=False, body=record.body_blocks(), **record.page_fields())
            if not slugify(record.title, allow_unicode=True):
                item.slug = _free_slug(parent, slugify(record.external_id) or record.kind)
            parent.add_child(instance=item)
            outcome = CREATED
        else:
            for name, value in record.page_fields().items():
                setattr(item, name, value)
            item.body = record.body_blocks()
            outcome = UPDATED
        item.save_revision().publish()
    except ValidationError as error:
        raise BadLine(record.line, "; ".join(error.messages)) from None
    except (DataError, IntegrityError) as error:  # what the database alone refuses, e.g. a too-long slug
        raise BadLine(record.line, f"the database refused it ({error})") from None
    return outcome


def _free_slug(parent, base):
    """A slug no sibling uses, for titles that give none (Wagtail derives the others from the title)."""
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


# --- the whole file ------------------------------------------------------------------------------

@dataclass
class LineResult:
    line: int
    outcome: str
    record: DocumentRecord


@dataclass
class ImportSummary:
    results: list = field(default_factory=list)  # LineResult, in file order
    skipped: list = field(default_factory=list)  # BadLine, in file order

    def count(self, outcome):
        return sum(1 for result in self.results if result.outcome == outcome)

    def __str__(self):
        return (f"created {self.count(CREATED)}, updated {self.count(UPDATED)}, "
                f"unchanged {self.count(UNCHANGED)}, skipped {len(self.skipped)}")


def import_documents(stream, *, dry_run=False, batch_size=DEFAULT_BATCH_SIZE, organisations=None):
    """Import every good line of a JSON Lines stream (binary); returns what happened to each line.

    Lines are saved in batches of `batch_size`, one transaction per batch and a savepoint per line
    (a line that fails leaves no trace), and each batch is indexed in one bulk write after it commits;
    when the engine is unreachable its changes wait in the search queue. With `dry_run` nothing is
    written: the outcomes say what would happen.
    """
    parent = knowledge_index()
    organisations = organisations or OrganisationNames()
    summary = ImportSummary()
    records = _records(stream, organisations, summary)
    if dry_run:
        _plan(records, summary)
        return summary
    while batch := _take(records, batch_size):
        with indexing_in_bulk(), transaction.atomic():
            for record in batch:
                try:
                    with transaction.atomic():
                        outcome = save_record(record, parent)
                except BadLine as error:
                    summary.skipped.append(error)
                else:
                    summary.results.append(LineResult(record.line, outcome, record))
    summary.skipped.sort(key=lambda error: error.line)
    return summary


def _records(stream, organisations, summary):
    for number, text in numbered_lines(stream):
        try:
            if isinstance(text, BadLine):
                raise text
            yield parse_line(number, text, organisations)
        except BadLine as error:
            summary.skipped.append(error)


def _take(records, size):
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            break
    return batch


def _plan(records, summary):
    """What an import would do, without writing: earlier lines of the file count as saved."""
    planned = {}
    for record in records:
        try:
            item = existing_item(record)
        except BadLine as error:
            summary.skipped.append(error)
            continue
        if record.key in planned:
            earlier = planned[record.key]
            same = earlier.page_fields() == record.page_fields() and earlier.body == record.body
            outcome = UNCHANGED if same else UPDATED
        elif item is None:
            outcome = CREATED
        else:
            outcome = UPDATED if differences(item, record) else UNCHANGED
        planned[record.key] = record
        summary.results.append(LineResult(record.line, outcome, record))
    summary.skipped.sort(key=lambda error: error.line)

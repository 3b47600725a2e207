"""Read a meeting's minutes (plain text) into numbered resolutions and their follow-up owners.

Three layouts are understood, with Latin, Persian or Arabic-Indic digits:

* Persian: items ``۱)`` … ``۹)`` (also ``1.``, ``۱-``), owner in «(مسئول پیگیری: …)»;
* English: items ``1.``, ``1)``, ``(1)``, owner after ``Owner:``, ``Responsible:``,
  ``Follow-up:`` or ``Follow up by:``, in brackets or on a line of its own;
* Chinese: items ``一、``, ``1、``, ``（一）``, owner after ``责任单位：`` or ``牵头单位：``.

A line that does not start a new item continues the current one, so items broken across lines
or paragraphs, and owner markers on a line of their own, stay with the right item. Owners are
matched against the organisations the caller knows (:class:`OwnerCandidate`).

Pure Python on purpose: the preview view, ``manage.py import_minutes`` and the tests share it
without Django. Every regular expression is linear (no nested quantifiers that could backtrack
on megabytes of noise), and the size limit is checked before anything else.
"""

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from portal.names import OwnerCandidate, OwnerMatcher, ParsedOwner, owner_identity
from portal.ordinals import HAN_NUMERAL, meeting_ordinals
from portal.textnorm import count_arabic_script, guess_language, han_number, to_latin_digits

__all__ = ["OwnerCandidate", "ParsedOwner", "MinutesError", "decode_minutes", "parse_minutes"]

MAX_MINUTES_BYTES = 1_000_000
MAX_RESOLUTIONS = 500  # far more than one meeting adopts; beyond it the text is not minutes


# --- Results ------------------------------------------------------------------------------


@dataclass
class ParsedResolution:
    number: int
    text: str
    owners: list[ParsedOwner]
    refers_to_meetings: list[int]  # ordinals of earlier meetings it mentions, sorted


@dataclass
class ParsedMinutes:
    title: str | None
    meeting_number: int | None
    resolutions: list[ParsedResolution]
    language: str  # "fa", "zh" or "en"
    header: list[str] = field(default_factory=list)  # the first lines before the items


class MinutesError(ValueError):
    """The input cannot be read as minutes; the message is meant for the person who sent it."""


_EMPTY = "The minutes are empty. Paste or upload the text of the meeting's minutes."
_NO_ITEMS = "No numbered resolutions were found. Number each resolution like “1)” or “۱)”."
_TOO_LARGE = "The minutes are larger than 1 MB. Upload the text of the minutes only, without attachments."
_TOO_MANY = (f"More than {MAX_RESOLUTIONS} numbered resolutions were found. "
             "Upload the minutes of one meeting at a time.")
_BINARY = "The file looks like binary data, not text. Save the minutes as plain text and try again."
_NOT_UTF8 = "The file is not UTF-8 text. Save the minutes as UTF-8 plain text and try again."


# --- Entry points -------------------------------------------------------------------------


def decode_minutes(data: bytes) -> str:
    """Turn uploaded bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256."""
    if len(data) > MAX_MINUTES_BYTES:
        raise MinutesError(_TOO_LARGE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data)
    elif b"\x00" in data:
        raise MinutesError(_BINARY)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_windows_1256(data)
    _check_is_text(text)
    return text


def parse_minutes(text: str, candidates: Sequence[OwnerCandidate] = ()) -> ParsedMinutes:
    """Split minutes into resolutions, match their owners to ``candidates``; raise MinutesError."""
    _check_size(text)
    text = text.removeprefix("\ufeff")  # a byte-order mark read as text
    if not text.strip():
        raise MinutesError(_EMPTY)
    _check_is_text(text)
    preamble, items = _split_items(text)
    if not items:
        raise MinutesError(_NO_ITEMS)
    meeting_number = _meeting_number(preamble)
    matcher = OwnerMatcher(candidates)
    return ParsedMinutes(
        title=preamble[0] if preamble else None,
        meeting_number=meeting_number,
        resolutions=[_resolution(item, matcher, meeting_number) for item in items],
        language=_dominant_language(text),
        header=preamble[:_HEADER_LINES],
    )


# --- Input checks -------------------------------------------------------------------------

# Control characters other than whitespace, and the replacement character left by bad decoding.
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_NON_TEXT_SHARE = 0.1  # real text has next to none; a few stray ones are tolerated


def _check_size(text: str) -> None:
    # len() first: more characters than the limit is over it in any encoding, and costs nothing.
    if len(text) > MAX_MINUTES_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_MINUTES_BYTES:
        raise MinutesError(_TOO_LARGE)


def _check_is_text(text: str) -> None:
    if "\x00" in text or len(_NON_TEXT.findall(text)) > _NON_TEXT_SHARE * len(text):
        raise MinutesError(_BINARY)


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise MinutesError(_NOT_UTF8) from None


def _decode_windows_1256(data: bytes) -> str:
    """Older Persian files are Windows-1256; any byte string decodes so, hence the script check."""
    text = data.decode("cp1256", errors="replace")
    visible = len(text) - sum(map(str.isspace, text))
    if count_arabic_script(text) < 0.5 * visible:
        raise MinutesError(_NOT_UTF8)
    return text


def _dominant_language(text: str) -> str:
    # Text without letters counts as English, and so does a tie with English.
    return guess_language(text, default="en", ties=("en", "fa", "zh"))


# --- Lines into items ---------------------------------------------------------------------

# One-to-one character folds: a position in the folded text is the same position in the text,
# so the patterns below stay simple while resolutions are cut from the original.
_SCAN_FOLDS = {
    "ي": "ی", "ى": "ی", "ك": "ک",
    "（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]",
    "：": ":", "﹕": ":", "．": ".",
    **{chr(0xFF10 + d): str(d) for d in range(10)},  # full-width digits
    # ZWNJ and invisible formatting characters read as spaces.
    **dict.fromkeys("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                    "\u2066\u2067\u2068\u2069\ufeff", " "),
}
_FOLDABLE = re.compile("[" + re.escape("".join(_SCAN_FOLDS)) + "]")

_ITEM_START = re.compile(
    rf"""\s*(?:
        [(\[] \s* (?P<bracketed>\d{{1,3}}|{HAN_NUMERAL}) \s* [)\]]     # (1)  （一）
      | (?P<arabic>\d{{1,3}}) (?: \s*[)、] | \s*[\-–ـ](?!\d) | [._](?!\d) )   # 1)  1、  ۱ -  1.  (not 1.5)
      | (?P<han>{HAN_NUMERAL}) \s* [、.]                                # 一、
    )""",
    re.VERBOSE,
)

_OWNER_LABEL = r"""
    مس[ئؤو]ول(?:ین|ان)?\s*پیگیری                                 # «مسئول پیگیری»
  | \b(?:owners?|responsible|follow[\s-]*up(?:\s+by)?)\b         # English
  | 责任单位|責任單位|牵头单位|牽頭單位                                # Chinese
"""
_OWNER_MARKER = re.compile(rf"(?P<open>[(\[﴾﴿]\s*)?(?:{_OWNER_LABEL})\s*:", re.IGNORECASE | re.VERBOSE)
_CLOSING_BRACKET = re.compile("[)\\]﴾﴿]")


@dataclass
class _Item:
    number: int
    lines: list[str] = field(default_factory=list)
    owner_texts: list[str] = field(default_factory=list)


def _scan_form(text: str) -> str:
    return to_latin_digits(_FOLDABLE.sub(lambda char: _SCAN_FOLDS[char[0]], text))


def _split_items(text: str) -> tuple[list[str], list[_Item]]:
    """Return the non-empty lines before the first item, and the items in document order."""
    preamble: list[str] = []
    items: list[_Item] = []
    # The folds leave line breaks alone, so both texts split into the same lines.
    for line, scan in zip(text.splitlines(), _scan_form(text).splitlines(), strict=True):
        if start := _ITEM_START.match(scan):
            if len(items) == MAX_RESOLUTIONS:
                raise MinutesError(_TOO_MANY)
            items.append(_Item(_item_number(start)))
            line, scan = line[start.end():], scan[start.end():]
        if not items:
            if line.strip():
                preamble.append(_tidy(line))
            continue
        rest, owner_texts = _take_owner_markers(line, scan)
        items[-1].lines.append(rest)
        items[-1].owner_texts.extend(owner_texts)
    return preamble, items


def _item_number(start: re.Match) -> int:
    numeral = start.group("bracketed") or start.group("arabic") or start.group("han")
    return int(numeral) if numeral.isdecimal() else han_number(numeral)


def _take_owner_markers(line: str, scan: str) -> tuple[str, list[str]]:
    """Cut the owner markers out of a line; return the rest of the line and the owner texts."""
    if ":" not in scan:  # every marker ends with a colon; most lines have none
        return line, []
    kept, owner_texts, pos = [], [], 0
    while marker := _OWNER_MARKER.search(scan, pos):
        # A bracketed marker ends at its closing bracket, a bare one at the end of the line.
        value_end = end = len(line)
        if marker.group("open") and (close := _CLOSING_BRACKET.search(scan, marker.end())):
            value_end, end = close.start(), close.end()
        kept.append(line[pos:marker.start()])
        owner_texts.append(line[marker.end():value_end])
        pos = end
    kept.append(line[pos:])
    return "".join(kept), owner_texts


# --- Items into resolutions ---------------------------------------------------------------

_SPACES = re.compile(r"\s+")
# Chinese characters and full-width punctuation: lines of Chinese text re-join without a space.
_CJK_CHAR = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _join_lines(lines: list[str]) -> str:
    parts: list[str] = []
    for line in filter(None, map(_tidy, lines)):
        if parts and not (_CJK_CHAR.match(parts[-1][-1]) and _CJK_CHAR.match(line[0])):
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


def _resolution(item: _Item, matcher: OwnerMatcher, meeting_number: int | None) -> ParsedResolution:
    text = _join_lines(item.lines)
    owners = [owner for owner_text in item.owner_texts for owner in matcher.owners(owner_text)]
    return ParsedResolution(
        number=item.number,
        text=text,
        owners=_unique_owners(owners),
        refers_to_meetings=sorted(set(meeting_ordinals(text)) - {meeting_number}),
    )


def _unique_owners(owners: list[ParsedOwner]) -> list[ParsedOwner]:
    seen, unique = set(), []
    for owner in owners:
        identity = owner_identity(owner)
        if identity not in seen:
            seen.add(identity)
            unique.append(owner)
    return unique


# --- The meeting's number: its ordinal in the heading (portal.ordinals) ---------------------

_HEADING_LINES = 3  # lines before the items that may name the meeting
_HEADER_LINES = 6  # lines before the items that may give the meeting's place and date


def _meeting_number(preamble: list[str]) -> int | None:
    """The ordinal in the title, or else in the next lines before the items (a heading often
    puts the network's name first and "Minutes of the 9th meeting" second)."""
    for line in preamble[:_HEADING_LINES]:
        if ordinals := meeting_ordinals(line):
            return ordinals[0]
    return None

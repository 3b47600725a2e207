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
from portal.textnorm import count_arabic_script, guess_language, han_number, matching_key, to_latin_digits

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

_HAN_NUMERAL = "[〇零一二两兩三四五六七八九十百]{1,5}"
_ITEM_START = re.compile(
    rf"""\s*(?:
        [(\[] \s* (?P<bracketed>\d{{1,3}}|{_HAN_NUMERAL}) \s* [)\]]     # (1)  （一）
      | (?P<arabic>\d{{1,3}}) (?: \s*[)、] | \s*[\-–ـ](?!\d) | [._](?!\d) )   # 1)  1、  ۱ -  1.  (not 1.5)
      | (?P<han>{_HAN_NUMERAL}) \s* [、.]                                # 一、
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
        refers_to_meetings=sorted(set(_meeting_ordinals(text)) - {meeting_number}),
    )


def _unique_owners(owners: list[ParsedOwner]) -> list[ParsedOwner]:
    seen, unique = set(), []
    for owner in owners:
        identity = owner_identity(owner)
        if identity not in seen:
            seen.add(identity)
            unique.append(owner)
    return unique


# --- Owners: matched by the portal's one matcher (portal.names) ----------------------------

# --- Meeting ordinals: «نهمین نشست», «جلسات هفتم و هشتم», "7th and 8th meetings", 第九次会议 ---

_FA_UNITS = {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9}
_FA_TEENS = {"ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
             "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19}
_FA_TENS = {"بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90}


def _fa_ordinal(cardinal: str) -> str:
    """سه → سوم, سی → سیام (the key drops the ZWNJ of «سی‌ام»), the rest add «م»."""
    return {"سه": "سوم", "سی": "سیام"}.get(cardinal, cardinal + "م")


_FA_UNIT_ORDINALS = {_fa_ordinal(word): n for word, n in _FA_UNITS.items()}
_FA_ORDINALS = {**_FA_UNIT_ORDINALS, "اول": 1, "نخست": 1,
                **{_fa_ordinal(word): n for word, n in (_FA_TEENS | _FA_TENS).items()}}

_EN_UNIT_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                     "seventh": 7, "eighth": 8, "ninth": 9}
_EN_ORDINALS = {**_EN_UNIT_ORDINALS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
                "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
                "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}

_MEETING_NOUNS = {"نشست", "نشستها", "نشستهای", "جلسه", "جلسهی", "جلسات", "اجلاس",
                  "meeting", "meetings", "session", "sessions"}
_MEETING_NOUN_STEMS = ("نشست", "جلس", "اجلاس", "meeting", "session")  # each noun contains one
_AFTER_NOUN_FILLERS = {"ی", "ها", "های", "شماره", "no", "nos", "number", "numbers"}
_AND = {"و", "and"}
_FA_BEFORE_NOUN = "ین"  # «هفتم» follows the noun, «هفتمین» precedes it
_DIGIT_ORDINAL = re.compile(r"(\d{1,3})(st|nd|rd|th|م|ام|مین|امین)?")  # 4 digits would be a year

_HAN_ORDINAL = rf"(?:\d{{1,3}}|{_HAN_NUMERAL})"
# 第七次会议, 第七次、第八次会议, 第七、八次会议, 第九次特大城市…会议 (keys: 、 has become a space).
_HAN_MEETING = re.compile(
    rf"第(?P<ordinals>{_HAN_ORDINAL}次?(?:(?:\s|和|及|与|與)第?{_HAN_ORDINAL}次?)*)"
    r"[^\s第]{0,20}?(?:会议|會議)"
)
_HAN_ORDINAL_PART = re.compile(_HAN_ORDINAL)
_HEADING_LINES = 3  # lines before the items that may name the meeting
_HEADER_LINES = 6  # lines before the items that may give the meeting's place and date


def _meeting_number(preamble: list[str]) -> int | None:
    """The ordinal in the title, or else in the next lines before the items (a heading often
    puts the network's name first and "Minutes of the 9th meeting" second)."""
    for line in preamble[:_HEADING_LINES]:
        if ordinals := _meeting_ordinals(line):
            return ordinals[0]
    return None


def _meeting_ordinals(text: str) -> list[int]:
    """Ordinals of the meetings a text mentions (Chinese ones first, then in order of appearance)."""
    key = matching_key(text)
    found = []
    if "第" in key:
        found += [_number(part) for match in _HAN_MEETING.finditer(key)
                  for part in _HAN_ORDINAL_PART.findall(match.group("ordinals"))]
    if any(stem in key for stem in _MEETING_NOUN_STEMS):  # most resolutions mention no meeting
        found += _word_meeting_ordinals(key.split())
    return [n for n in found if n > 0]


def _word_meeting_ordinals(tokens: list[str]) -> list[int]:
    """«جلسات هفتم و هشتم», «نهمین نشست», "meeting 7", "7th and 8th meetings"."""
    found = []
    i = 0
    while i < len(tokens):
        if tokens[i] in _MEETING_NOUNS:
            j = i + 1
            while j < len(tokens) and tokens[j] in _AFTER_NOUN_FILLERS:
                j += 1
            ordinals, j = _read_ordinals(tokens, j, before_noun=False)
            found += ordinals
        else:
            ordinals, j = _read_ordinals(tokens, i, before_noun=True)
            if ordinals and j < len(tokens) and tokens[j] in _MEETING_NOUNS:
                found += ordinals
                j += 1
        i = max(j, i + 1)  # never re-read a run: keeps the scan linear
    return found


def _number(numeral: str) -> int:
    return int(numeral) if numeral.isdecimal() else han_number(numeral)


def _read_ordinals(tokens: list[str], i: int, before_noun: bool) -> tuple[list[int], int]:
    """Read «هفتم و هشتم», "7th and 8th", "7 8" from tokens[i]; return them and the next index."""
    ordinals: list[int] = []
    while i < len(tokens) and (found := _ordinal_at(tokens, i, before_noun)):
        value, i = found
        ordinals.append(value)
        if i + 1 < len(tokens) and tokens[i] in _AND and _ordinal_at(tokens, i + 1, before_noun):
            i += 1
    return ordinals, i


def _ordinal_at(tokens: list[str], i: int, before_noun: bool) -> tuple[int, int] | None:
    """One ordinal starting at tokens[i], as (value, index after it)."""
    token = tokens[i]
    following = tokens[i + 1:i + 3]
    if digits := _DIGIT_ORDINAL.fullmatch(token):
        if before_noun and not digits.group(2):
            return None  # "2 meetings" is a count, not an ordinal
        return int(digits.group(1)), i + 1
    suffix = _FA_BEFORE_NOUN if before_noun else ""
    if value := _persian_ordinal(token, suffix, _FA_ORDINALS):
        return value, i + 1
    if token in _FA_TENS and len(following) == 2 and following[0] == "و":  # «بیست و یکم»
        if unit := _persian_ordinal(following[1], suffix, _FA_UNIT_ORDINALS):
            return _FA_TENS[token] + unit, i + 3
    if token in _EN_TENS and following and following[0] in _EN_UNIT_ORDINALS:  # "twenty-first"
        return _EN_TENS[token] + _EN_UNIT_ORDINALS[following[0]], i + 2
    if token in _EN_ORDINALS:
        return _EN_ORDINALS[token], i + 1
    return None


def _persian_ordinal(token: str, suffix: str, table: dict[str, int]) -> int | None:
    if not token.endswith(suffix):
        return None
    return table.get(token[:len(token) - len(suffix)])

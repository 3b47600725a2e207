"""Text normalisation shared by the whole portal.

Persian text arrives with Arabic letters (ي, ك), three sets of digits, diacritics, tatweel,
presentation forms and zero-width characters. These functions fold those variants so that two
spellings a reader would call "the same" compare equal. They also tell which scripts a text is
written in (Arabic, Han, Latin) and so guess its language. Pure Python: no Django imports.
"""

import functools
import re
import unicodedata
from pathlib import Path

# re.sub only touches the characters it replaces; str.translate would look up every character
# of a long non-ASCII text, several times slower.
_NON_LATIN_DIGITS = re.compile("[۰-۹٠-٩]")  # Persian and Arabic-Indic
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"

# Arabic letters that Persian writes with its own code points, and the usual Arabic spelling of
# those Persian letters.
PERSIAN_FOR_ARABIC = {"ي": "ی", "ى": "ی", "ك": "ک"}
ARABIC_FOR_PERSIAN = {"ی": "ي", "ک": "ك"}
# For comparing, a final teh marbuta counts as heh too, and so does heh with yeh above, the ezafe of
# formal writing («برنامۀ جامع» is «برنامه جامع»).
_PERSIAN_LETTERS = {**PERSIAN_FOR_ARABIC, "ة": "ه", "ۀ": "ه"}
_ARABIC_LETTERS = re.compile("[" + "".join(_PERSIAN_LETTERS) + "]")

# Harakat and other marks (U+064B–U+065F), superscript alef (U+0670) and tatweel (U+0640):
# they decorate a word without changing which word it is.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")

# Zero-width and bidi formatting characters, invisible in the text a reader sees.
_ZERO_WIDTH = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def to_latin_digits(s: str) -> str:
    """Replace Persian (۰-۹) and Arabic-Indic (٠-٩) digits with 0-9."""
    return _NON_LATIN_DIGITS.sub(lambda digit: str(unicodedata.digit(digit[0])), s)


def fold_persian(s: str) -> str:
    """Fold Arabic letter variants, marks and presentation forms to plain Persian; keep ZWNJ."""
    if not unicodedata.is_normalized("NFKC", s):  # most text is; checking is much faster
        s = unicodedata.normalize("NFKC", s)  # presentation forms and ligatures → base letters
    s = _ARABIC_MARKS.sub("", s)
    return _ARABIC_LETTERS.sub(lambda letter: _PERSIAN_LETTERS[letter[0]], s)


class _MatchingKeyCharacters(dict):
    """str.translate's table for matching keys, filled as characters are met: marks and zero-width
    characters go («کلان‌شهرها» and «کلانشهرها» are one word), Arabic letters and digits become
    Persian letters and Latin digits, what is neither letter nor digit becomes a space. One pass
    over the text, not five: the thesaurus reads every indexed text through this."""

    def __missing__(self, code):
        character = chr(code)
        if _ARABIC_MARKS.match(character) or _ZERO_WIDTH.match(character):
            folded = None
        elif character in _PERSIAN_LETTERS:
            folded = _PERSIAN_LETTERS[character]
        elif _NON_LATIN_DIGITS.match(character):
            folded = str(unicodedata.digit(character))
        elif character == "_" or not character.isalnum():  # what `[\W_]` matches
            folded = " "
        else:
            folded = character
        self[code] = folded
        return folded


_MATCHING_KEY_CHARACTERS = _MatchingKeyCharacters()


# After a final «ه» and a ZWNJ, the ezafe «ی» («برنامه‌ی جامع») and the indefinite «ای» («زلزله‌ای»,
# "an earthquake") are not letters of the word; the search analyzers drop the second too
# (search/indices.py). Kept, «ه» and «ای» read as the plural «های», and «زلزله‌ای» lost its «ه».
_AFTER_FINAL_HEH = re.compile("\u0647\u200c(?:[\u0627\u0622]?[\u06cc\u064a\u0649])(?![\\w\u200c])")


def matching_key(s: str) -> str:
    """A key for comparing names: spelling, digits, case, spacing and punctuation folded away."""
    if not unicodedata.is_normalized("NFKC", s):
        s = unicodedata.normalize("NFKC", s)  # presentation forms and ligatures → base letters
    if "\u200c" in s:
        s = _AFTER_FINAL_HEH.sub("\u0647", s)
    return " ".join(s.casefold().translate(_MATCHING_KEY_CHARACTERS).split())


# --- Chinese numerals ---------------------------------------------------------------------------

HAN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_MULTIPLIERS = {"十": 10, "百": 100}
HAN_NUMERAL_CHARS = "".join(HAN_DIGITS) + "".join(_HAN_MULTIPLIERS)


def han_number(numeral: str) -> int:
    """Read a Chinese numeral: 九 → 9, 十一 → 11, 二十三 → 23, 一百零五 → 105; a year is written
    digit by digit: 二〇二四 → 2024."""
    if not any(char in _HAN_MULTIPLIERS for char in numeral):
        return int("".join(str(HAN_DIGITS[char]) for char in numeral))
    total = digit = 0
    for char in numeral:
        if char in _HAN_MULTIPLIERS:
            total += (digit or 1) * _HAN_MULTIPLIERS[char]
            digit = 0
        else:
            digit = HAN_DIGITS[char]
    return total + digit


# --- tables of word pairs ---------------------------------------------------------------------

def table_pairs(path: Path) -> tuple[tuple[str, str], ...]:
    """The pairs of a tab-separated table of two columns (`data/*.tsv`), without its blank lines and
    its comments (lines starting with «#»)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#"))


PERSIAN_PLURALS = Path(__file__).resolve().parent / "data" / "persian_plurals.tsv"


@functools.cache
def persian_plurals() -> tuple[tuple[str, str], ...]:
    """(plural, singular) of the Persian words whose plural no suffix rule brings to the singular
    (تجارب, تجربه; مراکز, مرکز), as `data/persian_plurals.tsv` writes them: the search analyzers and
    the thesaurus each fold them their own way."""
    return table_pairs(PERSIAN_PLURALS)


# --- scripts and the language they suggest ----------------------------------------------------

# Arabic script: the Arabic block and its supplement, presentation forms A and B. B ends at
# U+FEFC: U+FEFF after it is the byte-order mark, not a letter.
ARABIC_SCRIPT_RANGES = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc"
# Han: extension A, the unified ideographs, the compatibility ideographs.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_ARABIC_SCRIPT = re.compile(f"[{ARABIC_SCRIPT_RANGES}]")
_HAN = re.compile(f"[{HAN_RANGES}]")
_LATIN = re.compile("[A-Za-z]")

# The language a letter of each script is taken for (Persian is the network's Arabic script).
_LANGUAGE_OF_SCRIPT = {"fa": _ARABIC_SCRIPT, "zh": _HAN, "en": _LATIN}

# A reading in parentheses right after a Han character, as pasted from pages with ruby text:
# 區(qū), 應(yīng). Lower-case Latin letters with pinyin tone marks only, so «部(應急部)» and «(GDP)»
# are kept. The search engine drops them with the same letters (search/indices.py).
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ"
_PINYIN_READING = re.compile(f"(?<=[{HAN_RANGES}])[(（][{PINYIN_LETTERS}]{{1,8}}[)）]")


def without_pinyin_readings(text: str) -> str:
    """The text without the pinyin readings pasted after its characters: «应(yīng)急» → «应急»."""
    return _PINYIN_READING.sub("", text) if "(" in text or "（" in text else text


# One line break (not a blank line) between two Han characters.
_HAN_LINE_BREAK = re.compile(f"(?<=[{HAN_RANGES}])[^\\S\\n]*\\n[^\\S\\n]*(?=[{HAN_RANGES}])")


def one_line(text: str) -> str:
    """The text on one line, its white space collapsed to single spaces. A line break between two
    Han characters goes without a space: Chinese is written without spaces, and a line broken by a
    PDF's or a pasted page's layout («应\\n急管理») falls inside a word as often as between two."""
    if "\n" in text:
        text = _HAN_LINE_BREAK.sub("", text)
    return " ".join(text.split())


def count_arabic_script(text: str | None) -> int:
    return len(_ARABIC_SCRIPT.findall(text or ""))


def count_han(text: str | None) -> int:
    return len(_HAN.findall(text or ""))


def count_latin(text: str | None) -> int:
    return len(_LATIN.findall(text or ""))


def writes_arabic_script(text: str | None) -> bool:
    return bool(_ARABIC_SCRIPT.search(text or ""))


def writes_han(text: str | None) -> bool:
    return bool(_HAN.search(text or ""))


def writes_latin(text: str | None) -> bool:
    return bool(_LATIN.search(text or ""))


def letters_by_language(text: str | None) -> dict[str, int]:
    """{"fa": letters of Arabic script, "zh": Han characters, "en": Latin letters}."""
    return {language: len(script.findall(text or "")) for language, script in _LANGUAGE_OF_SCRIPT.items()}


def guess_language(text: str | None, default: str = "", ties: tuple[str, ...] = ("fa", "zh", "en")) -> str:
    """fa, zh or en by the script most letters are written in; `default` when there are no letters.

    A tie goes to the language named first in `ties`.
    """
    counts = letters_by_language(text)
    language = max(ties, key=counts.__getitem__)
    return language if counts[language] else default


# --- Traditional Chinese ----------------------------------------------------------------------

# The Traditional Chinese interface is written from the Simplified one by OpenCC with Taiwan's
# standard character forms (為, 裡, 線), which Hong Kong readers read as well; no Taiwan-only
# vocabulary is substituted (s2twp would turn 软件 into 軟體 and 发布 into 釋出).
TRADITIONAL_CONVERSION = "s2tw"


@functools.cache
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """Simplified Chinese → Traditional characters (names and labels shown on /zh-hant/ pages)."""
    return _opencc(TRADITIONAL_CONVERSION).convert(text) if text else text

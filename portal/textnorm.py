"""Text normalisation shared by the whole portal.

Persian text arrives with Arabic letters (ي, ك), three sets of digits, diacritics, tatweel,
presentation forms and zero-width characters. These functions fold those variants so that two
spellings a reader would call "the same" compare equal. Pure Python: no Django imports.
"""

import re
import unicodedata

# re.sub only touches the characters it replaces; str.translate would look up every character
# of a long non-ASCII text, several times slower.
_NON_LATIN_DIGITS = re.compile("[۰-۹٠-٩]")  # Persian and Arabic-Indic

# Arabic letters that Persian writes with its own code points.
_PERSIAN_LETTERS = {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"}
_ARABIC_LETTERS = re.compile("[" + "".join(_PERSIAN_LETTERS) + "]")

# Harakat and other marks (U+064B–U+065F), superscript alef (U+0670) and tatweel (U+0640):
# they decorate a word without changing which word it is.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")

# Zero-width and bidi formatting characters, invisible in the text a reader sees.
_ZERO_WIDTH = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# Anything that is not a letter or a digit separates words in a matching key.
_SEPARATORS = re.compile(r"[\W_]+")


def to_latin_digits(s: str) -> str:
    """Replace Persian (۰-۹) and Arabic-Indic (٠-٩) digits with 0-9."""
    return _NON_LATIN_DIGITS.sub(lambda digit: str(unicodedata.digit(digit[0])), s)


def fold_persian(s: str) -> str:
    """Fold Arabic letter variants, marks and presentation forms to plain Persian; keep ZWNJ."""
    s = unicodedata.normalize("NFKC", s)  # presentation forms and ligatures → base letters
    s = _ARABIC_MARKS.sub("", s)
    return _ARABIC_LETTERS.sub(lambda letter: _PERSIAN_LETTERS[letter[0]], s)


def matching_key(s: str) -> str:
    """A key for comparing names: spelling, digits, case, spacing and punctuation folded away."""
    s = to_latin_digits(fold_persian(s))
    s = _ZERO_WIDTH.sub("", s)  # «کلان‌شهرها» and «کلانشهرها» are one word
    s = _SEPARATORS.sub(" ", s.casefold())
    return s.strip()

"""Persian words the suffix stemmer gets wrong, as rules for a `stemmer_override` filter.

`persian_stem` removes suffixes («ها», «ات», «ان»), which leaves broken plurals (تجارب for
تجربه, مناطق for منطقه) and «-ات» plurals of words ending in «ه» (مصوبات → مصوب, not مصوبه)
apart from their singular. The table `portal/data/persian_plurals.tsv` lists them (the thesaurus
reads it too, `portal.textnorm.persian_plurals`); each plural,
and the singular itself, becomes the singular and is kept from the stemmer, so all forms meet.

It also cuts «ان» and «ات» off words that only end like a plural (بحران → بحر, استان → است): the
word then never meets its own plural or adjective (بحران‌ها, بحرانی → بحران). The words in
`search/data/persian_kept_words.txt` are kept as they are.

The rules see tokens after the analyzer's folding (letter variants, ZWNJ removed), so the words
are folded here the same way.
"""

import functools
import re
from pathlib import Path

from portal.textnorm import fold_persian, persian_plurals

KEPT_WORDS = Path(__file__).resolve().parent / "data" / "persian_kept_words.txt"
# What the analyzer's character filter and the arabic_normalization and persian_normalization
# filters do besides fold_persian: zero-width characters are removed, alef with hamza or madda is
# plain alef, heh with yeh is heh, and Persian yeh and keheh become the Arabic letters.
_INVISIBLE = re.compile("[\u200b-\u200f\u00ad\u2060\ufeff]")
_LETTERS = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ۀ": "ه", "ی": "ي", "ک": "ك", "\u0654": ""})


def fold(word):
    return _INVISIBLE.sub("", fold_persian(word)).translate(_LETTERS)


@functools.cache
def plural_pairs():
    return tuple((fold(plural), fold(singular)) for plural, singular in persian_plurals())


@functools.cache
def kept_words():
    lines = (line.strip() for line in KEPT_WORDS.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(fold(line) for line in lines if line and not line.startswith("#")))


def stemmer_rules():
    """`stemmer_override` rules: "plural, singular => singular", and "word => word" for a kept word."""
    in_pairs = {word for pair in plural_pairs() for word in pair}
    return ([f"{plural}, {singular} => {singular}" for plural, singular in plural_pairs()]
            + [f"{word} => {word}" for word in kept_words() if word not in in_pairs])


# The plural and the ezafe or indefinite as words of their own, written apart from the word they end.
DETACHED_SUFFIXES = ("ها", "های", "هایی", "ی", "ای")
# The same, as typed (either yeh), standing after a word.
_DETACHED = re.compile("(?<=\\S) +(?:" + "|".join(word.replace("ی", "[یي]") for word in DETACHED_SUFFIXES)
                       + ")(?= |$)")


def detached_suffixes():
    """DETACHED_SUFFIXES as a stop filter's words, folded as the analyzer folds tokens."""
    return [fold(word) for word in DETACHED_SUFFIXES]


def without_detached_suffixes(text):
    """The text without a plural or an ezafe written apart («تیم های واکنش» → «تیم واکنش»)."""
    return _DETACHED.sub("", text)

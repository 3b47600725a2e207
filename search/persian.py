"""Persian plurals the suffix stemmer cannot reach, as rules for a `stemmer_override` filter.

`persian_stem` removes suffixes («ها», «ات», «ان»), which leaves broken plurals (تجارب for
تجربه, مناطق for منطقه) and «-ات» plurals of words ending in «ه» (مصوبات → مصوب, not مصوبه)
apart from their singular. The table `search/data/persian_plurals.tsv` lists them; each plural,
and the singular itself, becomes the singular and is kept from the stemmer, so all forms meet.

The rules see tokens after the analyzer's folding (letter variants, ZWNJ removed), so the words
are folded here the same way.
"""

import functools
import re
from pathlib import Path

from portal.textnorm import fold_persian

PLURALS_TABLE = Path(__file__).resolve().parent / "data" / "persian_plurals.tsv"
# What the analyzer's character filter and the arabic_normalization and persian_normalization
# filters do besides fold_persian: zero-width characters are removed, alef with hamza or madda is
# plain alef, heh with yeh is heh, and Persian yeh and keheh become the Arabic letters.
_INVISIBLE = re.compile("[\u200b-\u200f\u00ad\u2060\ufeff]")
_LETTERS = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ۀ": "ه", "ی": "ي", "ک": "ك", "\u0654": ""})


def fold(word):
    return _INVISIBLE.sub("", fold_persian(word)).translate(_LETTERS)


@functools.cache
def plural_pairs():
    pairs = []
    for line in PLURALS_TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            plural, singular = line.split("\t")
            pairs.append((fold(plural), fold(singular)))
    return tuple(pairs)


def plural_rules():
    """`stemmer_override` rules: "plural, singular => singular"."""
    return [f"{plural}, {singular} => {singular}" for plural, singular in plural_pairs()]

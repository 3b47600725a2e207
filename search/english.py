"""British and American spellings as one, for the English analyzer (a `mapping` character filter).

The English stemmer meets "drills" and "drilling" but not "centre" and "center", "organisation"
and "organization", "defence" and "defense". The table `search/data/english_spellings.tsv` maps
pieces of British words to their American spelling; the character filter rewrites them before the
words are cut and stemmed, in texts and queries alike, so either spelling finds the other.
"""

import functools
from pathlib import Path

from portal.textnorm import table_pairs

SPELLINGS_TABLE = Path(__file__).resolve().parent / "data" / "english_spellings.tsv"


@functools.cache
def spelling_pairs():
    return table_pairs(SPELLINGS_TABLE)


def spelling_rules():
    """`mapping` rules ("centre=>center"), lower case and capitalised (the filter runs before the
    words are lower-cased)."""
    rules = []
    for british, american in spelling_pairs():
        rules += [f"{british}=>{american}", f"{british.capitalize()}=>{american.capitalize()}"]
    return rules


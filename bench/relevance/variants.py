"""The judged queries typed another way, as readers do: a search should rank the same whichever way.

Each variant rewrites the queries it applies to and leaves the others as they are
(`scripts/bench_relevance.py --variants` asks only those it changed). The ways are those of real
typing, not of our documents: a ZWNJ typed as a space or not typed, a plural written apart, Arabic
letters from an Arabic keyboard, «آ» typed as «ا», the other Chinese script (OpenCC's conversion, as
an input method or a converter writes it), words joined by a hyphen, and the keywords asked as a
question.
"""

import functools
import re

ZWNJ = "\u200c"


@functools.cache
def _converter(config):
    import opencc

    return opencc.OpenCC(config)


def persian(transform):
    """A variant of Persian queries only, from the query's text (None for the others: it does not
    apply to them)."""
    @functools.wraps(transform)
    def variant(query):
        return transform(query["query"]) if query["language"] == "fa" else None

    return variant


def chinese(transform):
    """A variant of Chinese queries only, from the whole query (its script tells the conversion)."""
    @functools.wraps(transform)
    def variant(query):
        return transform(query) if query["language"] == "zh" else None

    return variant


@persian
def space_for_zwnj(text):
    """ZWNJ typed as a space"""
    return text.replace(ZWNJ, " ")


@persian
def no_zwnj(text):
    """ZWNJ left out"""
    return text.replace(ZWNJ, "")


@persian
def plural_apart(text):
    """the plural «ها» written apart"""
    return re.sub(f"(\\S{{3,}}?){ZWNJ}?(ها|های|هایی)(?=\\s|$)", r"\1 \2", text)


@persian
def arabic_letters(text):
    """Arabic ي and ك"""
    return text.replace("ی", "ي").replace("ک", "ك")


@persian
def alef_without_madda(text):
    """«آ» typed as «ا»"""
    return text.replace("آ", "ا")


@chinese
def other_script(query):
    """the other Chinese script"""
    return _converter("t2s" if query["script"] == "hant" else "s2t").convert(query["query"])


def as_question(query):
    """asked as a question"""
    text = query["query"]
    return {"fa": f"چگونه {text}؟", "zh": f"如何做好{text}？", "en": f"how to {text}?"}[query["language"]]


def hyphenated(query):
    """the first two words joined by a hyphen"""
    if query["language"] != "en" or " " not in query["query"]:
        return None
    return re.sub(" ", "-", query["query"], count=1)


def letter_left_out(query):
    """a letter of the longest word left out"""
    if query["language"] == "zh":  # a wrong character is no slip of the fingers
        return None
    longest = max(query["query"].split(), key=len)
    if len(longest) < 5:
        return None
    middle = len(longest) // 2
    return query["query"].replace(longest, longest[:middle] + longest[middle + 1:], 1)


VARIANTS = (space_for_zwnj, no_zwnj, plural_apart, arabic_letters, alef_without_madda, other_script, hyphenated,
            as_question, letter_left_out)


def rewritten(queries, variant):
    """[(query, its text rewritten)] of the queries the variant changes."""
    pairs = [(query, variant(query)) for query in queries]
    return [(query, text) for query, text in pairs if text is not None and text != query["query"]]

"""Plain-text helpers for indexing and querying: Unicode normalisation, HTML to text, extra text.

NFKC happens here, in Python, on both indexed text and queries: it folds Arabic presentation
forms, CJK compatibility ideographs and full-width Latin letters to their usual code points.
Everything else (letter variants, ZWNJ, digits, Traditional/Simplified) is the analyzers' job,
so that it also applies to text that reaches the engine some other way. Which scripts a text is
written in, and the language that suggests, is the portal's (portal.textnorm).
"""

import html
import re
import unicodedata

from portal.textnorm import one_line

_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote|tr)>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)  # a line of a paragraph: see one_line
# Tags and comments of rich text as Wagtail stores it (well-formed; `>` inside attribute values is
# escaped). A regular expression, not Django's strip_tags: its HTML parser cost a tenth of a rebuild.
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


def normalise(text):
    """NFKC and the text on one line (portal.textnorm.one_line); None becomes ""."""
    if not text:
        return ""
    text = str(text)
    if not unicodedata.is_normalized("NFKC", text):  # most text is: checking is three times faster
        text = unicodedata.normalize("NFKC", text)
    return one_line(text)


# Words that only make a query a question: asked of the texts, they found what shares them and kept
# every keyword's match from having all the words («如何做好防震演习» against 防震演练). Chinese
# has no stop words (its words are character pairs), and English's leave these. Persian's stop words
# already hold «چگونه», «چطور», «آیا», «چیست».
_CHINESE_QUESTION_WORDS = ("怎么样", "怎麼樣", "为什么", "為什麼", "有哪些", "如何", "怎样", "怎樣", "怎么",
                           "怎麼", "什么", "什麼", "哪些", "是否", "做好")
_QUESTION_WORDS = re.compile("|".join(_CHINESE_QUESTION_WORDS) + r"|[吗嗎呢](?=\W*$)"
                             + r"|\b(?:how|what|which|why|where|when)\b", re.IGNORECASE)


def searched_words(query):
    """The query as it is searched: normalised, without the words that only make it a question
    («如何做好», "how", a closing «吗»), so a question finds what its keywords find. The query
    itself when nothing else is left of it."""
    query = normalise(query)
    if not query:
        return ""
    keywords = one_line(_QUESTION_WORDS.sub(" ", query)).strip(" ?")
    return keywords if re.search(r"\w", keywords) else query


def html_to_text(markup):
    """Visible text of a rich-text fragment, blocks separated by spaces."""
    if not markup:
        return ""
    return normalise(html.unescape(_MARKUP.sub("", _LINE_BREAK.sub("\n", _BLOCK_END.sub(" ", str(markup))))))


def html_blocks(markup):
    """Visible text of each block (paragraph, list item, heading…) of a rich-text fragment, empty
    ones left out: a summary written in two languages keeps one paragraph each."""
    if not markup:
        return []
    blocks = (html_to_text(block) for block in _BLOCK_END.split(str(markup))[::2])
    return [block for block in blocks if block.strip()]


def join_text(*parts):
    return normalise(" ".join(p for p in parts if p))


# --- extension point: more searchable text for an object -------------------------------------
# Text extracted from attachments (PDF, DOCX...) is added later by registering a provider:
#     from search.text import register_extra_text
#     register_extra_text(lambda obj: extracted_text_of(obj))
# A provider takes a model instance and returns a string ("" when it has nothing to add).

_extra_text_providers = []


def register_extra_text(provider):
    if provider not in _extra_text_providers:
        _extra_text_providers.append(provider)
    return provider


def extra_searchable_text(obj):
    """Text indexed with an object besides its own fields (the `extra_text` field)."""
    return join_text(*(provider(obj) for provider in _extra_text_providers))

"""What a reader reads of a translated text (portal.translations): their language first, the original
below it with its language named, each marked with its language.

    {% reader_text resolution %}                 the whole text (a resolution's page)
    {% reader_text item words=28 original_words=14 %}   a card or a row: both cut short
    {% text_in item as words %}                  title, summary, language, is_translation
    {% part_in entry "note" as note %}           note.text, note.language (a reading list's words)
"""

from django import template

register = template.Library()


@register.simple_tag
def text_in(instance):
    return instance.text_in()


@register.simple_tag
def part_in(instance, part):
    text, language = instance.part_in(part)
    return {"text": text, "language": language}


@register.inclusion_tag("portal/includes/reader_text.html")
def reader_text(instance, words=0, original_words=0, css=""):
    """The summary in the reader's language, then (when it is a translation) the original, named."""
    return {
        "words": instance.text_in(),
        "original": instance.original_parts()["summary"],
        "limit": words,
        "original_limit": original_words or words,
        "css": css,
    }


@register.filter
def shorten(text, words):
    """About `words` words of `text`; Chinese, written without spaces between words, by characters
    (about two a word)."""
    from django.utils.text import Truncator

    from portal.textnorm import guess_language

    if not words:
        return text
    if guess_language(text) == "zh":
        return Truncator(text).chars(int(words) * 2)
    return Truncator(text).words(int(words), truncate=" …")

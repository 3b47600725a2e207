"""Texts people translate: a resolution's summary, a knowledge item's title and summary, a reading
list's words, one per interface language beside the original.

The original stays as it was written, in its own language. A reader gets the translation into their
interface language when someone wrote it, else the original, marked with its language.

Traditional Chinese readers (Hong Kong, Taiwan) without a Traditional translation get the Simplified
one in Traditional characters, converted with OpenCC as the site's own pages are (PageText): the
secretariat writes Chinese once, and a Traditional text of its own, when someone writes one with
local wording, wins.

Models keep one field per language and part (`persian_summary`, `english_title`, …: see
`field_name`), so that translations live in page revisions and moderation, and in a resolution's
history, like any other field.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy

from portal.dates import html_lang
from portal.textnorm import guess_language, to_traditional

# Interface language → the prefix of its translation fields.
FIELD_PREFIXES = {"fa": "persian", "en": "english", "zh-hans": "simplified_chinese",
                  "zh-hant": "traditional_chinese"}

# What a reader of each language calls the languages texts are written in ("Original, in Persian").
LANGUAGE_NAMES = {
    "fa": pgettext_lazy("language of a text", "Persian"),
    "en": pgettext_lazy("language of a text", "English"),
    "zh": pgettext_lazy("language of a text", "Chinese"),
    "zh-hans": pgettext_lazy("language of a text", "Simplified Chinese"),
    "zh-hant": pgettext_lazy("language of a text", "Traditional Chinese"),
}


def interface_languages():
    return [code for code, _name in settings.LANGUAGES]


def field_name(part, language):
    """summary, zh-hans → simplified_chinese_summary."""
    return f"{FIELD_PREFIXES[language]}_{part}"


def reader_language(language=None):
    """The interface language asked for, or the current one ("zh-Hans" → "zh-hans")."""
    language = (language or get_language() or settings.LANGUAGE_CODE).lower().replace("_", "-")
    if language in FIELD_PREFIXES:
        return language
    return "zh-hans" if language.startswith("zh") else language[:2]


def same_language(original, language):
    """A text in `original` needs no translation for readers of `language` (zh serves both Chinese interfaces)."""
    return bool(original) and original.lower()[:2] == (language or "").lower()[:2]


def language_name(code):
    code = (code or "").lower()
    return LANGUAGE_NAMES.get(code) or LANGUAGE_NAMES.get(code[:2], "")


def written_for(instance, part, language):
    """The translation of `part` people wrote for `language`; for Traditional Chinese without one,
    the Simplified one in Traditional characters; "" when there is none."""
    own = (getattr(instance, field_name(part, language), "") or "").strip()
    if own or language != "zh-hant":
        return own
    return to_traditional((getattr(instance, field_name(part, "zh-hans"), "") or "").strip())


@dataclass(frozen=True)
class TextIn:
    """What one reader reads of a translated text: the translation into their language, or the original."""

    title: str
    summary: str
    language: str  # HTML lang code of title and summary ("fa", "zh-Hans", "zh" for an original in Chinese)
    is_translation: bool
    original_language: str = ""  # the model's code of the original's language
    title_language: str = ""  # the original's, when a translation has no title of its own

    @property
    def text(self):
        """A resolution's words for this reader (its summary in their language, or its text)."""
        return self.summary

    @property
    def original_language_name(self):
        return language_name(self.original_language)


class Translated:
    """The small interface every translated model offers (the model declares the fields).

    A model lists its translated `translated_parts` ("summary", or "title" and "summary"), and says
    what its original is: `original_parts()` ({part: text}) and `original_language_code()`.
    """

    translated_parts = ("summary",)

    def original_parts(self):
        raise NotImplementedError

    def original_language_code(self):
        return getattr(self, "language", "") or ""

    def translation_in(self, language):
        """{part: text} written for `language` (see `written_for`), or None when its summary is not."""
        main = self.translated_parts[-1]
        if not written_for(self, main, language):
            return None
        return {part: written_for(self, part, language) for part in self.translated_parts}

    def text_in(self, language=None):
        """The reader's language if a translation exists (see the module), else the original."""
        language = reader_language(language)
        original = self.original_parts()
        original_language = self.original_language_code()
        original_tag = html_lang(original_language)
        if language in FIELD_PREFIXES and not same_language(original_language, language):
            translation = self.translation_in(language)
            if translation:
                title = translation.get("title") or original.get("title", "")
                tag = html_lang(language)
                return TextIn(title=title, summary=translation[self.translated_parts[-1]], language=tag,
                              is_translation=True, original_language=original_language,
                              title_language=tag if translation.get("title") else original_tag)
        return TextIn(title=original.get("title", ""), summary=original[self.translated_parts[-1]],
                      language=original_tag, is_translation=False, original_language=original_language,
                      title_language=original_tag)

    def summaries(self):
        """{language: (title, summary)} of every translation written (not the original, not converted)."""
        found = {}
        for language in FIELD_PREFIXES:
            if same_language(self.original_language_code(), language):
                continue
            parts = {part: getattr(self, field_name(part, language), "").strip() for part in self.translated_parts}
            if parts[self.translated_parts[-1]]:
                found[language] = (parts.get("title", ""), parts[self.translated_parts[-1]])
        return found

    def missing_languages(self):
        """The interface languages whose readers get the original for want of a translation."""
        return [language for language in FIELD_PREFIXES
                if not same_language(self.original_language_code(), language)
                and not self.translation_in(language)]


    def missing_language_names(self):
        return [language_name(language) for language in self.missing_languages()]


class WordsPerLanguage:
    """Short words the secretariat writes without naming their language (a reading list's title,
    introduction and notes): each part on its own, in the reader's language when written, else as
    written, its language told by its script."""

    def part_in(self, part, language=None):
        """(text, HTML lang code) of `part` for a reader of `language`."""
        language = reader_language(language)
        original = getattr(self, part) or ""
        if language in FIELD_PREFIXES:
            translated = written_for(self, part, language)
            if translated:
                return translated, html_lang(language)
        return original, html_lang(guess_language(original))


def lacks_translation(language, part="summary", language_field="language"):
    """A filter: rows whose readers of `language` get the original for want of a translation
    (its own language's rows need none; zh-hant readers are served by a Simplified one too)."""
    missing = Q(**{field_name(part, language): ""})
    if language == "zh-hant":
        missing &= Q(**{field_name(part, "zh-hans"): ""})
    return missing & ~Q(**{f"{language_field}__startswith": language[:2]})


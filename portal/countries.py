"""Country names in the reader's language.

An organisation keeps its country as its editors typed it ("Iran", «ایران», "中国"). The countries
below are known by their name in every interface language and shown in the reader's; any other
text is shown as written (and marked with the language its script suggests).
"""

import functools

from django.conf import settings
from django.utils.translation import get_language, override, pgettext_lazy

from .textnorm import guess_language, matching_key, to_traditional

COUNTRIES = [
    pgettext_lazy("country", "Iran"),
    pgettext_lazy("country", "China"),
    pgettext_lazy("country", "Afghanistan"),
    pgettext_lazy("country", "Iraq"),
    pgettext_lazy("country", "Turkey"),
    pgettext_lazy("country", "Pakistan"),
    pgettext_lazy("country", "Tajikistan"),
    pgettext_lazy("country", "Japan"),
    pgettext_lazy("country", "Russia"),
    pgettext_lazy("country", "India"),
]


@functools.cache
def _known():
    """matching key of each country's name in English and every interface language → its entry."""
    found = {}
    for country in COUNTRIES:
        names = set()
        for language in ["en", *(code for code, _name in settings.LANGUAGES)]:
            with override(language):
                names.add(str(country))
        names |= {to_traditional(name) for name in names}
        found.update({matching_key(name): country for name in names})
    return found


def country_name(text, language=None):
    """(name, language tag of the name): the country in the reader's language when known."""
    text = (text or "").strip()
    country = _known().get(matching_key(text))
    if country is None:
        return text, guess_language(text)
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    with override(language):
        return str(country), language

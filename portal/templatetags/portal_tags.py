"""Template helpers: dates and numbers the way each language reads them, text direction, addresses.

The rules live in plain functions (`portal.dates`, `portal.directory`); these tags only expose them.

    {{ meeting.starts_on|local_date }}            ۲۶ شهریور ۱۳۹۸ · Sept. 17, 2019 · 2019年9月17日
    {{ meeting.starts_on|local_date:"short" }}    ۱۳۹۸/۰۶/۲۶ · 09/17/2019
    {{ item.people_trained|local_number }}       ۱۲٬۰۰۰ · 12,000
    {{ meeting.number|local_digits }}            ۹ · 9
    {{ meeting.host_city|city_name }}            همدان · Hamedan · 哈马丹
    <p {% content_lang item.language %}>         lang="fa" dir="rtl"
"""

import re
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal import dates
from portal.dates import JALALI_MONTHS, jalali_long, persian_digits  # noqa: F401  (public names)

register = template.Library()


def jalali(value):
    """۲۶ شهریور ۱۳۹۸ for 2019-09-17 (kept for callers of the first version)."""
    return jalali_long(value)


@register.filter
def local_date(value, style="long"):
    """Jalali with Persian digits on Persian pages, the usual Gregorian date elsewhere.

    style: long (default), full (with weekday), short (numeric) or iso.
    """
    return dates.format_date(value, style=style or "long")


@register.filter
def local_datetime(value):
    """Date and time in the portal's time zone, the date as `local_date` writes it."""
    return dates.format_datetime(value)


@register.filter
def jalali_date(value, style="long"):
    """The Jalali date whatever the page language (for showing both calendars)."""
    if not value:
        return ""
    return dates.jalali_numeric(value) if style == "short" else dates.jalali_long(value)


@register.filter
def iso_date(value):
    """2019-09-17, for <time datetime="…">."""
    return dates.format_date(value, style="iso")


@register.filter
def local_number(value):
    """12000 → ۱۲٬۰۰۰ on Persian pages, 12,000 elsewhere; text keeps its words, digits change."""
    return dates.format_number(value)


@register.filter
def local_digits(value):
    """Digits in the reader's script, no grouping: years, meeting and resolution numbers."""
    return dates.local_digits(value)


@register.simple_tag
def sep():
    """The separator between items of a meta line in the reader's language (dates.separator)."""
    return dates.separator()


@register.filter
def city_name(text):
    """«همدان» / "Hamedan" → the city's name in the reader's language, when the city is known; else
    as written, marked with its language when that is not the page's."""
    from portal.models import City

    return local_name(City.named(text) or text)


def _marked(text, language):
    """`text`, in a <span lang dir> when it is written in another language than the page's."""
    if dates.other_language(language):
        return format_html('<span lang="{}" dir="{}">{}</span>', dates.html_lang(language),
                           dates.text_direction(language), text)
    return conditional_escape(text)


@register.filter
def local_name(value):
    """An organisation's, a city's, a hazard's name in the reader's language (or the one it falls back
    to), or any short text; marked with its language when that is not the page's."""
    return _marked(*dates.written_in(value))


@register.filter
def local_list(values):
    """Items the way the reader's language lists them: «زلزله، سیل» · "地震、洪水" · "Earthquake, Flood";
    each item through `local_name`."""
    return mark_safe(dates.list_separator().join(local_name(value) for value in values or []))  # noqa: S308


@register.filter
def quoted(text):
    """What a reader typed (a search), quoted among the interface's words: in a <bdi>, so that its
    script and digits never reorder the sentence, with its language when that is not the page's."""
    language = dates.written_in(text)[1]
    if dates.other_language(language):
        return format_html('<bdi lang="{}">{}</bdi>', dates.html_lang(language), text)
    return format_html("<bdi>{}</bdi>", text)


@register.simple_tag
def lang_if_other(value):
    """lang and dir attributes for an element that can hold no <span> (an <option>) when the name or
    text `value` is written in another language than the page's; nothing otherwise."""
    language = dates.written_in(value)[1]
    return content_lang(language) if dates.other_language(language) else ""


@register.simple_tag
def list_sep():
    """Between items of a list a template writes out itself (links): the same separator as `local_list`."""
    return dates.list_separator()


@register.filter
def local_message(text):
    """A message of the interface (a form error) with the reader's digits; what it quotes keeps its own."""
    return dates.local_digits_in_text(text)


@register.simple_tag
def place(city, country):
    """«اصفهان، ایران» · "Isfahan, Iran" · "伊斯法罕，伊朗": a city and its country in the reader's
    language when known, each marked with its language when not."""
    from portal.countries import country_name

    parts = [city_name(city) if city else "", _marked(*country_name(country)) if country else ""]
    return mark_safe(dates.place_separator().join(part for part in parts if part))  # noqa: S308


@register.filter
def local_filesize(value):
    """616 → «۶۱۶ بایت» · "616 bytes"; 52428800 → «۵۰ مگابایت» · "50 MB"."""
    return dates.format_file_size(value)


@register.filter
def year_label(value):
    """A Gregorian year (a filter's value) as the reader counts years: «۱۳۹۷–۱۳۹۸» · 2019."""
    return dates.year_label(value)


@register.filter
def isolate(text):
    """Plain text (a <title>, an attribute) set apart with Unicode isolates when written in another
    script than the page, so that it keeps its order among the page's words."""
    text = "" if text is None else str(text)
    language = dates.written_in(text)[1]
    if text and (not language or dates.other_language(language)):  # digits alone are set apart too
        return dates.isolate(text, dates.text_direction(language))
    return text


@register.simple_tag
def text_lang(text):
    """lang and dir for a text whose language only its script tells (a meeting's title)."""
    return content_lang(dates.written_in(text)[1] or "other")


@register.simple_tag(takes_context=True)
def page_words(context, page):
    """The page's heading and introduction for this reader (portal.models.TranslatedPage.words)."""
    return page.words(request=context.get("request")) if hasattr(page, "words") else None


@register.simple_tag(takes_context=True)
def page_title(context, page):
    """The page's title for <title>: in the reader's language when the page has one, else isolated."""
    if page is None:
        return ""
    if hasattr(page, "words"):
        return isolate(page.words(request=context.get("request")).heading)
    return isolate(getattr(page, "seo_title", "") or getattr(page, "title", ""))


@register.filter
def text_dir(language):
    """'rtl' for Persian (and other right-to-left languages), 'ltr' otherwise, 'auto' if unknown."""
    return dates.text_direction(language)


@register.filter
def html_lang(language):
    return dates.html_lang(language)


@register.simple_tag
def content_lang(language):
    """lang and dir attributes for content written in `language`, whatever the page language."""
    tag = dates.html_lang(language)
    direction = dates.text_direction(language)
    if tag:
        return format_html('lang="{}" dir="{}"', tag, direction)
    return format_html('dir="{}"', direction)


@register.simple_tag(takes_context=True)
def language_url(context, language_code):
    """The current page's address in another interface language (same page, same query)."""
    from portal.views import url_in_language

    request = context.get("request")
    if request is None:
        return f"/{language_code}/"
    return url_in_language(request.get_full_path(), language_code)


@register.simple_tag
def lang_path(path=""):
    """/fa/<path> for the current interface language: links to pages colleagues' apps serve."""
    language = get_language() or "fa"
    path = path.lstrip("/")
    return f"/{language}/{path}"


@register.simple_tag(takes_context=True)
def current_section(context, path):
    """ aria-current="page" on the main navigation link of the section the reader is in."""
    request = context.get("request")
    if request is None:
        return ""
    if request.path.startswith(lang_path(path)):
        return mark_safe(' aria-current="page"')  # noqa: S308 (a constant)
    return ""


_ANY_BLOCK_TAG = re.compile(r"</?(p|li|h[1-6]|blockquote|dd|dt|td|th|ul|ol|div|table|tr)\b", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(p|li|h[1-6]|blockquote|dd|dt|td|th)(?![^>]*\sdir=)(\s[^>]*)?>", re.IGNORECASE)


@register.filter(is_safe=True)
def auto_dir(html):
    """dir="auto" on every paragraph of rich text, so a Persian paragraph reads right to left on an
    English page and an English one left to right on a Persian page; and lang when the paragraph's
    letters are of another language than the page's."""
    if not html:
        return html
    html = str(html)
    out, done = [], 0
    for match in _BLOCK_TAG.finditer(html):
        following = _ANY_BLOCK_TAG.search(html, match.end())
        end = following.start() if following else len(html)
        tag, attributes = match.group(1), match.group(2) or ""
        language = dates.written_in(strip_tags(html[match.end():end]))[1]
        marks = ' dir="auto"'
        if dates.other_language(language) and "lang=" not in attributes:
            marks += f' lang="{dates.html_lang(language)}"'
        out += [html[done:match.start()], f"<{tag}{marks}{attributes}>"]
        done = match.end()
    out.append(html[done:])
    return mark_safe("".join(out))  # noqa: S308 (the tags' own attributes, unchanged, and two constants)


@register.simple_tag
def organisation_name(organisation):
    """The organisation's name for this page's language, marked with the language it is written in."""
    from portal.directory import displayed_name

    if organisation is None:
        return ""
    name, language = displayed_name(organisation)
    return format_html('<span lang="{}" dir="{}">{}</span>', language, dates.text_direction(language), name)


@register.simple_tag
def organisation_other_names(organisation):
    from portal.directory import other_names

    return other_names(organisation)


@register.simple_tag(takes_context=True)
def network_name(context):
    """The network's name in this page's language (portal.models.Network; read once per request)."""
    from portal.models import Network

    return Network.load(request_or_site=context.get("request")).name_in()


@register.simple_tag(takes_context=True)
def sign_in_url(context):
    """The site's sign-in, coming back to this page afterwards; from the home page (or the sign-in
    page itself) without `next`, so that members land on their workspace."""
    url = reverse("sign_in")
    request = context.get("request")
    if request is None or request.path in (url, lang_path()):
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()}, safe='/')}"

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

from django import template
from django.utils.html import format_html
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
    """«همدان» / "Hamedan" → the city's name in the reader's language, when the city is known."""
    from portal.models import City

    return City.name_for_reader(text)


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


_BLOCK_TAG = re.compile(r"<(p|li|h[1-6]|blockquote|dd|dt|td|th)(?![^>]*\sdir=)(\s[^>]*)?>", re.IGNORECASE)


@register.filter(is_safe=True)
def auto_dir(html):
    """dir="auto" on every paragraph of rich text, so a Persian paragraph reads right to left on an
    English page and an English one left to right on a Persian page."""
    if not html:
        return html
    return mark_safe(_BLOCK_TAG.sub(lambda m: f'<{m.group(1)} dir="auto"{m.group(2) or ""}>', str(html)))  # noqa: S308


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

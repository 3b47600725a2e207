"""Calendars, digits and numbers the way each of the portal's languages reads them.

Plain functions, used by the template filters (`portal_tags`), the Jalali date field (`portal.forms`)
and anything else that shows or reads a date.

- Persian readers get the Jalali (Solar Hijri) calendar and Persian digits: 2019-09-17 is
  ۲۶ شهریور ۱۳۹۸.
- Everyone else gets Django's Gregorian formats for their language.
- Typed dates are accepted in either calendar, with Persian, Arabic-Indic or Latin digits: a year
  from 1300 to 1499 is a Jalali year (Gregorian 1921–2121; the portal records nothing from the
  Gregorian 1300s and 1400s), the same rule as the minutes import (`resolutions.dates`).
"""

import datetime
import functools
import re
from dataclasses import dataclass

import jdatetime
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_noop, ngettext, override

from portal.textnorm import HAN_NUMERAL_CHARS, han_number

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
TO_PERSIAN_DIGITS = str.maketrans("0123456789", PERSIAN_DIGITS)
TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, "0123456789" * 2)

JALALI_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]
# Monday first, like datetime.date.weekday().
PERSIAN_WEEKDAYS = ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"]

# Persian typography: Arabic thousands separator and decimal separator.
PERSIAN_THOUSANDS = "٬"
PERSIAN_DECIMAL = "٫"

# Languages written right to left (ISO 639-1 codes and the few three-letter ones minutes use).
RTL_LANGUAGES = {"fa", "ar", "he", "ur", "ps", "ckb", "ug", "dv", "yi", "sd", "ku"}

# Marks that often travel with pasted Persian text and mean nothing in a date.
_INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"), None)
_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


def is_persian(language=None):
    return (language or get_language() or "").lower().startswith("fa")


def is_chinese(language=None):
    return (language or get_language() or "").lower().startswith("zh")


def separator(language=None):
    """Between the items of a meta line: " · ", but "، " in Persian, where a middle dot next to
    a number reads as the digit zero (۰): «۱۳۹۸ · ۲۶» would look like «۱۳۹۸۰۲۶»."""
    return "، " if is_persian(language) else " · "


def list_separator(language=None):
    """Between the items of a list (hazards, owners): the Persian comma, the Chinese enumeration
    comma, or the Latin comma."""
    if is_persian(language):
        return "، "
    if is_chinese(language):
        return "、"
    return ", "


def place_separator(language=None):
    """Between a city and its country: «اصفهان، ایران», "柳州，中国", "Isfahan, Iran"."""
    if is_persian(language):
        return "، "
    if is_chinese(language):
        return "，"
    return ", "


# Unicode isolates: the plain-text <bdi>, for text that holds no markup (<title>, messages, hints).
FIRST_STRONG_ISOLATE = "\u2068"
LEFT_TO_RIGHT_ISOLATE = "\u2066"
RIGHT_TO_LEFT_ISOLATE = "\u2067"
POP_DIRECTIONAL_ISOLATE = "\u2069"
RIGHT_TO_LEFT_MARK = "\u200f"
_ISOLATED = re.compile("([\u2066-\u2068][^\u2069]*\u2069)")


def isolate(text, direction="auto"):
    """`text` set apart from the words around it, so that a file name or an example keeps its own
    order inside a sentence of the other direction («setup.pdf» in Persian, a Persian title in English)."""
    opening = {"ltr": LEFT_TO_RIGHT_ISOLATE, "rtl": RIGHT_TO_LEFT_ISOLATE}.get(direction, FIRST_STRONG_ISOLATE)
    return f"{opening}{text}{POP_DIRECTIONAL_ISOLATE}"


# --- digits and numbers ---------------------------------------------------------------------

def persian_digits(value):
    """'1398/06/26' -> '۱۳۹۸/۰۶/۲۶'."""
    return str(value).translate(TO_PERSIAN_DIGITS)


def latin_digits(value):
    """Persian and Arabic-Indic digits to 0–9; everything else unchanged."""
    return str(value).translate(TO_LATIN_DIGITS)


def local_digits(value, language=None):
    """Digits for the reader, without grouping (years, numbers of meetings and resolutions)."""
    if value is None:
        return ""
    return persian_digits(value) if is_persian(language) else str(value)


def local_digits_in_text(text, language=None):
    """The interface's own words with the reader's digits («حداکثر 50 مگابایت» → «حداکثر ۵۰ مگابایت»);
    isolated parts (file names, examples: `isolate`) keep theirs."""
    if not is_persian(language) or text is None:
        return text
    return "".join(part if _ISOLATED.fullmatch(part) else persian_digits(part)
                   for part in _ISOLATED.split(str(text)))


def format_number(value, language=None):
    """12000 -> '۱۲٬۰۰۰' for Persian readers, '12,000' for the others; text is only re-digited."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        try:
            number = float(latin_digits(value))
        except (TypeError, ValueError):
            return local_digits(value, language)
        if number.is_integer() and re.fullmatch(r"-?\d+", latin_digits(value).strip()):
            text = f"{int(number):,}"
        else:
            return local_digits(value, language)
    if not is_persian(language):
        return text
    swapped = text.replace(",", "\0").replace(".", PERSIAN_DECIMAL).replace("\0", PERSIAN_THOUSANDS)
    return persian_digits(swapped)


# (bytes in one unit, how the unit is written), largest first.
FILE_SIZE_UNITS = [(1024 ** 3, gettext_noop("%(size)s GB")), (1024 ** 2, gettext_noop("%(size)s MB")),
                   (1024, gettext_noop("%(size)s KB"))]


def format_file_size(size, language=None):
    """616 → "616 bytes" / «۶۱۶ بایت»; 52428800 → "50 MB" / «۵۰ مگابایت» / "50 MB"."""
    if size is None or size == "":
        return ""
    size = int(size)
    with override(language or get_language()):
        for factor, unit in FILE_SIZE_UNITS:
            if size >= factor:
                amount = round(size / factor, 1)
                shown = format_number(int(amount) if amount.is_integer() else amount, language)
                return gettext(unit) % {"size": shown}
        return ngettext("%(size)s byte", "%(size)s bytes", size) % {"size": format_number(size, language)}


# --- showing dates --------------------------------------------------------------------------

def as_date(value):
    """A date from a date or an aware/naive datetime (in the portal's time zone)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def to_jalali(value):
    return jdatetime.date.fromgregorian(date=as_date(value))


def jalali_long(value, weekday=False):
    """۲۶ شهریور ۱۳۹۸ (with weekday: سه‌شنبه ۲۶ شهریور ۱۳۹۸)."""
    value = as_date(value)
    j = to_jalali(value)
    text = persian_digits(f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}")
    if weekday:
        text = f"{PERSIAN_WEEKDAYS[value.weekday()]} {text}"
    return text


def jalali_numeric(value):
    """۱۳۹۸/۰۶/۲۶."""
    j = to_jalali(value)
    return persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def local_year(value, language=None):
    """The year of a date as the reader counts it: ۱۳۹۸ (Jalali) on Persian pages, 2019 elsewhere."""
    if is_persian(language):
        return persian_digits(str(to_jalali(value).year))
    return str(as_date(value).year)


@functools.lru_cache(maxsize=512)
def jalali_years(year):
    """The Jalali years a Gregorian year spans (the search page labels every year of its facet)."""
    return to_jalali(datetime.date(year, 1, 1)).year, to_jalali(datetime.date(year, 12, 31)).year


def year_label(year, language=None):
    """A Gregorian year (filters and facets keep it as their value) as the reader counts years:
    2019 for most readers; on Persian pages the Jalali years it spans, «۱۳۹۷–۱۳۹۸» (Gregorian
    2019 runs from 11 Dey 1397 to 10 Dey 1398)."""
    try:
        year = int(latin_digits(year))
    except (TypeError, ValueError):
        return local_digits(year, language)
    if not is_persian(language):
        return str(year)
    first, last = jalali_years(year)
    # A right-to-left mark first: in a box whose direction its text decides (dir="auto"), a range of
    # digits alone would run left to right and read «۱۳۹۸–۱۳۹۷» to a Persian reader.
    return RIGHT_TO_LEFT_MARK + persian_digits(f"{first}–{last}" if first != last else str(first))


def format_date(value, style="long", language=None):
    """A date as the reader's language writes it.

    style: "long" (۲۶ شهریور ۱۳۹۸ / Sept. 17, 2019 / 2019年9月17日), "full" (with the weekday),
    "short" (۱۳۹۸/۰۶/۲۶ / 09/17/2019) or "iso" (2019-09-17, for machines and the datetime attribute).
    """
    if not value:
        return ""
    value = as_date(value)
    if style == "iso":
        return value.isoformat()
    if is_persian(language):
        if style == "short":
            return jalali_numeric(value)
        return jalali_long(value, weekday=style == "full")
    if style == "full":
        return f"{date_format(value, 'l')}, {date_format(value, 'DATE_FORMAT')}"
    return date_format(value, "SHORT_DATE_FORMAT" if style == "short" else "DATE_FORMAT")


def format_datetime(value, language=None):
    """A moment in the portal's time zone (TIME_ZONE), as the reader's language writes it:
    ۲۶ شهریور ۱۳۹۸، ۱۴:۰۵ / Sept. 17, 2019 · 14:05. History records are stored in UTC."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    clock = value.strftime("%H:%M") if isinstance(value, datetime.datetime) else ""
    text = format_date(value, language=language)
    return f"{text}{separator(language)}{local_digits(clock, language)}" if clock else text


# --- reading dates --------------------------------------------------------------------------

_NUMERIC = re.compile(r"^(\d{3,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s+(\S+)\s+(\d{3,4})$")
JALALI_YEARS = range(1300, 1500)
MONTH_NUMBERS = {name: number for number, name in enumerate(JALALI_MONTHS, start=1)} | {"امرداد": 5}


def normalise_date_text(text):
    text = str(text).translate(_INVISIBLE).translate(_ARABIC_LETTERS)
    text = latin_digits(text).replace("٫", "/").replace("،", " ").replace(",", " ")
    return re.sub(r"\s+", " ", text).strip()


def parse_date(text):
    """Read a typed date in either calendar; raise ValueError when it is not a date.

    Accepted: 1398/06/26, ۱۳۹۸/۶/۲۶, ١٣٩٨-٠٦-٢٦ and ۲۶ شهریور ۱۳۹۸ (Jalali, any digits), and
    2019-09-17, 2019/9/17, 17 September 2019, Sept. 17 2019 and 2019年9月17日 (Gregorian, the
    Chinese one in either kind of numerals). Day-first and month-first numeric forms are refused:
    they are ambiguous.
    """
    text = normalise_date_text(text)
    if not text:
        raise ValueError("empty date")
    if match := _NUMERIC.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    if match := _WORDS.match(text):
        day, month_name, year = match.groups()
        if month_name in MONTH_NUMBERS:
            return _make_date(int(year), MONTH_NUMBERS[month_name], int(day), jalali=True)
    found = date_in_text(text)
    if found is not None and found.day_given and found.span == (0, len(text)):
        return found.date
    raise ValueError(f"not a date: {text!r}")


# --- dates inside a text (a heading of minutes) -----------------------------------------------

ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_HAN = f"[{HAN_NUMERAL_CHARS}]"
_JALALI_MONTH = "(?P<jmonth>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + ")"
_ENGLISH_MONTH = r"(?P<emonth>" + "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True)) + r")\.?"
_NOT_IN_WORD = r"(?<![\w\u0600-\u06ff])"
# Each pattern names its parts; the first that matches, in this order, is the date the text gives.
_DATES_IN_TEXT = [re.compile(pattern, re.IGNORECASE) for pattern in (
    # 2024年10月5日, 二〇二四年十月五日, 2024年10月
    rf"(?P<year>\d{{4}}|{_HAN}{{4}})\s*年\s*(?P<month>\d{{1,2}}|{_HAN}{{1,3}})\s*月"
    rf"(?:\s*(?P<day>\d{{1,2}}|{_HAN}{{1,3}})\s*[日号])?",
    # ۲۶ شهریور ۱۳۹۸, مهرماه ۱۳۹۱, مهر ماه سال ۱۳۹۱
    rf"{_NOT_IN_WORD}(?:(?P<day>\d{{1,2}})\s*)?{_JALALI_MONTH}(?:\s*ماه)?\s*(?:سال\s*)?(?P<year>\d{{4}})(?!\d)",
    # 14 May 2025, May 2025
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_ENGLISH_MONTH}\s+(?P<year>\d{{4}})\b",
    # May 14 2025 (the comma is gone)
    rf"\b{_ENGLISH_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<year>\d{{4}})\b",
    # 1391/07/19, 2025-05-14
    r"(?<!\d)(?P<year>\d{4})\s*[/\-.]\s*(?P<month>\d{1,2})\s*[/\-.]\s*(?P<day>\d{1,2})(?!\d)",
)]


@dataclass(frozen=True)
class DateInText:
    date: datetime.date
    day_given: bool  # False: only the month was given, and `date` is its first day
    span: tuple[int, int]  # where the date is written in the normalised text


def date_in_text(text):
    """The first date a text gives, in any calendar and script («همدان مهرماه ۱۳۹۱», "Isfahan,
    14 May 2025", "二〇二四年十月，柳州"), or None. A month without its day gives the first day
    of that month (Jalali months: the first of the Jalali month)."""
    text = normalise_date_text(text or "")
    for pattern in _DATES_IN_TEXT:
        for match in pattern.finditer(text):
            try:
                return _date_from_match(match)
            except ValueError:
                continue  # «۱۳۹۱/۱۳/۰۱» is no date; a later one in the text may be
    return None


def _number_in_date(value):
    return int(value) if value.isdecimal() else han_number(value)


def _date_from_match(match):
    parts = match.groupdict()
    year = _number_in_date(parts["year"])
    day = _number_in_date(parts["day"]) if parts.get("day") else None
    if parts.get("jmonth"):
        month, jalali = MONTH_NUMBERS[parts["jmonth"]], True
        if year not in JALALI_YEARS:
            raise ValueError("not a Jalali year")
    elif parts.get("emonth"):
        month, jalali = ENGLISH_MONTHS[parts["emonth"].lower()], False
    else:
        month, jalali = _number_in_date(parts["month"]), None
    return DateInText(_make_date(year, month, day or 1, jalali=jalali), day is not None, match.span())


def _make_date(year, month, day, jalali=None):
    if jalali is None:
        jalali = year in JALALI_YEARS
    try:
        if jalali:
            return jdatetime.date(year, month, day).togregorian()
        return datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"no such day: {year}-{month}-{day}") from error


def text_direction(language):
    """'rtl' for right-to-left languages, 'ltr' for the others, 'auto' when unknown."""
    code = (language or "").lower().split("-")[0].split("_")[0]
    if not code or code in {"other", "und", "mul"}:
        return "auto"
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def written_in(value, language=None):
    """(text, language tag) of a name or a text: a multilingual name (organisation, city, hazard)
    says which of its names the reader gets and in what language; a text is known by its script."""
    from portal.textnorm import guess_language

    if hasattr(value, "name_and_language"):
        return value.name_and_language(language)
    text = "" if value is None else str(value)
    return text, guess_language(text)


def other_language(tag, language=None):
    """True when text in `tag` is not in the page's language (zh-Hans on a zh-hant page counts as the same)."""
    page = (language or get_language() or "").lower()
    return bool(tag) and tag.lower()[:2] != page[:2]


def html_lang(language):
    """A BCP 47 tag for a content language code ('' when the language is unknown)."""
    code = (language or "").strip()
    if not code or code.lower() in {"other", "und", "mul"}:
        return ""
    if code.lower() == "zh-hans":
        return "zh-Hans"
    if code.lower() == "zh-hant":
        return "zh-Hant"
    return code

"""Dates the secretariat types or finds in minutes: Jalali (۱۳۹۱/۰۷/۱۹) or Gregorian (2012-10-10)."""

import datetime
import re

import jdatetime
from django.utils.translation import gettext as _

from portal.textnorm import fold_persian, to_latin_digits

# 1391/07/19, 1391-7-19, 1391.07.19; the same shape with a year from 1900 on is Gregorian.
_DATE = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")
# Jalali years in use (the network's minutes are from 1380s onwards; 1500 is far ahead).
_JALALI_YEARS = range(1300, 1500)

JALALI_MONTH_NAMES = {
    "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6,
    "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
}
_MONTH_AND_YEAR = re.compile(
    r"(?<![\w\u0600-\u06ff])(?P<month>" + "|".join(sorted(JALALI_MONTH_NAMES, key=len, reverse=True))
    + r")(?:\s*ماه)?\s*(?:سال\s*)?(?P<year>\d{4})(?!\d)"
)


def parse_date_input(text):
    """Read a date typed as Jalali ``1391/07/19`` (any digits) or Gregorian ``2012-10-10``.

    Raises ValueError with a sentence fit for a form error.
    """
    text = to_latin_digits(str(text or "")).strip()
    match = _DATE.match(text)
    if not match:
        raise ValueError(_("Enter a date as 1391/07/19 (Jalali) or 2012-10-10 (Gregorian)."))
    year, month, day = (int(part) for part in match.groups())
    try:
        if year in _JALALI_YEARS:
            return jdatetime.date(year, month, day).togregorian()
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("That day does not exist in the calendar.")) from None


def guess_meeting_date(text):
    """The first day of the Jalali month a title names («مهرماه ۱۳۹۱» → 2012-09-22), else None.

    Minutes often give only the month; an editor corrects the day in the preview.
    """
    if not text:
        return None
    match = _MONTH_AND_YEAR.search(to_latin_digits(fold_persian(text)))
    if not match:
        return None
    year = int(match.group("year"))
    if year not in _JALALI_YEARS:
        return None
    return jdatetime.date(year, JALALI_MONTH_NAMES[match.group("month")], 1).togregorian()


def jalali_input(value):
    """The Jalali form an editor would type back (1391/07/19), for initial values."""
    if not value:
        return ""
    j = jdatetime.date.fromgregorian(date=value)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"

"""Dates the secretariat types or finds in minutes: Jalali (۱۳۹۱/۰۷/۱۹) or Gregorian (2012-10-10)."""

import re

import jdatetime
from django.utils.translation import gettext as _

from portal.dates import JALALI_YEARS, MONTH_NUMBERS, parse_date
from portal.textnorm import fold_persian, to_latin_digits

_MONTH_AND_YEAR = re.compile(
    r"(?<![\w\u0600-\u06ff])(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
    + r")(?:\s*ماه)?\s*(?:سال\s*)?(?P<year>\d{4})(?!\d)"
)


def parse_date_input(text):
    """Read a date typed as Jalali ``1391/07/19`` (any digits) or Gregorian ``2012-10-10``.

    Raises ValueError with a sentence fit for a form error.
    """
    try:
        return parse_date(text or "")
    except ValueError:
        raise ValueError(_("Enter a date as 1391/07/19 (Jalali) or 2012-10-10 (Gregorian).")) from None


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
    if year not in JALALI_YEARS:
        return None
    return jdatetime.date(year, MONTH_NUMBERS[match.group("month")], 1).togregorian()


def jalali_input(value):
    """The Jalali form an editor would type back (1391/07/19), for initial values."""
    if not value:
        return ""
    j = jdatetime.date.fromgregorian(date=value)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"

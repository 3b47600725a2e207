"""Dates the secretariat types or finds in minutes: Jalali (۱۳۹۱/۰۷/۱۹) or Gregorian (2012-10-10)."""

import jdatetime
from django.utils.translation import gettext as _

from portal.dates import date_in_text, parse_date


def parse_date_input(text):
    """Read a date typed as Jalali ``1391/07/19`` (any digits) or Gregorian ``2012-10-10``.

    Raises ValueError with a sentence fit for a form error.
    """
    try:
        return parse_date(text or "")
    except ValueError:
        raise ValueError(_("Enter a date as 1391/07/19 (Jalali) or 2012-10-10 (Gregorian).")) from None


def guess_meeting_date(text):
    """The date a title gives («مهرماه ۱۳۹۱» → 2012-09-22, the first of the Jalali month), else None.

    Minutes often give only the month; an editor corrects the day in the preview.
    """
    found = date_in_text(text)
    return found.date if found else None


def jalali_input(value):
    """The Jalali form an editor would type back (1391/07/19), for initial values."""
    if not value:
        return ""
    j = jdatetime.date.fromgregorian(date=value)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"

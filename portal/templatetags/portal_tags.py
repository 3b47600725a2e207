"""Dates and numbers the way each language reads them."""

import datetime

import jdatetime
from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
JALALI_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]


def persian_digits(value):
    return str(value).translate(PERSIAN_DIGITS)


def jalali(value):
    """۲۶ شهریور ۱۳۹۸ for 2019-09-17."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    j = jdatetime.date.fromgregorian(date=value)
    return persian_digits(f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}")


@register.filter
def local_date(value):
    """Jalali with Persian digits on Persian pages, the usual Gregorian date elsewhere."""
    if not value:
        return ""
    if (get_language() or "").startswith("fa"):
        return jalali(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return date_format(value, "DATE_FORMAT")


@register.filter
def local_number(value):
    if (get_language() or "").startswith("fa"):
        return persian_digits(value)
    return value


@register.simple_tag(takes_context=True)
def language_url(context, language_code):
    """The current page's address in another interface language."""
    from django.urls import translate_url

    request = context.get("request")
    return translate_url(request.get_full_path(), language_code) if request else f"/{language_code}/"

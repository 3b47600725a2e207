"""Dates and numbers as each language reads them, and dates typed in either calendar."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from portal import dates
from portal.templatetags import portal_tags

SEPT_17 = datetime.date(2019, 9, 17)  # Tuesday 26 Shahrivar 1398, the Qazvin master plan's day


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load portal_tags %}" + source).render(Context(context))


# --- showing --------------------------------------------------------------------------------

def test_persian_pages_show_jalali_dates_with_persian_digits():
    assert render("{{ d|local_date }}", "fa", d=SEPT_17) == "۲۶ شهریور ۱۳۹۸"
    assert render('{{ d|local_date:"short" }}', "fa", d=SEPT_17) == "۱۳۹۸/۰۶/۲۶"
    assert render('{{ d|local_date:"full" }}', "fa", d=SEPT_17) == "سه‌شنبه ۲۶ شهریور ۱۳۹۸"


def test_other_pages_show_gregorian_dates():
    assert render("{{ d|local_date }}", "en", d=SEPT_17) == "Sept. 17, 2019"
    assert render("{{ d|local_date }}", "zh-hans", d=SEPT_17) == "2019年9月17日"
    assert render('{{ d|local_date:"full" }}', "en", d=SEPT_17) == "Tuesday, Sept. 17, 2019"


def test_iso_dates_for_machines_in_every_language():
    for language in ("fa", "en", "zh-hans"):
        assert render("{{ d|iso_date }}", language, d=SEPT_17) == "2019-09-17"
        assert render("{{ d|jalali_date }}", language, d=SEPT_17) == "۲۶ شهریور ۱۳۹۸"


def test_datetimes_are_read_in_the_portals_time_zone():
    # 22:00 UTC on 16 September is already the 17th in Tehran (UTC+03:30).
    late = datetime.datetime(2019, 9, 16, 22, 0, tzinfo=datetime.UTC)
    with timezone.override("Asia/Tehran"):
        assert render("{{ d|local_date }}", "fa", d=late) == "۲۶ شهریور ۱۳۹۸"


def test_month_boundaries_and_leap_years():
    assert dates.jalali_long(datetime.date(2019, 3, 21)) == "۱ فروردین ۱۳۹۸"  # Nowruz
    assert dates.jalali_long(datetime.date(2021, 3, 20)) == "۳۰ اسفند ۱۳۹۹"  # 1399 is a leap year
    assert dates.jalali_long(datetime.date(2012, 10, 10)) == "۱۹ مهر ۱۳۹۱"  # the 9th meeting


def test_empty_dates_render_nothing():
    assert render("{{ d|local_date }}|{{ d|iso_date }}", "fa", d=None) == "|"


def test_numbers():
    assert render("{{ n|local_number }}", "fa", n=12000) == "۱۲٬۰۰۰"
    assert render("{{ n|local_number }}", "en", n=12000) == "12,000"
    assert render("{{ n|local_number }}", "zh-hans", n=12000) == "12,000"
    assert render("{{ n|local_number }}", "fa", n=9) == "۹"
    assert render("{{ n|local_number }}", "fa", n=2.5) == "۲٫۵"
    assert render("{{ n|local_number }}", "fa", n="12000") == "۱۲٬۰۰۰"
    assert render("{{ n|local_number }}", "fa", n="Meeting 9") == "Meeting ۹"
    assert render("{{ n|local_digits }}", "fa", n=1398) == "۱۳۹۸"
    assert render("{{ n|local_digits }}", "en", n=1398) == "1398"
    assert render("{{ n|local_number }}", "fa", n=None) == ""


def test_the_first_versions_names_still_work():
    assert portal_tags.jalali(SEPT_17) == "۲۶ شهریور ۱۳۹۸"
    assert portal_tags.persian_digits(1398) == "۱۳۹۸"


# --- direction and language of content ------------------------------------------------------

@pytest.mark.parametrize(("language", "direction"), [
    ("fa", "rtl"), ("ar", "rtl"), ("en", "ltr"), ("zh", "ltr"), ("zh-hans", "ltr"),
    ("other", "auto"), ("", "auto"),
])
def test_text_direction(language, direction):
    assert dates.text_direction(language) == direction


def test_content_lang_attributes_do_not_follow_the_page_language():
    assert render('<p {% content_lang "fa" %}>', "en") == '<p lang="fa" dir="rtl">'
    assert render('<p {% content_lang "en" %}>', "fa") == '<p lang="en" dir="ltr">'
    assert render('<p {% content_lang "zh-hans" %}>', "fa") == '<p lang="zh-Hans" dir="ltr">'
    assert render('<p {% content_lang "other" %}>', "fa") == '<p dir="auto">'


def test_rich_text_paragraphs_get_their_own_direction():
    html = '<p>سلام</p><p class="x">Hello</p><p dir="rtl">کهنه</p><ul><li>یک</li></ul>'
    assert render("{{ html|safe|auto_dir }}", "en", html=html) == (
        '<p dir="auto" lang="fa">سلام</p><p dir="auto" class="x">Hello</p><p dir="rtl">کهنه</p>'
        '<ul><li dir="auto" lang="fa">یک</li></ul>'
    )


# --- reading typed dates ----------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "1398/06/26", "1398/6/26", "۱۳۹۸/۰۶/۲۶", "١٣٩٨/٠٦/٢٦", "1398-06-26", "۱۳۹۸-۶-۲۶", " 1398 / 06 / 26 ",
    "۲۶ شهریور ۱۳۹۸", "26 شهریور 1398", "\u200f۱۳۹۸/۰۶/۲۶\u200f",
])
def test_jalali_input_in_any_digits(typed):
    assert dates.parse_date(typed) == SEPT_17


@pytest.mark.parametrize("typed", ["2019-09-17", "2019/9/17", "۲۰۱۹-۰۹-۱۷", "٢٠١٩/٠٩/١٧"])
def test_gregorian_input(typed):
    assert dates.parse_date(typed) == SEPT_17


def test_arabic_letters_in_month_names():
    assert dates.parse_date("۱۰ دي ۱۳۹۸") == datetime.date(2019, 12, 31)


@pytest.mark.parametrize("typed", [
    "", "tomorrow", "1398/13/01", "1398/12/30", "2019-02-29", "17/09/2019", "1398",
])
def test_what_is_not_a_date_is_refused(typed):
    # 1398 is not a Jalali leap year, so Esfand has 29 days; 17/09/2019 is ambiguous.
    with pytest.raises(ValueError):
        dates.parse_date(typed)


def test_reading_and_showing_round_trip_for_a_whole_year():
    day = datetime.date(2020, 1, 1)
    while day.year == 2020:
        assert dates.parse_date(dates.jalali_numeric(day)) == day
        assert dates.parse_date(dates.jalali_long(day)) == day
        day += datetime.timedelta(days=1)

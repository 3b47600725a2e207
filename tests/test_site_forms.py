"""The two-calendar date field, on its own and in Wagtail's admin."""

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from portal.forms import JalaliDateField, JalaliDateInput, PortalAdminDateInput, calendar_hint
from resolutions.factories import add_meeting
from resolutions.models import MeetingPage

SEPT_17 = datetime.date(2019, 9, 17)


class DateForm(forms.Form):
    day = JalaliDateField(required=False)


@pytest.mark.parametrize("typed", ["1398/06/26", "۱۳۹۸/۰۶/۲۶", "١٣٩٨/٠٦/٢٦", "2019-09-17", "۲۶ شهریور ۱۳۹۸"])
@pytest.mark.parametrize("language", ["fa", "en", "zh-hans"])
def test_the_field_reads_both_calendars_in_every_language(typed, language):
    with translation.override(language):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == SEPT_17


def test_the_field_still_reads_the_languages_own_formats():
    with translation.override("en"):
        form = DateForm({"day": "09/17/2019"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == SEPT_17


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_field_explains_what_it_accepts(language):
    with translation.override(language):
        form = DateForm({"day": "1398/12/30"})
        assert not form.is_valid()
        message = form.errors["day"][0]
    assert "1398/06/26" in message or "۱۳۹۸/۰۶/۲۶" in message
    assert "2019-09-17" in message or "۲۰۱۹-۰۹-۱۷" in message


def test_empty_is_allowed_when_not_required():
    form = DateForm({"day": ""})
    assert form.is_valid() and form.cleaned_data["day"] is None


def test_the_widget_shows_both_calendars():
    with translation.override("fa"):
        html = JalaliDateInput().render("day", SEPT_17, attrs={"id": "id_day"})
    assert 'value="2019-09-17"' in html
    assert "۲۶ شهریور ۱۳۹۸" in html and "2019-09-17" in html
    assert 'aria-describedby="id_day-calendars"' in html and 'id="id_day-calendars"' in html
    assert "data-jalali-date-input" in html


def test_the_hint_for_typed_jalali_gives_the_gregorian_day():
    with translation.override("en"):
        assert calendar_hint("۱۳۹۸/۰۶/۲۶") == "Jalali: ۲۶ شهریور ۱۳۹۸ · Gregorian: 2019-09-17"
        assert calendar_hint("nonsense") == ""


def test_the_admin_widget_is_jalali_in_persian_and_wagtails_picker_otherwise():
    widget = PortalAdminDateInput()
    with translation.override("fa"):
        persian = widget.render("starts_on", SEPT_17, attrs={"id": "id_starts_on"})
        persian_media = str(widget.media)
    with translation.override("en"):
        english = widget.render("starts_on", SEPT_17, attrs={"id": "id_starts_on"})
        english_media = str(widget.media)
    assert "۲۶ شهریور ۱۳۹۸" in persian and "initDateChooser" not in persian
    assert "portal/date-field.js" in persian_media
    assert "initDateChooser" in english and "۲۶ شهریور" not in english
    assert "date-time-chooser.js" in english_media


def test_wagtail_admin_forms_use_the_jalali_field_for_model_date_fields():
    form_class = MeetingPage.get_edit_handler().get_form_class()
    assert isinstance(form_class.base_fields["starts_on"], JalaliDateField)
    assert isinstance(form_class.base_fields["starts_on"].widget, PortalAdminDateInput)


def _persian(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fa"
    profile.save()
    return user


def test_a_persian_editor_sees_the_admin_in_persian_with_jalali_dates(client, site_tree, people):
    meeting = add_meeting(site_tree["meetings"], 9, starts_on=datetime.date(2012, 10, 10))
    client.force_login(_persian(people["secretariat"]))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl"' in html or 'lang="fa" dir="rtl"' in html
    assert "۱۹ مهر ۱۳۹۱" in html  # the meeting's first day, in the Jalali hint
    assert "portal/date-field.js" in html


def test_an_english_editor_keeps_wagtails_date_picker(client, site_tree, people):
    meeting = add_meeting(site_tree["meetings"], 9, starts_on=datetime.date(2012, 10, 10))
    profile = UserProfile.get_for_user(people["secretariat"])
    profile.preferred_language = "en"
    profile.save()
    client.force_login(people["secretariat"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk])).content.decode()
    assert 'lang="en"' in html and "initDateChooser" in html


def test_a_persian_editor_saves_a_jalali_date_through_the_admin(client, site_tree, people):
    meeting = add_meeting(site_tree["meetings"], 9, starts_on=datetime.date(2012, 10, 10))
    client.force_login(_persian(people["secretariat"]))
    url = reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or isinstance(field, forms.ModelMultipleChoiceField):
            continue
        data[name] = value
    data.update({"starts_on": "۱۳۹۱/۰۷/۲۰", "ends_on": "", "slug": meeting.slug, "title": meeting.title,
                 "summary": '{"blocks": [], "entityMap": {}}'})
    for formset in form.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    meeting.refresh_from_db()
    draft = meeting.get_latest_revision_as_object()
    errors = response.context["form"].errors if response.status_code == 200 else ""
    assert draft.starts_on == datetime.date(2012, 10, 11), errors


def test_persian_pages_separate_meta_items_with_a_persian_comma_not_a_dot_that_reads_as_zero():
    with translation.override("fa"):
        # The Gregorian day in Persian digits, set apart (LRI … PDI) so that it reads left to right.
        assert calendar_hint("1398/06/26") == "خورشیدی: ۲۶ شهریور ۱۳۹۸، میلادی: \u2066۲۰۱۹-۰۹-۱۷\u2069"

"""A date field Persian editors can fill in the Jalali calendar, in the admin and in public forms.

- `JalaliDateField` reads Jalali (1398/06/26, ۱۳۹۸/۶/۲۶, ١٣٩٨-٠٦-٢٦, ۲۶ شهریور ۱۳۹۸) or Gregorian
  (2019-09-17) input and cleans to a Gregorian `datetime.date`, so the database keeps one calendar.
- `JalaliDateInput` shows the Gregorian value and, beside it, the same day in the Jalali calendar;
  a small script (`portal/date-field.js`) keeps that hint live while the editor types, in either
  calendar.
- `PortalAdminDateInput` is what Wagtail's admin uses for every model `DateField`: on Persian admin
  pages it is the Jalali input above, in other languages Wagtail's own date picker.
  `register_admin_date_field()` installs both through Wagtail's form-field override registry.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from portal import dates

JALALI_TEMPLATE = "portal/widgets/jalali_date_input.html"


def calendar_hint(value):
    """'Jalali: ۲۶ شهریور ۱۳۹۸ · Gregorian: 2019-09-17' for a date or date text, '' for anything else."""
    if isinstance(value, str):
        try:
            value = dates.parse_date(value)
        except ValueError:
            return ""
    if not isinstance(value, datetime.date):
        return ""
    gregorian = dates.as_date(value).isoformat()
    if dates.is_persian():  # in the reader's digits, set apart so that it runs left to right in Persian
        gregorian = dates.isolate(dates.local_digits(gregorian), "ltr")
    return f"{_('Jalali')}: {dates.jalali_long(value)}{dates.separator()}{_('Gregorian')}: {gregorian}"


def date_examples():
    """The two ways to type a date, as examples in the reader's digits, each set apart from the
    sentence around it so that «(۲۰۱۹-۰۹-۱۷)» keeps its order in a right-to-left hint."""
    return {"jalali": dates.isolate(dates.local_digits("1398/06/26"), "ltr"),
            "gregorian": dates.isolate(dates.local_digits("2019-09-17"), "ltr")}


def _date_help():
    return gettext("Jalali (%(jalali)s) or Gregorian (%(gregorian)s).") % date_examples()


def _date_placeholder():
    return gettext("%(jalali)s or %(gregorian)s") % date_examples()


# Help text and placeholder for a date field, in the language of the page that shows them.
date_help = lazy(_date_help, str)
date_placeholder = lazy(_date_placeholder, str)


class JalaliDateInput(forms.DateInput):
    """A text input for a date, with the day shown in both calendars beside it."""

    template_name = JALALI_TEMPLATE

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 (Django's name)
        defaults = {"autocomplete": "off", "dir": "ltr", "data-jalali-date-input": "",
                    "placeholder": date_placeholder()}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        hint_id = f"{widget['attrs'].get('id') or name}-calendars"
        described = widget["attrs"].get("aria-describedby", "")
        widget["attrs"]["aria-describedby"] = f"{described} {hint_id}".strip()
        widget["hint_id"] = hint_id
        widget["hint"] = calendar_hint(value)
        return context

    @property
    def media(self):
        return forms.Media(js=["portal/date-field.js"], css={"all": ["portal/date-field.css"]})


class PortalAdminDateInput(AdminDateInput):
    """Wagtail's date input, or the two-calendar input when the admin speaks Persian."""

    def _jalali(self):
        return dates.is_persian()

    def get_context(self, name, value, attrs):
        if not self._jalali():
            return super().get_context(name, value, attrs)
        return JalaliDateInput(attrs=self.attrs, format=self.format).get_context(name, value, attrs)

    def render(self, name, value, attrs=None, renderer=None):
        if not self._jalali():
            return super().render(name, value, attrs, renderer)
        return JalaliDateInput(attrs=self.attrs, format=self.format).render(name, value, attrs, renderer)

    @property
    def media(self):
        if self._jalali():
            return JalaliDateInput().media
        return super().media


class JalaliDateField(forms.DateField):
    """A date typed in either calendar, with any of the three digit sets; cleans to a Gregorian date."""

    widget = JalaliDateInput
    default_error_messages = {
        "invalid": _("Enter a date as %(jalali)s (Jalali) or %(gregorian)s (Gregorian)."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        try:
            return dates.parse_date(text)
        except ValueError:
            pass
        try:  # the language's own input formats (e.g. 09/17/2019 on English pages)
            return super().to_python(dates.latin_digits(text))
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params=date_examples()) from None


class MarkedSelect(forms.Select):
    """A select whose options in another language than the page's (an organisation known only by its
    English name, «فارسی» among the languages) carry their lang and dir; <option> holds no markup."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        text, language = dates.written_in(label)
        option["label"] = text
        if dates.other_language(language):
            option["attrs"] = {**option["attrs"], "lang": dates.html_lang(language),
                               "dir": dates.text_direction(language)}
        return option


def register_admin_date_field():
    """Make every model DateField in Wagtail's admin forms a JalaliDateField with the admin widget."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.DateField, override={"form_class": JalaliDateField, "widget": PortalAdminDateInput}
    )

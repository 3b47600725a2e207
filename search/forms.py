"""Validating a search request (the page and the API read the same parameters)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import registry
from .facets import DOCUMENT_LANGUAGES, FACETS
from .results import NEWEST, PAGE_SIZE, RELEVANCE, SearchParams

MAX_QUERY_LENGTH = 200
MAX_VALUES = 20
MAX_PAGE = 500  # the engine pages at most 10 000 hits deep
SLUG = re.compile(r"^[-\w]{1,80}$")


class ValuesField(forms.Field):
    """A repeated parameter (?hazard=flood&hazard=fire) whose values each pass `check`."""

    widget = forms.MultipleHiddenInput

    def __init__(self, check, *args, **kwargs):
        self.check = check
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        values = [v.strip() for v in (value or []) if v and v.strip()]
        if len(values) > MAX_VALUES:
            raise ValidationError(_("Too many values."))
        for v in values:
            if not self.check(v):
                raise ValidationError(_("“%(value)s” is not a valid choice."), params={"value": v})
        return list(dict.fromkeys(values))


def choice(options):
    return lambda value: value in options


def indexed_type(value):
    return registry.type_named(value) is not None


def owned_value(facet_name):
    """A value of a facet an indexed type defines (read when checked: types register at start-up)."""
    return lambda value: value in registry.facet_labels(facet_name)


class TypesField(ValuesField):
    """Document types, by their names; a former name (training_experience) stands for the new one."""

    def __init__(self, *args, **kwargs):
        super().__init__(indexed_type, *args, **kwargs)

    def to_python(self, value):
        return list(dict.fromkeys(registry.type_named(v).name for v in super().to_python(value)))


def city_name(value):
    return len(value) <= 120


def year(value):
    return value.isdigit() and 1000 <= int(value) <= 2999


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False)
    type = TypesField(label=_("Kind"))
    organisation = ValuesField(SLUG.match, label=_("Organisation"))
    city = ValuesField(city_name, label=_("City"))
    hazard = ValuesField(SLUG.match, label=_("Hazard"))
    phase = ValuesField(SLUG.match, label=_("Phase"))
    lang = ValuesField(choice(set(DOCUMENT_LANGUAGES) | {"other"}), label=_("Document language"))
    year = ValuesField(year, label=_("Year"))
    status = ValuesField(owned_value("status"), label=_("Resolution status"))
    sort = forms.ChoiceField(
        label=_("Order"), required=False,
        choices=[(RELEVANCE, _("Most relevant first")), (NEWEST, _("Newest first"))],
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)
    size = forms.IntegerField(min_value=1, max_value=50, required=False)
    # The words as typed, not searched with a misspelled word corrected (search/spelling.py).
    as_typed = forms.BooleanField(required=False)

    def params(self):
        data = self.cleaned_data
        return SearchParams(
            q=data.get("q") or "",
            filters={f.name: data[f.name] for f in FACETS if data.get(f.name)},
            sort=data.get("sort") or RELEVANCE,
            page=data.get("page") or 1,
            page_size=data.get("size") or PAGE_SIZE,
            as_typed=bool(data.get("as_typed")),
        )

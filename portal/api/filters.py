"""What each filter means, as plain functions on querysets (the facets of the search page).

The ground's pieces (organisations, cities, years, slugs); each app filters its own objects with
them (resolutions/api/filters.py, knowledge/api.py).

Values of one filter are alternatives (?hazard=flood&hazard=fire: either); different filters must
all hold. A slug that names no organisation, hazard or phase is an error (InvalidFilter → 400),
not an empty result, so that a typo does not pass for "nothing found".
"""

from django.db.models import Q

from portal.models import City, Organisation
from portal.names import match_organisation


class InvalidFilter(ValueError):
    """A filter value that is well-formed but names nothing."""


def check_slugs(model, slugs, parameter):
    known = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise InvalidFilter(f"Unknown {parameter}: {', '.join(sorted(unknown))}.")


def in_city(field, values, written):
    """`field` names the city one of the values names, however it was typed (City.written_as).

    `written`: the model and field the city texts are typed in, whose distinct values are read.
    """
    model, name = written
    texts = model.objects.exclude(**{name: ""}).values_list(name, flat=True).distinct()
    return Q(**{f"{field}__in": sorted({text for value in values for text in City.written_as(value, texts)})})


ORGANISATION_CITIES = (Organisation, "city")


def years(field, values):
    return Q(**{f"{field}__year__in": values})


def filter_organisations(qs, f):
    if f.kind:
        qs = qs.filter(kind__in=f.kind)
    if f.city:
        qs = qs.filter(in_city("city", f.city, ORGANISATION_CITIES))
    if f.active is not None:
        qs = qs.filter(is_active=f.active)
    if f.name:
        found = match_organisation(f.name)
        qs = qs.filter(pk=found.pk) if found else qs.none()
    return qs.order_by("slug")

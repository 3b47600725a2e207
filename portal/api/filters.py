"""What each filter means, as plain functions on querysets (the facets of the search page).

Values of one filter are alternatives (?hazard=flood&hazard=fire: either); different filters must
all hold. A slug that names no organisation, hazard or phase is an error (InvalidFilter → 400),
not an empty result, so that a typo does not pass for "nothing found".
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from knowledge.models import ExperienceReport, Study, TrainingExperience
from portal.models import City, Hazard, Organisation, Phase
from resolutions.models import MeetingPage

KNOWLEDGE_KINDS = {
    "study": Study,
    "training_experience": TrainingExperience,
    "experience_report": ExperienceReport,
}


class InvalidFilter(ValueError):
    """A filter value that is well-formed but names nothing."""


def check_slugs(model, slugs, parameter):
    known = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise InvalidFilter(f"Unknown {parameter}: {', '.join(sorted(unknown))}.")


def _in_city(field, values, written):
    """`field` names the city one of the values names, however it was typed (City.written_as).

    `written`: the model and field the city texts are typed in, whose distinct values are read.
    """
    model, name = written
    texts = model.objects.exclude(**{name: ""}).values_list(name, flat=True).distinct()
    return Q(**{f"{field}__in": sorted({text for value in values for text in City.written_as(value, texts)})})


MEETING_CITIES = (MeetingPage, "host_city")
ORGANISATION_CITIES = (Organisation, "city")


def _years(field, years):
    return Q(**{f"{field}__year__in": years})


def filter_meetings(qs, f):
    if f.organisation:
        check_slugs(Organisation, f.organisation, "organisation")
        qs = qs.filter(participants__slug__in=f.organisation).distinct()
    if f.city:
        qs = qs.filter(_in_city("host_city", f.city, MEETING_CITIES))
    if f.year:
        qs = qs.filter(_years("starts_on", f.year))
    return qs.order_by("-number")


def filter_resolutions(qs, f, today=None):
    if f.meeting:
        qs = qs.filter(meeting__number__in=f.meeting)
    if f.organisation:
        check_slugs(Organisation, f.organisation, "organisation")
        qs = qs.filter(
            Q(owners__slug__in=f.organisation) | Q(lines__organisation__slug__in=f.organisation)
        ).distinct()
    if f.city:
        qs = qs.filter(_in_city("meeting__host_city", f.city, MEETING_CITIES))
    if f.hazard:
        check_slugs(Hazard, f.hazard, "hazard")
        qs = qs.filter(hazards__slug__in=f.hazard).distinct()
    if f.lang:
        qs = qs.filter(language__in=f.lang)
    if f.year:
        qs = qs.filter(_years("meeting__starts_on", f.year))
    if f.status:
        qs = qs.filter(status__in=f.status)
    if f.overdue is not None:
        overdue = qs.model.objects.overdue(today).values("pk")
        qs = qs.filter(pk__in=overdue) if f.overdue else qs.exclude(pk__in=overdue)
    return qs.order_by("-meeting__number", "number")


def filter_knowledge(qs, f):
    if f.type:
        types = ContentType.objects.get_for_models(*(KNOWLEDGE_KINDS[t] for t in f.type))
        qs = qs.filter(content_type__in=types.values())
    if f.organisation:
        check_slugs(Organisation, f.organisation, "organisation")
        qs = qs.filter(organisation__slug__in=f.organisation)
    if f.city:
        qs = qs.filter(_in_city("organisation__city", f.city, ORGANISATION_CITIES))
    if f.hazard:
        check_slugs(Hazard, f.hazard, "hazard")
        # Semi-joins, not JOIN + DISTINCT: a DISTINCT count of 100,000 items is slow.
        qs = qs.filter(pk__in=qs.model.hazards.through.objects.filter(hazard__slug__in=f.hazard)
                       .values("knowledgeitem_id"))
    if f.phase:
        check_slugs(Phase, f.phase, "phase")
        qs = qs.filter(pk__in=qs.model.phases.through.objects.filter(phase__slug__in=f.phase)
                       .values("knowledgeitem_id"))
    if f.lang:
        qs = qs.filter(language__in=f.lang)
    if f.year:
        # The document's own date, or when it was published if it has none (as the search page).
        qs = qs.filter(
            _years("document_date", f.year)
            | Q(document_date__isnull=True) & _years("first_published_at", f.year)
        )
    return qs.order_by("-first_published_at", "-pk")


def filter_organisations(qs, f):
    if f.kind:
        qs = qs.filter(kind__in=f.kind)
    if f.city:
        qs = qs.filter(_in_city("city", f.city, ORGANISATION_CITIES))
    if f.active is not None:
        qs = qs.filter(is_active=f.active)
    return qs.order_by("slug")

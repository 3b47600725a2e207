"""The facets: request parameter, index field, and how to show a value to a reader.

The engine (queries.py) and the database fallback (fallback.py) both use these definitions,
so a facet means the same thing in either mode.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from . import registry


def _plain(values):
    return {v: v for v in values}


def type_labels(values):
    return {v: str(registry.BY_NAME[v].label) if v in registry.BY_NAME else v for v in values}


# The small tables whose names label facet values.
NAMED_BY_SLUG = ("portal.organisation", "portal.city", "portal.hazard", "portal.phase")


def _names_by_slug(model_label, values):
    """Names in the reader's language; the small tables are cached, all four in one entry, until
    content changes (read from the database, they were a tenth of a search's time; from four
    cache entries, still a twentieth)."""
    from portal import freshness

    def names():
        return {label: {obj.slug: obj.name for obj in apps.get_model(label).objects.all()}
                for label in NAMED_BY_SLUG}

    found = freshness.remember("facet-names", None, names)[model_label]
    return {v: found.get(v, v) for v in values}


def organisation_labels(values):
    return _names_by_slug("portal.organisation", values)


def city_labels(values):
    """Known cities by their name in the reader's language; free-text cities as written."""
    return _names_by_slug("portal.city", values)


def hazard_labels(values):
    return _names_by_slug("portal.hazard", values)


def phase_labels(values):
    return _names_by_slug("portal.phase", values)


def topic_labels(values):
    """Thesaurus concepts by their preferred label in the reader's language (else their first label
    in any). A concept no longer in the thesaurus has no label: `label_facets` leaves it out."""
    from portal import thesaurus

    language = thesaurus.reader_language()
    return {value: thesaurus.preferred_label(value, language) or thesaurus.any_label(value) for value in values}


DOCUMENT_LANGUAGES = {"fa": "فارسی", "en": "English", "zh": "中文"}


def language_labels(values):
    return {v: DOCUMENT_LANGUAGES.get(v) or str(_("Other")) for v in values}


def year_labels(values):
    """Gregorian years (the facet's values, the same in every language) as the reader counts them."""
    from portal.dates import year_label

    return {v: year_label(v) for v in values}


def owned_labels(facet_name):
    """The labels of a facet whose values an indexed type defines (registry `facet_labels`)."""
    def labels(values):
        names = registry.facet_labels(facet_name)
        return {v: str(names.get(v, v)) for v in values}

    return labels


# Every facet's values of a document in one keyword field, as `<facet>:<value>`: one aggregation
# over it counts all the facets in one pass over the matching documents, where one aggregation per
# facet read nine fields per document and cost a search most of its time.
FACET_VALUES = "facet_values"
# Buckets that aggregation returns: more than the values of every facet together (a few hundred
# topics, cities and organisations), so each facet's counts are exact.
ALL_VALUES = 10_000


@dataclass(frozen=True)
class Facet:
    name: str  # request parameter (?hazard=flood&hazard=fire)
    field: str  # index field
    label: object
    labels: Callable = _plain  # [value] -> {value: label}
    numeric: bool = False
    newest_first: bool = False  # order by value (years) instead of by count
    size: int = 40

    def document_values(self, document):
        """The facet's values in a prepared document (search.prepare), as strings."""
        if self.name == "organisation":
            return [o["slug"] for o in document["organisation"]]
        value = document.get(self.field)
        values = value if isinstance(value, list) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def ordered(self, counts):
        """[(value, count)] as the facet shows them: newest first (years) or most found first (ties
        by value, as the engine orders them), at most `size`."""
        if self.newest_first:
            counts = sorted(counts, key=lambda item: int(item[0]) if self.numeric else item[0], reverse=True)
        else:
            counts = sorted(counts, key=lambda item: (-item[1], item[0]))
        return counts[:self.size]


FACETS = [
    Facet("type", "type", _("Kind"), labels=type_labels),
    Facet("organisation", "organisation.slug", _("Organisation"), labels=organisation_labels),
    Facet("city", "city", _("City"), labels=city_labels),
    Facet("hazard", "hazards", _("Hazard"), labels=hazard_labels),
    Facet("phase", "phases", _("Phase"), labels=phase_labels),
    Facet("topic", "concepts", _("Topic"), labels=topic_labels, size=15),
    Facet("lang", "language", _("Document language"), labels=language_labels),
    Facet("year", "year", _("Year"), labels=year_labels, numeric=True, newest_first=True),
    Facet("status", "resolution_status", _("Resolution status"), labels=owned_labels("status")),
]
BY_NAME = {facet.name: facet for facet in FACETS}


# The facets whose values are the taxonomy's terms, which the thesaurus also holds as concepts.
TERM_FACETS = {"hazard": "portal.hazard", "phase": "portal.phase"}


def concepts_of_terms():
    """{(facet name, value): the thesaurus concepts that name that hazard or phase}: the concept of
    the same identifier, and those one of whose labels is the term's whole name in some language
    (a hazard the secretariat added as «سیلاب» is the concept "flood"). Cached until content changes."""
    from portal import freshness, thesaurus
    from portal.textnorm import matching_key

    def joined(text):
        return "".join(matching_key(text).split())

    def compute():
        found = {}
        for facet_name, model_label in TERM_FACETS.items():
            for term in apps.get_model(model_label).objects.all():
                concepts = {term.slug} if thesaurus.labels_of(term.slug) else set()
                for name in term.names():
                    concepts |= {mention.concept for mention in thesaurus.concepts_in(name)
                                 if joined(mention.text) == joined(name)}
                found[(facet_name, term.slug)] = frozenset(concepts)
        return found

    return freshness.remember("term-concepts", None, compute, per_language=False)


def facet_values(document):
    """The `FACET_VALUES` of a prepared document."""
    return [f"{facet.name}:{value}" for facet in FACETS for value in facet.document_values(document)]


def split_facet_value(term):
    """`hazard:flood` → ("hazard", "flood")."""
    name, _, value = term.partition(":")
    return name, value

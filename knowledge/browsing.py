"""The knowledge listing: filters read from the query string, applied to what the viewer may read.

At 100,000 items the listing's dear parts are the filter choices (which organisations and years
have items), the count of matching items and the rendered filter fields; they are the same for
every reader of one audience and cached until content changes (portal.freshness). The page of
items itself is read through the (document_date, visibility) index in the listing's order when
many items match, instead of sorting all of them for the twelve shown.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal import freshness
from portal.dates import year_label
from portal.forms import MarkedSelect
from portal.models import City, Hazard, Organisation, Phase

from .kinds import KIND_CHOICES, KINDS
from .models import DOCUMENT_LANGUAGES, KnowledgeItem
from .visibility import knowledge_items_visible_to

PAGE_SIZE = 12
ORDER = ("-document_date", "-first_published_at", "pk")


def _blank(label):
    return [("", label)]


class KnowledgeFilterForm(forms.Form):
    """Every field optional; a value that is not a valid choice is dropped, never an error page."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    # Names shown as the organisations, cities and languages write them carry their lang and dir.
    organisation = forms.ChoiceField(label=_("Organisation"), required=False, widget=MarkedSelect)
    city = forms.ChoiceField(label=_("City"), required=False, widget=MarkedSelect)
    hazard = forms.ChoiceField(label=_("Hazard"), required=False, widget=MarkedSelect)
    phase = forms.ChoiceField(label=_("Phase"), required=False, widget=MarkedSelect)
    language = forms.ChoiceField(label=_("Language"), required=False, widget=MarkedSelect)
    # The value stays the Gregorian year (links work in every language); the label is the reader's.
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, choices):
        """`choices`: filter_choices() for the reader (the values that have items to show)."""
        super().__init__(data)
        everyone = _("All")
        self.fields["kind"].choices = _blank(everyone) + list(KIND_CHOICES)
        self.fields["language"].choices = _blank(everyone) + list(DOCUMENT_LANGUAGES)
        for name in ("organisation", "city", "hazard", "phase", "year"):
            self.fields[name].choices = _blank(everyone) + list(choices[name])

    def valid_filters(self):
        """The filters that passed validation, even when others did not."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def filter_choices(items):
    """The choices of the filters that depend on the items (`items`: what the reader may see)."""
    # One EXISTS per organisation (an index lookup), the cities from those rows.
    organisations = list(Organisation.objects.filter(Exists(items.filter(organisation=OuterRef("pk")))))
    return {
        "organisation": sorted(((o.slug, o.name) for o in organisations), key=lambda c: c[1]),
        "city": city_choices(organisations),
        "hazard": [(h.slug, h.name) for h in Hazard.objects.all()],
        "phase": [(p.slug, p.name) for p in Phase.objects.all()],
        "year": [(y, year_label(y)) for y in years_with_items(items)],
    }


def city_choices(organisations):
    """One choice per city however its organisations write it («همدان», "Hamedan").

    A known city (portal.models.City) by its slug, named in the reader's language; a city the
    table does not know yet, as written.
    """
    choices = {}
    for organisation in organisations:
        if organisation.city:
            city = City.named(organisation.city)
            value, label = (city.slug, city.name) if city else (organisation.city, organisation.city)
            choices[value] = label
    return sorted(choices.items(), key=lambda choice: choice[1])


def organisations_in_city(value):
    """Organisations in this city: a known city's slug (any of its spellings), or this text."""
    written = Organisation.objects.exclude(city="").values_list("city", flat=True).distinct()
    return Organisation.objects.filter(city__in=City.written_as(value, written))


def years_with_items(items):
    """The years of the items' dates (of their publication when they have none), newest first.

    Year by year through the date index: a few dozen lookups instead of reading every item's date.
    """
    dates = items.filter(document_date__isnull=False).order_by("document_date").values_list(
        "document_date", flat=True
    )
    years = set()
    first, last = dates.first(), dates.last()
    if first and last:
        years |= {y for y in range(first.year, last.year + 1) if dates.filter(document_date__year=y).exists()}
    undated = items.filter(document_date__isnull=True).annotate(y=ExtractYear("first_published_at"))
    years |= {y for y in undated.order_by().values_list("y", flat=True).distinct() if y}
    return sorted(years, reverse=True)


# With more matching items than this, a page is found fastest by reading the items in the listing's
# order (the date index) and checking each until the page is full; with fewer, by reading the
# matching items first and sorting them. (SQLite keeps no statistics to choose by itself.)
SORT_AT_MOST = 2000


def _among(rows, column, in_listing_order):
    """Items whose pk is in `rows`.`column`: EXISTS checked item by item, or IN read first."""
    if in_listing_order:
        return Exists(rows.filter(**{column: OuterRef("pk")}))
    return Q(pk__in=rows.values(column))


def apply_filters(items, filters, in_listing_order=False):
    """`items` that pass `filters`; `in_listing_order`: many will, see SORT_AT_MOST."""
    hazard_links = KnowledgeItem.hazards.through.objects
    phase_links = KnowledgeItem.phases.through.objects
    item_column = "knowledgeitem_id"
    if kind := filters.get("kind"):
        # The kind's own table rather than Wagtail's content-type filter, which SQLite reads
        # through the content-type index and then sorts a third of all items.
        items = items.filter(_among(KINDS[kind].objects.all(), "pk", in_listing_order))
    if slug := filters.get("organisation"):
        items = items.filter(organisation__slug=slug)
    if city := filters.get("city"):
        items = items.filter(organisation__in=organisations_in_city(city))
    if slug := filters.get("hazard"):
        items = items.filter(_among(hazard_links.filter(hazard__slug=slug), item_column, in_listing_order))
    if slug := filters.get("phase"):
        items = items.filter(_among(phase_links.filter(phase__slug=slug), item_column, in_listing_order))
    if language := filters.get("language"):
        items = items.filter(language=language)
    if year := filters.get("year"):
        items = items.filter(
            Q(document_date__year=year) | Q(document_date__isnull=True, first_published_at__year=year)
        )
    # Semi-joins, not JOIN + DISTINCT: DISTINCT over every column cost most of the page's time.
    return items


class CountedPaginator(Paginator):
    """A paginator given its count, so that a cached count spares counting every matching item."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count


def filter_fields_html(form, filters, user):
    """The form's fields as HTML: dozens of options rendered through templates cost a third of
    the page, and they only change with the valid filters (a value dropped as invalid selects
    nothing, as no value does), the audience, the language and the content."""
    html = freshness.remember(
        "knowledge-filter-fields", user,
        lambda: render_to_string("knowledge/includes/filter_fields.html", {"filter_form": form}),
        sorted(filters.items()),
    )
    return mark_safe(html)  # noqa: S308 (rendered by the template above, escaped there)


def browse(request, page_size=None):
    user = request.user
    visible = knowledge_items_visible_to(user)
    choices = freshness.remember("knowledge-filter-choices", user, lambda: filter_choices(visible))
    form = KnowledgeFilterForm(request.GET, choices)
    filters = form.valid_filters()
    count = freshness.remember("knowledge-count", user, apply_filters(visible, filters).count,
                               sorted(filters.items()), per_language=False)
    items = apply_filters(visible, filters, in_listing_order=count > SORT_AT_MOST)
    ordered = items.select_related("organisation").order_by(*ORDER)
    page = CountedPaginator(ordered, page_size or PAGE_SIZE, count).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "filter_fields": filter_fields_html(form, filters, user),
        "filters": filters,
        "items": page.object_list,
        "page_obj": page,
        "query_without_page": query.urlencode(),
    }

"""The knowledge listing: filters read from the query string, applied to what the viewer may read."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from portal.models import Hazard, Organisation, Phase

from .kinds import KIND_CHOICES, KINDS
from .models import DOCUMENT_LANGUAGES, KnowledgeItem

PAGE_SIZE = 12


def _blank(label):
    return [("", label)]


class KnowledgeFilterForm(forms.Form):
    """Every field optional; a value that is not a valid choice is dropped, never an error page."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    hazard = forms.ChoiceField(label=_("Hazard"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, items):
        super().__init__(data)
        everyone = _("All")
        self.fields["kind"].choices = _blank(everyone) + list(KIND_CHOICES)
        # Few passes over the items (100,000 of them make each pass show): one EXISTS per
        # organisation (an index lookup), the cities from those rows, the years in one query.
        organisations = list(Organisation.objects.filter(Exists(items.filter(organisation=OuterRef("pk")))))
        self.fields["organisation"].choices = _blank(everyone) + sorted(
            ((o.slug, o.name) for o in organisations), key=lambda c: c[1]
        )
        cities = sorted({o.city for o in organisations if o.city})
        self.fields["city"].choices = _blank(everyone) + [(c, c) for c in cities]
        self.fields["hazard"].choices = _blank(everyone) + [(h.slug, h.name) for h in Hazard.objects.all()]
        self.fields["phase"].choices = _blank(everyone) + [(p.slug, p.name) for p in Phase.objects.all()]
        self.fields["language"].choices = _blank(everyone) + list(DOCUMENT_LANGUAGES)
        # The document's year, or the year it was published when it has no date (as the filter).
        year_of = Coalesce(ExtractYear("document_date"), ExtractYear("first_published_at"))
        years = {y for y in items.annotate(y=year_of).order_by().values_list("y", flat=True).distinct() if y}
        self.fields["year"].choices = _blank(everyone) + [(y, y) for y in sorted(years, reverse=True)]

    def valid_filters(self):
        """The filters that passed validation, even when others did not."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def apply_filters(items, filters):
    if kind := filters.get("kind"):
        items = items.type(KINDS[kind])
    if slug := filters.get("organisation"):
        items = items.filter(organisation__slug=slug)
    if city := filters.get("city"):
        items = items.filter(organisation__city=city)
    if slug := filters.get("hazard"):
        items = items.filter(hazards__slug=slug)
    if slug := filters.get("phase"):
        items = items.filter(phases__slug=slug)
    if language := filters.get("language"):
        items = items.filter(language=language)
    if year := filters.get("year"):
        items = items.filter(
            Q(document_date__year=year) | Q(document_date__isnull=True, first_published_at__year=year)
        )
    # No DISTINCT: each filter names one hazard and one phase, so the joins give one row per item.
    # DISTINCT over every column cost most of the page's time with 100,000 items.
    return items


def browse(request, page_size=None):
    visible = KnowledgeItem.objects.visible_to(request.user)
    form = KnowledgeFilterForm(request.GET, visible)
    filters = form.valid_filters()
    items = (
        apply_filters(visible, filters)
        .select_related("organisation")
        .order_by("-document_date", "-first_published_at", "pk")
    )
    page = Paginator(items, page_size or PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "filters": filters,
        "items": page.object_list,
        "page_obj": page,
        "query_without_page": query.urlencode(),
    }

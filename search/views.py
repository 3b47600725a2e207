"""The search page, the JSON search API and title autocomplete."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import links, registry, service
from .facets import FACETS, organisation_labels
from .forms import SearchForm
from .results import NEWEST, RELEVANCE, Outcome, SearchParams

PAGE_WINDOW = 3
DOCUMENT_LANGUAGE_NAMES = {"fa": gettext_lazy("Persian"), "zh": gettext_lazy("Chinese"), "en": gettext_lazy("English")}
MAX_PREFIX_LENGTH = 100


@require_GET
@cache_control(private=True, max_age=0)
def search_page(request):
    types = request.GET.getlist("type")
    if any(current_type_name(value) != value for value in types):
        # An old link (?type=training_experience): the same search under the type's current name.
        renamed = links.renamed(request.GET, "type", current_type_name)
        return HttpResponsePermanentRedirect(request.path + renamed)
    form = SearchForm(request.GET)
    if form.is_valid():
        params = form.params()
        outcome = service.search(params, request.user)
    else:
        params = SearchParams()
        outcome = Outcome(params=params)
    describe_hits(outcome.hits)
    query = request.GET
    if outcome.corrected_from:
        # The results of the words spelled as the index spells them: the page's box and links
        # carry those words, and one link the words as typed.
        params = outcome.params
        query = query.copy()
        query["q"] = params.q
    groups = facet_groups(outcome, query)
    context = {
        "form": form,
        "outcome": outcome,
        "params": params,
        "searched_for": params.q,  # the site's search box too: the corrected words, when corrected
        "facet_groups": groups,
        # On a phone the facets come after the results: a link at the top leads to them.
        "can_refine": bool(params.filters) or any(group["values"] for group in groups),
        "sort_links": [
            {"label": _("Most relevant first"), "url": links.with_value(query, "sort", RELEVANCE),
             "current": params.sort == RELEVANCE and bool(params.q)},
            {"label": _("Newest first"), "url": links.with_value(query, "sort", NEWEST),
             "current": params.sort == NEWEST or not params.q},
        ],
        "pages": pagination(outcome, query),
        "has_filters": bool(params.filters),
        "clear_filters_url": links.without_filters(query, [f.name for f in FACETS]),
        "suggestion_url": links.with_value(query, "q", outcome.suggestion) if outcome.suggestion else "",
        "as_typed_url": as_typed_url(query, outcome.corrected_from) if outcome.corrected_from else "",
        "hidden_filters": [(name, value) for name, values in params.filters.items() for value in values]
        + ([("sort", params.sort)] if params.sort != RELEVANCE else []),
    }
    return TemplateResponse(request, "search/search.html", context, status=200 if form.is_valid() else 400)


def as_typed_url(query, typed):
    """The same search of the words as typed, not corrected."""
    query = query.copy()
    query["q"] = typed
    return links.with_value(query, "as_typed", "1")


@require_GET
@cache_control(private=True, max_age=0)
def search_api(request):
    """GET /api/search/?q=&type=&lang=&page= → {"results", "facets", "total", ...}."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    outcome = service.search(form.params(), request.user)
    return JsonResponse(
        {
            "results": [
                {
                    "id": hit.id,
                    "type": hit.type,
                    "title": hit.display_title,
                    "url": hit.local_url,
                    "score": hit.score,
                    "highlight": hit.highlight,
                    "external_id": hit.external_id,
                    "language": hit.language,
                    # Found across languages through the thesaurus: the query's words and the
                    # concept's labels ("زلزله → 地震 · earthquake").
                    "why": [f"{c.said} → " + " · ".join(label.text for label in c.labels) for c in hit.crossings],
                    # Written by people in the reader's language, for an item in another.
                    "translated_summary": (
                        {"language": hit.translation.lang, "title": hit.translation.title,
                         "text": hit.translation.summary}
                        if hit.translation else None
                    ),
                }
                for hit in outcome.hits
            ],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in outcome.facets.items()
            },
            "total": outcome.total,
            "page": outcome.params.page,
            "pages": outcome.pages,
            "suggestion": outcome.suggestion,
            # The results are those of the words spelled as the index spells them ("searched_for"),
            # not as typed ("corrected_from"; ?as_typed=1 asks for those).
            "searched_for": outcome.params.q,
            "corrected_from": outcome.corrected_from,
            "weak": outcome.weak,
            "related_topics": [{"concept": slug, "label": label.text} for slug, label in outcome.related_topics],
            "degraded": outcome.degraded,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@cache_control(private=True, max_age=0)
def autocomplete_api(request):
    """GET /api/search/autocomplete/?q= → titles starting with what was typed."""
    prefix = request.GET.get("q", "").strip()[:MAX_PREFIX_LENGTH]
    hits, degraded = service.autocomplete(prefix, request.user) if prefix else ([], False)
    return JsonResponse(
        {
            "results": [{"title": hit.display_title, "url": hit.local_url, "type": hit.type} for hit in hits],
            "degraded": degraded,
        },
        json_dumps_params={"ensure_ascii": False},
    )


# --- presentation helpers ------------------------------------------------------------------------

def describe_hits(hits):
    """Labels a reader understands: kind, organisation names, status."""
    names = organisation_labels(sorted({slug for hit in hits for slug in hit.organisations}))
    statuses = registry.facet_labels("status")
    for hit in hits:
        indexed_type = registry.BY_NAME.get(hit.type)
        hit.type_label = indexed_type.label if indexed_type else hit.type
        hit.organisation_names = [names.get(slug, slug) for slug in hit.organisations]
        hit.status_label = statuses.get(hit.resolution_status, "") if hit.resolution_status else ""
        hit.language_name = DOCUMENT_LANGUAGE_NAMES.get(hit.language, "")


def current_type_name(value):
    """The name a document type goes by now (a former one is an alias); unknown values as they are."""
    indexed_type = registry.type_named(value)
    return indexed_type.name if indexed_type else value


def facet_groups(outcome, query):
    groups = []
    for facet in FACETS:
        values = outcome.facets.get(facet.name, [])
        for value in values:
            value.url = links.toggled(query, facet.name, value.value)
        groups.append({"name": facet.name, "label": facet.label, "values": values})
    return groups


def pagination(outcome, query):
    current, last = outcome.params.page, outcome.pages
    window = range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1)
    items = []
    for number in sorted({1, last} | set(window)):
        if items and number > items[-1]["number"] + 1:
            items.append({"gap": True, "number": number - 1})
        url = links.with_value(query, "page", number)
        items.append({"number": number, "url": url, "current": number == current})
    return {
        "current": current,
        "last": last,
        "previous": links.with_value(query, "page", current - 1) if current > 1 else "",
        "next": links.with_value(query, "page", current + 1) if current < last else "",
        "numbers": items if last > 1 else [],
    }

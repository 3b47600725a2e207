"""The knowledge items' part of the JSON API: filters, what is shown, the read endpoints."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from ninja import Path, Query, Router

from portal.api.filters import ORGANISATION_CITIES, check_slugs, in_city, years
from portal.api.pagination import paginate
from portal.api.present import translations
from portal.api.read import DETAIL_ERRORS, LIST_ERRORS, cached_list
from portal.api.schemas import MAX_ID, KnowledgeFilters, KnowledgeItem, KnowledgePage
from portal.models import Hazard, Organisation, Phase
from resolutions.api.present import ResolutionPresenter

from .kinds import KINDS, kind_of
from .visibility import knowledge_items_visible_to

router = Router()


def filter_knowledge(qs, f):
    if f.type:
        types = ContentType.objects.get_for_models(*(KINDS[t] for t in f.type))
        qs = qs.filter(content_type__in=types.values())
    if f.organisation:
        check_slugs(Organisation, f.organisation, "organisation")
        qs = qs.filter(organisation__slug__in=f.organisation)
    if f.city:
        qs = qs.filter(in_city("organisation__city", f.city, ORGANISATION_CITIES))
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
            years("document_date", f.year)
            | Q(document_date__isnull=True) & years("first_published_at", f.year)
        )
    return qs.order_by("-first_published_at", "-pk")


class KnowledgePresenter(ResolutionPresenter):
    """Knowledge items; the resolution an item answers only if the caller may see it."""

    def knowledge_item(self, item):
        return {
            "id": item.pk,
            "type": kind_of(item) or "study",
            "type_label": str(item.kind_label),
            "title": item.title,
            "summary": item.summary,
            "english_summary": item.english_summary,
            "translations": translations(item),
            "authors": item.authors,
            "language": item.language,
            "document_date": item.document_date,
            "year": item.year,
            "organisation": self.organisation_ref(item.organisation),
            "hazards": [self.term(h) for h in item.hazards.all()],
            "phases": [self.term(p) for p in item.phases.all()],
            "audience": item.audience,
            "visibility": item.visibility,
            "source_url": item.source_url,
            "answers_resolution": self.resolution_ref(item.answers_resolution),
            "first_published_at": item.first_published_at,
            "last_published_at": item.last_published_at,
            "study_type": getattr(item, "study_type", None),
            "people_trained": getattr(item, "people_trained", None),
            "event_date": getattr(item, "event_date", None),
            "documents": [
                {"title": d.display_title, "url": self.absolute(d.document.url)}
                for d in item.documents.all()
            ],
            "url": self.absolute(item.get_url(self.request)),
        }

    def knowledge_items(self, items):
        return [self.knowledge_item(i) for i in items]


def _specific_knowledge(items):
    # Prefetched rather than joined: Wagtail's specific() keeps prefetches but not select_related.
    return items.specific().prefetch_related(
        "organisation", "answers_resolution__meeting", "hazards", "phases", "documents__document"
    )


@router.get("/knowledge/", response={200: KnowledgePage, **LIST_ERRORS}, tags=["knowledge"],
            summary="Published knowledge items, newest first")
def list_knowledge(request, filters: Query[KnowledgeFilters]):
    """Studies, training experiences and experience reports; members-only items for members only."""
    def compute():
        qs = _specific_knowledge(filter_knowledge(knowledge_items_visible_to(request.user), filters))
        return paginate(request, qs, filters.page, filters.page_size, KnowledgePresenter(request).knowledge_items)

    return cached_list(request, "knowledge", compute)


@router.get("/knowledge/{id}/", response={200: KnowledgeItem, **DETAIL_ERRORS}, tags=["knowledge"],
            summary="One knowledge item")
def get_knowledge_item(request, id: int = Path(..., ge=1, le=MAX_ID)):  # noqa: A002
    item = _specific_knowledge(knowledge_items_visible_to(request.user).filter(pk=id)).first()
    if item is None:
        raise Http404
    return KnowledgePresenter(request).knowledge_item(item)

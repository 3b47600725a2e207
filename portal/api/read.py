"""Read endpoints of the ground (organisations), and what every app's read endpoints share.

Anyone may call them; members signed in to the portal (session) see more."""

from django.http import Http404, JsonResponse
from ninja import Path, Query, Router

from portal import freshness
from portal.addresses import absolute_url
from portal.models import Concept
from portal.models import Organisation as OrganisationModel
from portal.models.thesaurus import LABEL_LANGUAGES

from .filters import filter_organisations
from .pagination import paginate
from .present import Presenter
from .schemas import SLUG_PATTERN, Error, Organisation, OrganisationFilters, OrganisationPage, ValidationErrors

router = Router()

LIST_ERRORS = {400: Error, 422: ValidationErrors}
DETAIL_ERRORS = {404: Error, 422: ValidationErrors}


def cached_list(request, name, compute):
    """A list answer, the same for every caller of one audience and language until content changes.

    Keyed by the whole address (filters, page, and the host the links are built with).
    """
    return freshness.remember(f"api-{name}", request.user, compute, request.build_absolute_uri())


# --- organisations -------------------------------------------------------------------------------

@router.get("/organisations/", response={200: OrganisationPage, **LIST_ERRORS}, tags=["organisations"],
            exclude_unset=True, summary="The network's organisations, current and former")
def list_organisations(request, filters: Query[OrganisationFilters]):
    """The contact e-mail is shown to members only."""
    def compute():
        qs = filter_organisations(OrganisationModel.objects.all(), filters)
        return paginate(request, qs, filters.page, filters.page_size, Presenter(request).organisations)

    return cached_list(request, "organisations", compute)


@router.get("/organisations/{slug}/", response={200: Organisation, **DETAIL_ERRORS}, tags=["organisations"],
            exclude_unset=True, summary="One organisation")
def get_organisation(request, slug: str = Path(..., pattern=SLUG_PATTERN)):
    organisation = OrganisationModel.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return Presenter(request).organisation(organisation)


# --- the thesaurus -------------------------------------------------------------------------------

SKOS = "http://www.w3.org/2004/02/skos/core#"
# BCP 47 tags of the label languages.
LANGUAGE_TAGS = {"fa": "fa", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}


def skos_concepts(base):
    """The concepts as a SKOS concept scheme in JSON-LD, each concept at `<base>#<identifier>`."""
    concepts = Concept.objects.prefetch_related("broader", "narrower").order_by("slug")
    graph = []
    for concept in concepts:
        preferred, alternative = [], []
        for language in LABEL_LANGUAGES:
            labels = [{"@value": label, "@language": LANGUAGE_TAGS[language]} for label in concept.labels(language)]
            preferred += labels[:1]
            alternative += labels[1:]
        graph.append({
            "@id": f"{base}#{concept.slug}",
            "@type": "skos:Concept",
            "skos:notation": concept.slug,
            "skos:inScheme": {"@id": base},
            "skos:prefLabel": preferred,
            "skos:altLabel": alternative,
            "skos:broader": [{"@id": f"{base}#{other.slug}"} for other in concept.broader.all()],
            "skos:narrower": [{"@id": f"{base}#{other.slug}"} for other in concept.narrower.all()],
            "group": concept.group,
        })
    scheme = {"@id": base, "@type": "skos:ConceptScheme",
              "skos:prefLabel": {"@value": "Crisis management thesaurus", "@language": "en"}}
    return {"@context": {"skos": SKOS, "group": f"{base}#group"}, "@graph": [scheme, *graph]}


@router.get("/thesaurus/", tags=["thesaurus"], summary="The crisis-management thesaurus as SKOS (JSON-LD)",
            description="Every concept with its preferred and alternative labels in Persian, Simplified "
                        "and Traditional Chinese and English, and its broader and narrower concepts. "
                        "Read-only; the secretariat edits the thesaurus in the admin.")
def thesaurus(request):
    base = absolute_url("/api/thesaurus/")
    data = freshness.remember("api-thesaurus", None, lambda: skos_concepts(base), base, per_language=False)
    return JsonResponse(data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False})

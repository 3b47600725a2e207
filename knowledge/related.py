"""Items worth reading next.

The search engine's more-like-this compares the items' words (in each language's analysis) and
shared hazards; when the engine is away or finds nothing, the database version ranks by shared
hazards (double) and phases (once).
"""

from django.db.models import Count, F, Q

from .models import KnowledgeItem


def related_items(item, user, limit=5):
    """Up to `limit` items the user may read that resemble `item`, best first."""
    return similar_items(item, user, limit) or items_sharing_topics(item, user, limit)


def similar_items(item, user, limit):
    """Items whose text is like this one's, by the search engine ([] when it cannot say)."""
    from search import prepare, service

    item = item.specific
    found = service.more_like_this(
        prepare.KNOWLEDGE_TYPES[item._meta.label_lower], item.pk, user,
        types=list(prepare.KNOWLEDGE_TYPES.values()), size=limit,
        hazards=[h.slug for h in item.hazards.all()], phases=[p.slug for p in item.phases.all()],
    )
    if not found:
        return []
    order = [pk for _type, pk in found]
    # The engine already applied permissions; the database has the last word all the same.
    items = KnowledgeItem.objects.visible_to(user).exclude(pk=item.pk).filter(pk__in=order)
    by_pk = {i.pk: i for i in items.select_related("organisation")}
    return [by_pk[pk] for pk in order if pk in by_pk]


def items_sharing_topics(item, user, limit=5):
    """Up to `limit` items the user may read that share hazards or phases with `item`, best first."""
    hazard_ids = [hazard.pk for hazard in item.hazards.all()]
    phase_ids = [phase.pk for phase in item.phases.all()]
    if not hazard_ids and not phase_ids:
        return []
    candidates = (
        KnowledgeItem.objects.visible_to(user)
        .exclude(pk=item.pk)
        .annotate(
            shared_hazards=Count("hazards", filter=Q(hazards__in=hazard_ids), distinct=True),
            shared_phases=Count("phases", filter=Q(phases__in=phase_ids), distinct=True),
        )
        .filter(Q(shared_hazards__gt=0) | Q(shared_phases__gt=0))
        .annotate(score=F("shared_hazards") * 2 + F("shared_phases"))
        .select_related("organisation")
        .order_by("-score", "-document_date", "-first_published_at", "pk")
    )
    return list(candidates[:limit])

"""Items worth reading next. Database version: shared hazards weigh double, shared phases once.

The search app may replace this with the engine's more-like-this; keep the signature.
"""

from django.db.models import Count, F, Q

from .models import KnowledgeItem


def related_items(item, user, limit=5):
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

"""Items worth reading next.

The search engine's more-like-this compares the items' words (in each language's analysis) and
shared hazards; when the engine is away or finds nothing, the database version ranks by shared
hazards (double) and phases (once).

Which items are related is the same for every reader of one audience until content changes, so
their ids are cached (portal.freshness); the items themselves are read again, and only those the
reader may see, on every request.
"""

from django.core.cache import cache
from django.db.models import Count, F, Q

from portal import freshness

from .visibility import knowledge_items_visible_to

# When the engine could not answer, the database's answer is kept only this long (seconds), so
# that the engine's own answer is back soon after the engine is.
WITHOUT_ENGINE_TIMEOUT = 60


def related_items(item, user, limit=5):
    """Up to `limit` items the user may read that resemble `item`, best first."""
    key = freshness.cache_key("related", user, item.pk, limit, per_language=False)
    ids = cache.get(key)
    if ids is not None:
        return _readable(ids, item, user)
    found = similar_ids(item, user, limit)
    related = _readable(found or [], item, user) or items_sharing_topics(item, user, limit)
    timeout = WITHOUT_ENGINE_TIMEOUT if found is None else freshness.CACHE_TIMEOUT
    cache.set(key, [i.pk for i in related], timeout)
    return related


def _readable(ids, item, user):
    """The items with these ids that `user` may read, in the ids' order."""
    # The engine already applied permissions, and the cache is per audience; the database has
    # the last word all the same.
    readable = knowledge_items_visible_to(user).exclude(pk=item.pk).select_related("organisation")
    return freshness.in_order(readable, ids)


def similar_ids(item, user, limit):
    """Ids of the items whose text is like this one's, by the search engine; None if it cannot say."""
    from search import service

    from .kinds import KINDS, kind_of

    item = item.specific
    found = service.more_like_this(
        kind_of(item), item.pk, user, types=list(KINDS), size=limit,  # the kinds are the document types
        hazards=[h.slug for h in item.hazards.all()], phases=[p.slug for p in item.phases.all()],
        language=item.language,
    )
    return None if found is None else [pk for _type, pk in found]


def items_sharing_topics(item, user, limit=5):
    """Up to `limit` items the user may read that share hazards or phases with `item`, best first."""
    hazard_ids = [hazard.pk for hazard in item.hazards.all()]
    phase_ids = [phase.pk for phase in item.phases.all()]
    if not hazard_ids and not phase_ids:
        return []
    candidates = (
        knowledge_items_visible_to(user)
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

"""Who may see which knowledge items: live ones; members-only ones for members; for the public
only pages without a view restriction. The one answer pages, API, feeds and listings ask."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from portal import roles

from .models import KnowledgeItem


def knowledge_items_visible_to(user=None):
    reader = user if user is not None else AnonymousUser()
    qs = KnowledgeItem.objects.visible_to(reader)
    return qs if roles.is_member(reader) else qs.public()


def without_other_organisations_drafts(pages, user):
    """The admin's pages for `user`: a city manager sees published items and its own organisation's
    drafts, never another organisation's (explorer, chooser, search, page API, any URL naming one)."""
    if roles.is_secretariat(user) or not roles.is_city_manager(user):
        return pages
    others_drafts = KnowledgeItem.objects.filter(live=False).exclude(organisation=roles.organisation_of(user))
    return pages.exclude(Q(pk__in=others_drafts.values("pk")))

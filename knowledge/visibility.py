"""Who may see which knowledge items: live ones; members-only ones for members; for the public
only pages without a view restriction. The one answer pages, API, feeds and listings ask."""

from django.contrib.auth.models import AnonymousUser

from portal import roles

from .models import KnowledgeItem


def knowledge_items_visible_to(user=None):
    reader = user if user is not None else AnonymousUser()
    qs = KnowledgeItem.objects.visible_to(reader)
    return qs if roles.is_member(reader) else qs.public()

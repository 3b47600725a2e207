"""Who may see which knowledge items: the one answer pages, listings, counts, the organisation page,
Start here, related items, downloads, search, API and feeds ask.

Live items; members-only ones for members only; less those a view restriction hides from the
reader's audience (portal.page_privacy: the public sees no restricted item, members none behind a
group restriction). One item's own page and files also open to a reader who typed its password or
belongs to its groups.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from portal import page_privacy, roles
from portal.audiences import MEMBERS, PUBLIC, audience_of

from .models import KnowledgeItem


def _reader(user):
    return user if user is not None else AnonymousUser()


def knowledge_items_for(audience, model=KnowledgeItem):
    """What one audience sees (lists, counts, search, feeds, the API); `model`: one kind of item."""
    qs = model.objects.live().exclude(page_privacy.hidden_pages(audience))
    return qs if audience == MEMBERS else qs.filter(visibility=PUBLIC)


def knowledge_items_visible_to(user=None):
    return knowledge_items_for(audience_of(_reader(user)))


def may_read_item(item, user=None, request=None):
    """One item, for its page and its files: live, members-only for members, past any view restriction
    (with `request`: a password its reader typed)."""
    reader = _reader(user)
    return (
        item.live
        and (item.visibility == PUBLIC or roles.is_member(reader))
        and not page_privacy.restriction_hides(item, reader, request)
    )


def without_other_organisations_drafts(pages, user):
    """The admin's pages for `user`: a city manager sees published items and its own organisation's
    drafts, never another organisation's (explorer, chooser, search, page API, any URL naming one)."""
    if roles.is_secretariat(user) or not roles.is_city_manager(user):
        return pages
    others_drafts = KnowledgeItem.objects.filter(live=False).exclude(organisation=roles.organisation_of(user))
    return pages.exclude(Q(pk__in=others_drafts.values("pk")))

"""Who sees what through the API and the feeds: one place, plain functions.

- meetings: live ones; the public only those without a page view restriction;
- resolutions: `Resolution.objects.visible_to(user)` (the public: public resolutions of live
  meetings), and for the public also only meetings without a view restriction;
- knowledge items: `KnowledgeItem.objects.visible_to(user)` (live; members-only for members),
  and for the public only pages without a view restriction;
- organisations: all of them; the contact e-mail for members only (see present.py).
"""

from django.contrib.auth.models import AnonymousUser

from knowledge.models import KnowledgeItem
from portal import roles
from resolutions.models import MeetingPage, Resolution


def _reader(user):
    return user if user is not None else AnonymousUser()


def is_member(user):
    return roles.is_member(_reader(user))


def meetings(user=None):
    qs = MeetingPage.objects.live()
    return qs if is_member(user) else qs.public()


def resolutions(user=None):
    qs = Resolution.objects.visible_to(_reader(user))
    if not is_member(user):
        qs = qs.filter(meeting__in=MeetingPage.objects.live().public())
    return qs


def knowledge_items(user=None):
    qs = KnowledgeItem.objects.visible_to(_reader(user))
    return qs if is_member(user) else qs.public()

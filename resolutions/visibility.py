"""Who may see which meetings and resolutions: the one answer pages, API, feeds and exports ask.

- meetings: live ones; the public only those without a page view restriction;
- resolutions: members see every resolution of a live meeting; the public only public resolutions
  of live meetings without a view restriction.
"""

from django.contrib.auth.models import AnonymousUser

from portal import roles

from .models import MeetingPage, Resolution


def _reader(user):
    return user if user is not None else AnonymousUser()


def meetings_visible_to(user=None):
    qs = MeetingPage.objects.live()
    return qs if roles.is_member(_reader(user)) else qs.public()


def resolutions_visible_to(user=None):
    qs = Resolution.objects.visible_to(_reader(user))
    if not roles.is_member(_reader(user)):
        qs = qs.filter(meeting__in=MeetingPage.objects.live().public())
    return qs

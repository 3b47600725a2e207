"""Who may see which meetings and resolutions: the one answer pages, API, feeds and exports ask.

- meetings: live ones; the public only those without a page view restriction;
- resolutions: members see every resolution of a live meeting; the public only public resolutions
  of live meetings without a view restriction;
- an organisation's API token sees what the public sees and the resolutions the organisation owns.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

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


def resolutions_visible_to_organisation(organisation):
    """What an organisation's API token may see: the public's resolutions and the organisation's own.

    Anything else answers as if it did not exist, so a token cannot probe which internal
    resolutions there are.
    """
    owned = Resolution.objects.filter(meeting__live=True, lines__organisation=organisation)
    return Resolution.objects.filter(
        Q(pk__in=resolutions_visible_to(None).values("pk")) | Q(pk__in=owned.values("pk"))
    )

"""Who may see which meetings and resolutions: the one answer pages, listings, counts, exports,
downloads, search, API and feeds ask.

- meetings: live ones, less those a view restriction hides from the reader's audience
  (portal.page_privacy: the public sees no restricted meeting, members none behind a group
  restriction); one meeting's own page, exports and minutes also open to a reader who typed its
  password or belongs to its groups;
- resolutions: members see every resolution of a meeting they see; the public only public ones;
- follow-up lines (each owner's status and closing date) and reports: members only;
- an organisation's API token sees what the public sees and the resolutions the organisation owns.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from portal import page_privacy, roles
from portal.audiences import MEMBERS, PUBLIC, audience_of

from .models import FollowUpReport, MeetingPage, Resolution


def _reader(user):
    return user if user is not None else AnonymousUser()


# --- what one audience sees: lists, counts, search, feeds, the API ---------------------------------

def meetings_for(audience):
    return MeetingPage.objects.live().exclude(page_privacy.hidden_pages(audience))


def resolutions_for(audience):
    qs = Resolution.objects.filter(meeting__in=meetings_for(audience))
    return qs if audience == MEMBERS else qs.filter(is_public=True)


def reports_for(audience):
    """Follow-up reports are shown on resolution pages to members only."""
    if audience != MEMBERS:
        return FollowUpReport.objects.none()
    return FollowUpReport.objects.filter(line__resolution__in=resolutions_for(MEMBERS))


def meetings_visible_to(user=None):
    return meetings_for(audience_of(_reader(user)))


def resolutions_visible_to(user=None):
    return resolutions_for(audience_of(_reader(user)))


def sees_follow_up(user=None):
    """Each owner's line (its status, its closing date) and reports: members only, as the resolution page."""
    return roles.is_member(_reader(user))


# --- one meeting, asked by its own page, its exports and its minutes ------------------------------

def may_see_meeting(meeting, user=None, request=None):
    """Live, and no view restriction keeps this reader out (with `request`: a password it typed)."""
    return meeting.live and not page_privacy.restriction_hides(meeting, _reader(user), request)


def resolutions_of_meeting(meeting, user=None):
    """The resolutions of a meeting the reader got into (`may_see_meeting`): all for members, else the public ones."""
    qs = Resolution.objects.filter(meeting=meeting)
    return qs if roles.is_member(_reader(user)) else qs.filter(is_public=True)


def resolutions_visible_to_organisation(organisation):
    """What an organisation's API token may see: the public's resolutions and the organisation's own.

    Anything else answers as if it did not exist, so a token cannot probe which internal
    resolutions there are.
    """
    owned = resolutions_for(MEMBERS).filter(lines__organisation=organisation)
    return Resolution.objects.filter(
        Q(pk__in=resolutions_for(PUBLIC).values("pk")) | Q(pk__in=owned.values("pk"))
    )

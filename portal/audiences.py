"""Who a reader is, as far as what they may see goes: the public, or members of the network.

One definition for the whole portal: knowledge items store it as their visibility, search stores
it in each document, caches are kept per audience, and the API answers per audience.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import roles


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


PUBLIC = Audience.PUBLIC.value
MEMBERS = Audience.MEMBERS.value


def audience_of(user):
    """MEMBERS for the secretariat and city managers, PUBLIC for everyone else (None included)."""
    return MEMBERS if user is not None and roles.is_member(user) else PUBLIC


def sees(user, audience):
    """May `user` read what is shown to `audience`?"""
    return audience == PUBLIC or audience_of(user) == MEMBERS

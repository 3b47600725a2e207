"""Who may open the members' follow-up pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal import roles


def members_only(view):
    """Anonymous visitors are sent to sign in; signed-in non-members get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles.is_member(request.user):
            raise PermissionDenied(_("Only members of the network can open this page."))
        return view(request, *args, **kwargs)

    return wrapper

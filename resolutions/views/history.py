from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import roles

from .. import history
from ..models import Resolution
from .access import members_only


def _readable_resolution(request, pk):
    return get_object_or_404(Resolution.objects.visible_to(request.user).select_related("meeting"), pk=pk)


@members_only
def resolution_history(request, pk):
    resolution = _readable_resolution(request, pk)
    return TemplateResponse(request, "resolutions/history.html", {
        "resolution": resolution,
        "page": resolution.meeting,
        "entries": history.timeline(resolution, for_secretariat=roles.is_secretariat(request.user)),
        "can_restore": roles.is_secretariat(request.user),
    })


@require_POST
@login_required
def restore_resolution(request, pk, history_id):
    if not roles.is_secretariat(request.user):
        raise PermissionDenied(_("Only the secretariat restores earlier versions."))
    resolution = get_object_or_404(Resolution, pk=pk)
    record = get_object_or_404(resolution.history.exclude(history_type="-"), history_id=history_id)
    history.restore_version(resolution, record)
    messages.success(request, _("The earlier version is restored; the restore is in the history too."))
    return redirect(reverse("tracking:history", args=[resolution.pk]))

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
from ..visibility import resolutions_visible_to
from .access import members_only


def _readable_resolution(request, pk):
    return get_object_or_404(resolutions_visible_to(request.user).select_related("meeting"), pk=pk)


@members_only
def resolution_history(request, pk):
    resolution = _readable_resolution(request, pk)
    return TemplateResponse(request, "resolutions/history.html", {
        "resolution": resolution,
        "page": resolution.meeting,
        "entries": history.timeline(resolution, for_secretariat=roles.is_secretariat(request.user)),
        "can_restore": roles.is_secretariat(request.user),
    })


def _restorable(request, pk, history_id):
    if not roles.is_secretariat(request.user):
        raise PermissionDenied(_("Only the secretariat restores earlier versions."))
    resolution = get_object_or_404(Resolution.objects.select_related("meeting"), pk=pk)
    record = get_object_or_404(resolution.history.exclude(history_type="-"), history_id=history_id)
    return resolution, record


@members_only
def restore_preview(request, pk, history_id):
    """What a restore would change, add back and leave as it is; the secretariat confirms it here."""
    resolution, record = _restorable(request, pk, history_id)
    return TemplateResponse(request, "resolutions/restore_preview.html", {
        "resolution": resolution,
        "page": resolution.meeting,
        "plan": history.restore_plan(resolution, record),
    })


@require_POST
@login_required
def restore_resolution(request, pk, history_id):
    resolution, record = _restorable(request, pk, history_id)
    if request.POST.get("confirm") != "yes":  # only the preview's button restores
        return redirect(reverse("tracking:restore_preview", args=[resolution.pk, record.history_id]))
    plan = history.restore_version(resolution, record)
    if plan.changes_anything:
        messages.success(request, _("The earlier version is restored; the restore is in the history too."))
    else:
        messages.info(request, _("Nothing to restore: the resolution already reads like that version."))
    return redirect(reverse("tracking:history", args=[resolution.pk]))

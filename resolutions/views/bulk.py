"""The secretariat's bulk change on the status board: review what will change, then confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import roles

from .. import bulk
from ..bulk_forms import BoardBulkChangeForm


def _back_to_board(request, form):
    target = form.data.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("tracking:board")


@require_POST
@login_required
def bulk_change(request):
    if not roles.is_secretariat(request.user):
        raise PermissionDenied(_("Only the secretariat changes resolutions in bulk."))
    form = BoardBulkChangeForm(request.POST)
    back = _back_to_board(request, form)
    if not form.is_valid():
        return TemplateResponse(request, "resolutions/bulk_confirm.html",
                                {"form": form, "plan": None, "back": back}, status=400)
    resolutions, lines = bulk.selected(form.cleaned_data["resolution"], form.cleaned_data["line"])
    plan = bulk.plan(resolutions=resolutions, lines=lines, **form.change_arguments())
    if not form.cleaned_data["confirmed"] or not plan.changes_anything:
        return TemplateResponse(request, "resolutions/bulk_confirm.html", {"form": form, "plan": plan, "back": back})
    bulk.apply(plan, note=form.cleaned_data["note"], user=request.user)
    messages.success(request, _("%(summary)s The note is in their history.") % {"summary": plan.summary(done=True)})
    return redirect(back)

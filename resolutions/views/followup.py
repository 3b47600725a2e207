"""The resolution page, owners' reports with attachments, and the secretariat's status decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import roles

from .. import status_changes
from ..forms import CancelForm, CarryOverForm, FollowUpReportForm
from ..models import FollowUpLine, Resolution
from ..owner_rows import owner_rows
from ..reporting import record_reports
from ..visibility import may_see_meeting


def can_report_on_line(user, line):
    """The secretariat reports on any line; a city manager only on its own organisation's."""
    if roles.is_secretariat(user):
        return True
    return roles.is_city_manager(user) and roles.organisation_of(user) == line.organisation


# What other apps show on a resolution page, registered from their AppConfig.ready():
# context name -> (function(resolution, user), template to include). Knowledge adds the items
# cities shared in answer.
RESOLUTION_PAGE_PARTS = {}


def resolution_page_part(name, template):
    def register(function):
        RESOLUTION_PAGE_PARTS[name] = (function, template)
        return function

    return register


def resolution_page(request, resolution, report_form=None, carry_form=None, status=200):
    context = resolution.get_context(request)
    own_line = resolution.line_for(request.user)
    rows = owner_rows(resolution, request.user)
    context.update(owner_rows=rows, any_public_attachments=any(row.public_attachments for row in rows))
    for name, (part, _template) in RESOLUTION_PAGE_PARTS.items():
        context[name] = part(resolution, request.user)
    context.update(
        page=resolution.meeting,
        self=resolution.meeting,
        own_line=own_line,
        part_templates=[template for _part, template in RESOLUTION_PAGE_PARTS.values()],
        report_form=report_form
        or FollowUpReportForm(initial={"status": own_line.status if own_line else None}),
    )
    if roles.is_secretariat(request.user):
        context.update(
            can_cancel=status_changes.can_cancel(resolution),
            can_reopen=status_changes.can_reopen(resolution),
            can_carry_over=status_changes.can_carry_over(resolution),
            cancel_form=CancelForm(),
            carry_form=carry_form or CarryOverForm(
                resolution=resolution,
                initial={"number": None},
            ),
        )
    return TemplateResponse(request, "resolutions/resolution_page.html", context, status=status)


@require_POST
@login_required
def post_report(request, line_id):
    line = get_object_or_404(FollowUpLine.objects.select_related("resolution__meeting"), pk=line_id)
    if not can_report_on_line(request.user, line):
        raise PermissionDenied(_("Your organisation does not own this follow-up line."))
    if not may_see_meeting(line.resolution.meeting, request.user, request):  # e.g. behind a group restriction
        raise Http404
    form = FollowUpReportForm(request.POST, request.FILES)
    if not form.is_valid():
        # Show the page again with what was typed, so nothing is lost.
        return resolution_page(request, line.resolution, report_form=form, status=400)
    record_reports([line], request.user, form.cleaned_data)
    messages.success(request, _("Your report was saved."))
    return redirect(line.resolution.get_url())


def _secretariat_resolution(request, pk):
    if not roles.is_secretariat(request.user):
        raise PermissionDenied(_("Only the secretariat decides this."))
    return get_object_or_404(Resolution.objects.select_related("meeting"), pk=pk)


@require_POST
@login_required
def cancel_resolution(request, pk):
    resolution = _secretariat_resolution(request, pk)
    form = CancelForm(request.POST)
    if not status_changes.can_cancel(resolution) or not form.is_valid():
        messages.error(request, _("This resolution cannot be cancelled."))
        return redirect(resolution.get_url())
    status_changes.cancel(resolution, user=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The resolution is cancelled."))
    return redirect(resolution.get_url())


@require_POST
@login_required
def reopen_resolution(request, pk):
    resolution = _secretariat_resolution(request, pk)
    if not status_changes.can_reopen(resolution):
        messages.error(request, _("Only a cancelled resolution can be reopened."))
        return redirect(resolution.get_url())
    status_changes.reopen(resolution)
    messages.success(request, _("The resolution is open again."))
    return redirect(resolution.get_url())


@require_POST
@login_required
def carry_over_resolution(request, pk):
    resolution = _secretariat_resolution(request, pk)
    if not status_changes.can_carry_over(resolution):
        messages.error(request, _("Only an open resolution can be carried over."))
        return redirect(resolution.get_url())
    form = CarryOverForm(request.POST, resolution=resolution)
    if not form.is_valid():
        return resolution_page(request, resolution, carry_form=form, status=400)
    successor = status_changes.carry_over(
        resolution, form.cleaned_data["meeting"], form.cleaned_data["number"], user=request.user
    )
    messages.success(request, _("Carried over to %(successor)s.") % {"successor": successor})
    return redirect(resolution.get_url())

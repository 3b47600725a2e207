from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import roles

from .forms import FollowUpReportForm
from .models import FollowUpLine


def can_report_on_line(user, line):
    """The secretariat reports on any line; a city manager only on its own organisation's."""
    if roles.is_secretariat(user):
        return True
    return roles.is_city_manager(user) and roles.organisation_of(user) == line.organisation


def resolution_page(request, resolution, report_form=None, status=200):
    context = resolution.get_context(request)
    own_line = resolution.line_for(request.user)
    context.update(
        page=resolution.meeting,
        self=resolution.meeting,
        own_line=own_line,
        report_form=report_form or FollowUpReportForm(initial={"status": own_line.status if own_line else None}),
    )
    return TemplateResponse(request, "resolutions/resolution_page.html", context, status=status)


@require_POST
@login_required
def post_report(request, line_id):
    line = get_object_or_404(FollowUpLine.objects.select_related("resolution__meeting"), pk=line_id)
    if not can_report_on_line(request.user, line):
        raise PermissionDenied(_("Your organisation does not own this follow-up line."))
    form = FollowUpReportForm(request.POST)
    if not form.is_valid():
        # Show the page again with what was typed, so nothing is lost.
        return resolution_page(request, line.resolution, report_form=form, status=400)
    line.record_report(author=request.user, text=form.cleaned_data["text"],
                       status=form.cleaned_data["status"])
    messages.success(request, _("Your report was saved."))
    return redirect(line.resolution.get_url())

"""The workspace of a city's crisis manager or the secretariat, its reports on several lines at once, a
member's calendar key, and the organisations' deadlines calendars."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal import roles
from portal.addresses import absolute_url
from portal.dates import local_digits
from portal.models import Organisation

from .. import calendars
from .. import workspace as rules
from ..forms import LinesReportForm
from ..models import CalendarKey, WorkspaceVisit
from ..reporting import record_reports


def _members_only(view):
    """Anonymous readers sign in on the site's own page and come back; signed-in non-members get 403."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            back = request.get_full_path() if request.method == "GET" else reverse("workspace")
            return redirect_to_login(back, reverse("sign_in"))
        if not roles.is_member(request.user):
            raise PermissionDenied(_("Only members of the network can open this page."))
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _workspace(request, slug=None):
    organisation = rules.organisation_for(request.user, slug)
    if slug and organisation is None:
        raise Http404
    since = WorkspaceVisit.news_since_for(request.user)
    return rules.Workspace(user=request.user, organisation=organisation, since=since)


def _report_form(workspace, data=None, files=None):
    return LinesReportForm(data, files, lines=rules.reportable_lines(workspace),
                           for_owner=workspace.records_for_owner)


def calendar_links(request, organisation):
    """The organisation's public calendar address and the reader's secret one (None until made)."""
    if organisation is None:
        return {}
    path = reverse("organisation_deadlines", args=[organisation.slug])
    key = CalendarKey.current_for(request.user)
    return {"public_calendar": absolute_url(path),
            "private_calendar": absolute_url(f"{path}?key={key.secret}") if key else None}


def render_workspace(request, workspace, form=None, status=200):
    rows = rules.open_lines(workspace.organisation, request.user, workspace.today) if workspace.organisation else []
    form = form or _report_form(workspace)
    ticked = {str(value) for value in (form["lines"].value() or [])} if form.is_bound else set()
    reportable = set(form.fields["lines"].queryset.values_list("pk", flat=True))
    context = {
        "workspace": workspace,
        "organisation": workspace.organisation,
        "rows": rows,
        "overdue_count": sum(row.overdue for row in rows),
        "form": form,
        "ticked": ticked,
        "reportable": reportable,
        "news": rules.news(workspace),
        "sections": rules.sections(workspace),
        **calendar_links(request, workspace.organisation),
    }
    if workspace.for_secretariat:
        context.update(city_counts=rules.counts_per_organisation(workspace.today),
                       organisations=rules.organisations_with_lines())
    return TemplateResponse(request, "resolutions/workspace.html", context, status=status)


@_members_only
def workspace(request):
    """The reader's organisation's workspace (the secretariat: any organisation's, ?city=slug)."""
    return render_workspace(request, _workspace(request, request.GET.get("city")))


@require_POST
@_members_only
def report_on_lines(request):
    """One report on every ticked line, each through the same path as the resolution page's form."""
    workspace = _workspace(request, request.POST.get("city"))
    form = _report_form(workspace, request.POST, request.FILES)
    if not form.is_valid():
        # The page again, with everything typed and ticked (files must be chosen again).
        return render_workspace(request, workspace, form=form, status=400)
    lines = list(form.cleaned_data["lines"])
    record_reports(lines, request.user, form.cleaned_data, for_owner=workspace.records_for_owner)
    messages.success(request, ngettext("Your report was saved on %(count)s line.",
                                       "Your report was saved on %(count)s lines.", len(lines))
                     % {"count": local_digits(len(lines))})
    return redirect(_back_to(workspace))


def _back_to(workspace):
    url = reverse("workspace")
    if workspace.records_for_owner:
        url += f"?city={workspace.organisation.slug}"
    return url


@require_POST
@_members_only
def renew_calendar_key(request):
    """Revoke the reader's secret calendar address and make a new one."""
    CalendarKey.renew_for(request.user)
    messages.success(request, _("Your private calendar has a new address; the old one no longer works."))
    workspace = _workspace(request, request.POST.get("city"))
    return redirect(_back_to(workspace))


def organisation_deadlines(request, slug):
    """The organisation's deadlines as iCalendar: the public's, or with ?key= a member's."""
    organisation = get_object_or_404(Organisation, slug=slug)
    reader = None
    key = request.GET.get("key")
    if key is not None:
        found = CalendarKey.objects.find(key)
        if found is None or not (found.user.is_active and roles.is_member(found.user)):
            raise Http404
        reader = found.user
    calendar = calendars.deadlines_calendar(organisation, reader, request)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}-deadlines.ics"'
    if reader is not None:  # a secret address: kept out of shared caches and search engines
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response

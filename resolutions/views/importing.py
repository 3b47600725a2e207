"""The secretariat's "Import minutes" admin view: paste or upload, preview and correct, confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import roles
from portal.models import Organisation

from ..dates import guess_meeting_date, jalali_input
from ..import_forms import (
    MeetingDetailsForm,
    MinutesSourceForm,
    ResolutionRowFormSet,
    confirmed_meeting,
    initial_details,
    initial_rows,
)
from ..importing import ImportRefused, guess_host_city, import_meeting

TITLE = gettext_lazy("Import minutes")


def _render(request, template, context, status=200):
    context.update(header_title=TITLE, page_title=TITLE, header_icon="doc-full-inverse")
    return TemplateResponse(request, template, context, status=status)


def _organisations():
    return list(Organisation.objects.order_by("name_fa", "name_en"))


def _preview(request, details, rows, status=200):
    rows_with_errors = [i for i, form in enumerate(rows.forms, start=1) if form.is_bound and form.errors]
    return _render(request, "resolutions/admin/import_preview.html",
                   {"details": details, "rows": rows, "rows_with_errors": rows_with_errors}, status=status)


def import_minutes(request):
    if not roles.is_secretariat(request.user):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    organisations = _organisations()

    if action == "preview":
        source = MinutesSourceForm(request.POST, request.FILES)
        if not source.is_valid():
            # The message says what is wrong; the pasted text stays in the box.
            return _render(request, "resolutions/admin/import_source.html", {"form": source}, status=400)
        parsed = source.parsed
        details = MeetingDetailsForm(initial=initial_details(
            parsed, host_city=guess_host_city(parsed.title),
            starts_on=jalali_input(guess_meeting_date(parsed.title)),
            source=source.cleaned_data.get("text") if not source.cleaned_data.get("file") else "",
        ))
        rows = ResolutionRowFormSet(initial=initial_rows(parsed, organisations), prefix="rows",
                                    form_kwargs={"organisations": organisations})
        return _preview(request, details, rows)

    if action in {"confirm", "check"}:
        details = MeetingDetailsForm(request.POST)
        rows = ResolutionRowFormSet(request.POST, prefix="rows", form_kwargs={"organisations": organisations})
        valid = details.is_valid() & rows.is_valid()  # both, so every error shows at once
        if action == "confirm" and valid:
            try:
                page = import_meeting(confirmed_meeting(details, rows), user=request.user)
            except ImportRefused as error:
                details.add_error(None, str(error))
            else:
                messages.success(request, _("Meeting %(number)s was created with %(count)s resolutions.") % {
                    "number": page.number, "count": page.resolutions.count()})
                return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        return _preview(request, details, rows, status=200 if valid and action == "check" else 400)

    if action == "edit_source":
        form = MinutesSourceForm(initial={"text": request.POST.get("source", "")})
    else:
        form = MinutesSourceForm()
    return _render(request, "resolutions/admin/import_source.html", {"form": form})

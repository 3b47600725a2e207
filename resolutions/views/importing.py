"""The secretariat's "Import minutes" admin view: paste or upload, preview and correct, confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal import roles
from portal.models import Organisation

from ..dates import jalali_input
from ..import_forms import (
    MeetingDetailsForm,
    MinutesSourceForm,
    ResolutionRowFormSet,
    confirmed_meeting,
    initial_details,
    initial_rows,
)
from ..importing import ImportRefused, check_importable, import_meeting, read_header

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


def _with_due_dates_filled(post):
    """"Check again" shows the "all due by" date in every row left without a due date (confirming
    applies it the same way, see `confirmed_meeting`)."""
    all_due_by = post.get("all_due_by", "").strip()
    if not all_due_by:
        return post
    data = post.copy()
    try:
        count = min(int(post.get("rows-TOTAL_FORMS", 0)), ResolutionRowFormSet.max_num)
    except ValueError:
        return post  # the formset says what is wrong with its management form
    for i in range(count):
        if not post.get(f"rows-{i}-due_on", "").strip():
            data[f"rows-{i}-due_on"] = all_due_by
    return data


def _importable(details, rows):
    try:
        check_importable(confirmed_meeting(details, rows))
    except ImportRefused as error:
        details.add_error(None, str(error))
        return False
    return True


def _ownerless_accepted(details, rows):
    """A resolution nobody owns is created only once the secretariat has said so."""
    ownerless = rows.ownerless_numbers()
    if ownerless and not details.cleaned_data.get("accept_ownerless"):
        details.add_error("accept_ownerless", ngettext(
            "Resolution %(numbers)s would have no owner. Give it one, or confirm below.",
            "Resolutions %(numbers)s would have no owner. Give them one, or confirm below.",
            len(ownerless)) % {"numbers": rows.ownerless_label()})
        return False
    return True


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
        header = read_header(parsed)
        details = MeetingDetailsForm(initial=initial_details(
            parsed, host_city=header.host_city, starts_on=jalali_input(header.starts_on),
            source=source.cleaned_data.get("text") if not source.cleaned_data.get("file") else "",
        ))
        rows = ResolutionRowFormSet(initial=initial_rows(parsed, organisations), prefix="rows",
                                    form_kwargs={"organisations": organisations})
        return _preview(request, details, rows)

    if action in {"confirm", "check"}:
        data = _with_due_dates_filled(request.POST) if action == "check" else request.POST
        details = MeetingDetailsForm(data)
        rows = ResolutionRowFormSet(data, prefix="rows", form_kwargs={"organisations": organisations})
        valid = details.is_valid() & rows.is_valid()  # both, so every error shows at once
        if action == "confirm" and valid:
            valid = _importable(details, rows) and _ownerless_accepted(details, rows)
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

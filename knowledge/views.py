from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import roles

from . import submissions
from .forms import ShareForm
from .start_here import reading_path


def _require_submitter(user):
    if not submissions.may_submit(user):
        raise PermissionDenied(_("Only members of the network who act for an organisation can share items."))


@login_required
def share(request):
    """Share a study or experience: a new draft, saved or submitted for review at once."""
    _require_submitter(request.user)
    organisation = roles.organisation_of(request.user)
    initial = {"language": request.LANGUAGE_CODE[:2] if request.LANGUAGE_CODE[:2] in ("fa", "en", "zh") else "fa",
               "kind": "study", "visibility": "public", "audience": "specialists"}
    if resolution := request.GET.get("resolution", ""):
        initial["answers_resolution"] = resolution if resolution.isdigit() else None
    return _edit(request, organisation, page=None, initial=initial)


@login_required
def submission(request, page_id):
    """One of my submissions: its state, the reviewers' comments, and the form while it is mine to edit."""
    _require_submitter(request.user)
    page = submissions.submission_for(request.user, page_id)
    if page is None:
        raise Http404
    if not submissions.may_edit(request.user, page):
        return _render_detail(request, page, form=None)
    return _edit(request, roles.organisation_of(request.user), page=page, initial=ShareForm.initial_for(page))


def _upload_limits():
    from portal.uploads import allowed_extensions, max_upload_size

    return {"accepted_types": allowed_extensions(), "max_upload_size": max_upload_size()}


def _edit(request, organisation, page, initial):
    if request.method == "POST":
        form = ShareForm(request.POST, request.FILES, organisation=organisation, page=page)
        if form.is_valid():
            page = submissions.save_submission(request.user, form.cleaned_data, form.cleaned_data["documents"],
                                               page=page)
            if request.POST.get("action") == "submit":
                submissions.submit_for_review(request.user, page)
                messages.success(request, _("“%(title)s” was sent to the secretariat for review.")
                                 % {"title": page.title})
                return redirect("knowledge:mine")
            messages.success(request, _("Your draft was saved. You can come back to it from “My submissions”."))
            return redirect("knowledge:submission", page_id=page.pk)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        status = 400
    else:
        form = ShareForm(initial=initial, organisation=organisation, page=page)
        status = 200
    if page is None:
        return TemplateResponse(request, "knowledge/share.html",
                                {"form": form, "organisation": organisation, **_upload_limits()}, status=status)
    return _render_detail(request, page, form=form, status=status)


def _render_detail(request, page, form, status=200):
    context = {
        "item": page,
        "form": form,
        "organisation": page.organisation,
        "state": submissions.state_of(page),
        "state_label": submissions.SubmissionState.LABELS[submissions.state_of(page)],
        "reviews": submissions.reviews_of(page),
        "may_withdraw": submissions.may_withdraw(request.user, page),
        **_upload_limits(),
    }
    return TemplateResponse(request, "knowledge/submission.html", context, status=status)


@login_required
def mine(request):
    _require_submitter(request.user)
    rows = [submissions.submission_row(page) for page in submissions.submissions_of(request.user)]
    return TemplateResponse(request, "knowledge/mine.html", {"rows": rows})


@require_POST
@login_required
def withdraw(request, page_id):
    page = submissions.submission_for(request.user, page_id)
    if page is None:
        raise Http404
    submissions.withdraw(request.user, page)
    messages.success(request, _("“%(title)s” was taken back from review; it is a draft again.") % {"title": page.title})
    return redirect(reverse("knowledge:submission", kwargs={"page_id": page.pk}))


def start_here(request):
    """The reading path for a newly joined metropolis."""
    path = reading_path(request.GET.get("city"), request.user)
    return TemplateResponse(request, "knowledge/start_here.html", {"path": path}, status=200 if path else 404)

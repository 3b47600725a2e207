from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.models import Membership

from ..forms import ReminderSettingsForm
from .access import members_only


@members_only
def reminder_settings(request):
    membership = Membership.objects.filter(user=request.user).select_related("organisation").first()
    if membership is None:
        raise Http404(_("You do not act for an organisation, so there is nothing to remind you of."))
    form = ReminderSettingsForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect(request.path)
    return TemplateResponse(request, "resolutions/reminder_settings.html",
                            {"form": form, "membership": membership}, status=400 if form.errors else 200)

"""The admin's form for knowledge items."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal import roles
from portal.models import Organisation


class KnowledgeItemAdminForm(WagtailAdminPageForm):
    """City managers submit for their own organisation only; the secretariat for anyone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None or roles.is_secretariat(user):
            return
        own = roles.organisation_of(user)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk=own.pk) if own else Organisation.objects.none()
        if own:
            field.initial = own.pk
            field.empty_label = None

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        user = getattr(self, "for_user", None)
        if user is not None and not roles.is_secretariat(user):
            if organisation != roles.organisation_of(user):
                raise forms.ValidationError(_("You can only submit items for your own organisation."))
        return organisation

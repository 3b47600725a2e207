"""The form of a bulk change, on the status board and in the admin's lists."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import JalaliDateField, date_help

from .bulk import BULK_STATUSES, DUE_DATE, MAX_NOTE, STATUS


class BulkChangeForm(forms.Form):
    change = forms.ChoiceField(
        label=_("Change"), choices=[(STATUS, _("the status")), (DUE_DATE, _("the due date"))],
        initial=STATUS, widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(label=_("New status"), required=False, choices=[("", "—"), *BULK_STATUSES])
    due_on = JalaliDateField(label=_("New due date"), required=False, help_text=date_help)
    note = forms.CharField(
        label=_("Note"), max_length=MAX_NOTE,
        help_text=_("Why: kept in the history of every resolution and line that changes."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={"required": _("Write a note: it is kept in the history as the reason.")},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_note(self):
        note = " ".join(self.cleaned_data["note"].split())
        if not note:
            raise forms.ValidationError(self.fields["note"].error_messages["required"])
        return note

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change") == STATUS and not cleaned.get("status"):
            self.add_error("status", _("Choose the new status."))
        if cleaned.get("change") == DUE_DATE and not cleaned.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Enter the new due date."))
        return cleaned

    def change_arguments(self):
        """The keyword arguments of `bulk.plan` for what the form asks."""
        if self.cleaned_data["change"] == DUE_DATE:
            return {"due_on": self.cleaned_data["due_on"]}
        return {"status": self.cleaned_data["status"]}


class BoardBulkChangeForm(BulkChangeForm):
    """On the board: the ticked resolutions and lines travel with the form."""

    resolution = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.MultipleHiddenInput)
    line = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.MultipleHiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else {}
        # Any ticked id is a choice; the view loads only those that exist.
        for name in ("resolution", "line"):
            values = data.getlist(name) if hasattr(data, "getlist") else []
            self.fields[name].choices = [(v, v) for v in values]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("resolution") and not cleaned.get("line"):
            raise forms.ValidationError(_("Tick at least one resolution or line on the board."))
        return cleaned

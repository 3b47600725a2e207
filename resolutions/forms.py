from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.models import Membership, Organisation

from .models import LineStatus, MeetingPage, ResolutionStatus


def check_attachment(upload):
    """Only the document types and sizes the portal accepts anywhere (Wagtail's document settings)."""
    allowed = [ext.lower().lstrip(".") for ext in settings.WAGTAILDOCS_EXTENSIONS or []]
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if allowed and extension not in allowed:
        raise forms.ValidationError(
            _("Files of type “%(extension)s” cannot be attached. Allowed: %(allowed)s."),
            params={"extension": extension or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit is not None and upload.size > limit:
        raise forms.ValidationError(
            _("The file is %(size)s; attachments may be at most %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_size",
        )
    if upload.size == 0:
        raise forms.ValidationError(_("The file is empty."), code="file_empty")
    return upload


class FollowUpReportForm(forms.Form):
    text = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=20_000)
    status = forms.ChoiceField(label=_("Status"), choices=LineStatus.choices)
    attachment = forms.FileField(
        label=_("Attachment"), required=False,
        help_text=_("Optional: a letter, a study or photos as PDF, office file or image."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write what has been done."))
        return text

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return check_attachment(upload) if upload else None


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=200, required=False,
                             help_text=_("Kept in the resolution's history."))


class CarryOverForm(forms.Form):
    """Re-adopt a resolution at a later meeting, under a number still free there."""

    meeting = forms.ModelChoiceField(label=_("Later meeting"), queryset=MeetingPage.objects.none())
    number = forms.IntegerField(label=_("Number at that meeting"), min_value=1, max_value=32_767)

    def __init__(self, *args, resolution, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolution = resolution
        self.fields["meeting"].queryset = MeetingPage.objects.filter(
            number__gt=resolution.meeting.number
        ).order_by("number")
        self.fields["meeting"].label_from_instance = lambda m: f"{m.number} · {m.title}"

    def clean(self):
        cleaned = super().clean()
        meeting, number = cleaned.get("meeting"), cleaned.get("number")
        if meeting and number and meeting.resolutions.filter(number=number).exists():
            self.add_error("number", _("That meeting already has a resolution with this number."))
        return cleaned


class BoardFilterForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=MeetingPage.objects.none(),
                                     required=False, empty_label=_("All meetings"))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none(),
                                   required=False, empty_label=_("All owners"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status"))] + list(ResolutionStatus.choices))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = MeetingPage.objects.live().order_by("-number")
        self.fields["meeting"].label_from_instance = lambda m: f"{m.number} · {m.title}"
        self.fields["owner"].queryset = Organisation.objects.filter(follow_up_lines__isnull=False).distinct()


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["receives_reminders", "language"]
        labels = {"receives_reminders": _("E-mail me a digest of my organisation's open follow-up lines"),
                  "language": _("Language of the e-mails")}

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.dates import isolate, local_digits
from portal.forms import MarkedSelect
from portal.models import Membership, Organisation
from portal.uploads import validate_upload

from .models import LineStatus, MeetingPage, ResolutionStatus


def meeting_label(meeting):
    """«۹ · …»: the number in the reader's digits, the (Persian) title set apart within the option."""
    return f"{local_digits(meeting.number)} · {isolate(meeting.title)}"


class FollowUpReportForm(forms.Form):
    text = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=20_000)
    status = forms.ChoiceField(label=_("Status"), choices=LineStatus.choices)
    attachment = forms.FileField(
        label=_("Attachment"), required=False,
        help_text=_("Optional: a letter, a study or photos as PDF, office file or image. Like the report, "
                    "it is for members of the network only, unless you tick the box below."),
    )
    attachment_public = forms.BooleanField(
        label=_("Anyone may download the attachment"), required=False,
        help_text=_("The file becomes public once the resolution is public; the report's text stays for "
                    "members only."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write what has been done."))
        return text

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            # The same checks as every other upload: type, size, and content matching the name.
            upload.name = validate_upload(upload)
        return upload or None


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
        self.fields["meeting"].label_from_instance = meeting_label

    def clean(self):
        cleaned = super().clean()
        meeting, number = cleaned.get("meeting"), cleaned.get("number")
        if meeting and number and meeting.resolutions.filter(number=number).exists():
            self.add_error("number", _("That meeting already has a resolution with this number."))
        return cleaned


class BoardFilterForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=MeetingPage.objects.none(),
                                     required=False, empty_label=_("All meetings"))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none(), widget=MarkedSelect,
                                   required=False, empty_label=_("All owners"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status"))] + list(ResolutionStatus.choices))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = MeetingPage.objects.live().order_by("-number")
        self.fields["meeting"].label_from_instance = meeting_label
        self.fields["owner"].queryset = Organisation.objects.filter(follow_up_lines__isnull=False).distinct()


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["receives_reminders", "language"]
        labels = {"receives_reminders": _("E-mail me a digest of my organisation's open follow-up lines"),
                  "language": _("Language of the e-mails")}

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.dates import isolate, local_digits
from portal.forms import JalaliDateField, MarkedSelect, date_help
from portal.models import Membership, Organisation
from portal.uploads import validate_upload

from .models import LineStatus, MeetingPage, ReportSource, ResolutionStatus


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


class LinesReportForm(FollowUpReportForm):
    """One report (status, text, attachment) for every ticked line; what the single-line form asks, and
    the lines. When the secretariat records it for a city, it also says where the report came from."""

    lines = forms.ModelMultipleChoiceField(
        label=_("Lines to report on"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one line to report on."),
                        "invalid_choice": _("One of the ticked lines is no longer open to your report."),
                        "invalid_pk_value": _("One of the ticked lines is no longer open to your report.")},
    )
    source = forms.ChoiceField(label=_("The city's report came as a"), required=False,
                               choices=[("", "—")] + list(ReportSource.choices))
    source_date = JalaliDateField(label=_("Dated"), required=False, help_text=date_help)

    field_order = ["lines", "status", "text", "attachment", "attachment_public", "source", "source_date"]

    def __init__(self, *args, lines, for_owner=False, **kwargs):
        kwargs.setdefault("initial", {"status": LineStatus.IN_PROGRESS})
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = lines
        self.for_owner = for_owner  # the secretariat recording what a city sent
        if not for_owner:
            del self.fields["source"], self.fields["source_date"]

    def clean(self):
        cleaned = super().clean()
        if self.for_owner:
            if not cleaned.get("source"):
                self.add_error("source", _("Say how the city's report reached the secretariat."))
            if not cleaned.get("source_date") and "source_date" not in self.errors:
                self.add_error("source_date", _("Give the date of the letter, e-mail, call or meeting."))
        return cleaned


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

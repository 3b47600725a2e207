from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LineStatus


class FollowUpReportForm(forms.Form):
    text = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=20_000)
    status = forms.ChoiceField(label=_("Status"), choices=LineStatus.choices)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write what has been done."))
        return text

"""The public share form: what a city shares, drafted, resumed and submitted in one form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.dates import format_number, html_lang, isolate, text_direction
from portal.forms import JalaliDateField, MarkedSelect, date_help
from portal.translations import FIELD_PREFIXES, field_name, language_name

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; each is checked by `portal.uploads.validate_upload`."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        from django.core.exceptions import ValidationError

        from portal.uploads import validate_upload

        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(count)s files at a time.") % {"count": format_number(MAX_FILES)})
        errors = []
        for uploaded in files:
            try:
                uploaded.name = validate_upload(uploaded)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


def translation_fields():
    """Optional title and summary per interface language, named as the item's fields, each input
    marked with its language."""
    fields = {}
    for language in FIELD_PREFIXES:
        marks = {"lang": html_lang(language), "dir": text_direction(language)}
        fields[field_name("title", language)] = forms.CharField(
            label=_("Title in %(language)s") % {"language": language_name(language)}, max_length=255,
            required=False, widget=forms.TextInput(attrs=marks))
        fields[field_name("summary", language)] = forms.CharField(
            label=_("Summary in %(language)s") % {"language": language_name(language)}, required=False,
            widget=forms.Textarea(attrs={"rows": 3, **marks}))
    return fields


TRANSLATION_FIELDS = list(translation_fields())


class ShareForm(forms.Form):
    """What a city shares: one form for drafting, resuming and submitting."""

    kind = forms.ChoiceField(label=_("What are you sharing?"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=255, widget=forms.TextInput(attrs={"dir": "auto"}))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
                              help_text=_("A few sentences: what it is, for whom, what came of it."))
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
                           help_text=_("Plain text; leave an empty line between paragraphs."))
    documents = MultipleFileField(label=_("Documents"), required=False)
    remove_documents = forms.MultipleChoiceField(label=_("Remove attached documents"), required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    language = forms.ChoiceField(label=_("Language of the item"), widget=MarkedSelect)
    hazards = forms.ModelMultipleChoiceField(label=_("Hazards"), queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    phases = forms.ModelMultipleChoiceField(label=_("Phases"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    audience = forms.ChoiceField(label=_("Audience"))
    visibility = forms.ChoiceField(label=_("Who may read it"), widget=forms.RadioSelect)
    answers_resolution = forms.ModelChoiceField(
        label=_("It answers a resolution"), queryset=None, required=False,
        empty_label=_("— none —"), help_text=_("Resolutions your organisation must follow up, open ones first."),
    )
    # One detail per kind; the page has no script, so all three are shown until the kind is fixed
    # and only the one for the chosen kind is kept (KIND_DETAILS).
    study_type = forms.ChoiceField(label=_("Type of study (studies only)"), required=False)
    people_trained = forms.IntegerField(
        label=_("People trained (training experiences only)"), required=False, min_value=0,
        max_value=100_000_000, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    event_date = JalaliDateField(
        label=_("Date of the event (experience reports only)"), required=False,
        help_text=date_help(),
    )

    def __init__(self, *args, organisation=None, page=None, **kwargs):
        from portal.models import Hazard, Phase

        from .kinds import KIND_CHOICES, KIND_DETAILS, kind_of
        from .models import DOCUMENT_LANGUAGES, Readership, Study, Visibility
        from .submissions import resolutions_to_answer

        super().__init__(*args, **kwargs)
        self.page = page
        self.fields.update(translation_fields())  # labels in the reader's language, made per form
        self.fields["kind"].choices = KIND_CHOICES
        self.fields["language"].choices = DOCUMENT_LANGUAGES
        self.fields["audience"].choices = Readership.choices
        self.fields["visibility"].choices = Visibility.choices
        self.fields["hazards"].queryset = Hazard.objects.all()
        self.fields["phases"].queryset = Phase.objects.all()
        resolutions = resolutions_to_answer(organisation)
        self.fields["answers_resolution"].queryset = resolutions
        self.fields["answers_resolution"].label_from_instance = self.resolution_label
        self.fields["study_type"].choices = Study.StudyType.choices
        self.fields["study_type"].initial = Study.StudyType.HAZARD_STUDY
        if page is None:
            del self.fields["remove_documents"]
        else:
            self.fields["kind"].disabled = True  # a study stays a study; start a new item otherwise
            self.fields["kind"].required = False
            kept = KIND_DETAILS[kind_of(page)]
            for name in {name for names in KIND_DETAILS.values() for name in names} - set(kept):
                del self.fields[name]
            self.fields["remove_documents"].choices = [
                (str(link.pk), link.display_title) for link in page.documents.select_related("document")
            ]
            if not self.fields["remove_documents"].choices:
                del self.fields["remove_documents"]
            from .submissions import body_to_text

            if body_to_text(page.body) is None:
                del self.fields["body"]  # edited in the admin with images or quotes: keep it as it is

    def suggestions(self):
        """Topics, hazards and phases the item's text names (knowledge/topics.py)."""
        from .topics import suggest

        source = self.data if self.is_bound else self.initial
        return suggest(*(str(source.get(name) or "") for name in ("title", "summary", "body")))

    def translation_fields(self):
        """The optional summaries in the interface languages, shown apart from the item's own fields."""
        return [self[name] for name in TRANSLATION_FIELDS]

    def own_fields(self):
        return [field for field in self if field.name not in TRANSLATION_FIELDS]

    @staticmethod
    def resolution_label(resolution):
        text = resolution.text_in().text  # in the reader's language when someone wrote it
        short = text if len(text) <= 90 else text[:88] + "…"
        return f"{resolution} ({resolution.get_status_display()}): {isolate(short)}"  # the text set apart

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the item a title."))
        return title

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if not summary:
            raise forms.ValidationError(_("Write a short summary."))
        return summary

    def clean(self):
        cleaned = super().clean()
        from .kinds import KIND_DETAILS, kind_of

        kind = kind_of(self.page) if self.page is not None else cleaned.get("kind")
        if kind in KIND_DETAILS:
            # Details typed for another kind are dropped, not stored on the wrong item.
            for other, names in KIND_DETAILS.items():
                if other != kind:
                    for name in names:
                        cleaned.pop(name, None)
            if kind == "study" and not cleaned.get("study_type"):
                cleaned["study_type"] = self.fields["study_type"].initial
        return cleaned

    @classmethod
    def initial_for(cls, page):
        from .kinds import KIND_DETAILS, kind_of
        from .submissions import body_to_text

        details = {name: getattr(page, name) for name in KIND_DETAILS[kind_of(page)]}
        return details | {
            "kind": kind_of(page),
            "title": page.title,
            "summary": page.summary,
            "body": body_to_text(page.body) or "",
            "language": page.language,
            "hazards": list(page.hazards.all()),
            "phases": list(page.phases.all()),
            "audience": page.audience,
            "visibility": page.visibility,
            "answers_resolution": page.answers_resolution_id,
        } | {name: getattr(page, name) for name in TRANSLATION_FIELDS}

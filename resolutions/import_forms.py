"""Forms of the "Import minutes" admin view: the source, then the preview an editor corrects."""

import re

from django import forms
from django.core import validators
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.dates import format_number, list_separator
from portal.forms import date_help
from portal.models import Organisation
from portal.textnorm import to_latin_digits

from .dates import parse_date_input
from .importing import ConfirmedMeeting, ConfirmedResolution, read_minutes
from .minutes import MAX_MINUTES_BYTES, MinutesError

LEAVE_OUT = "-"  # the choice for an unknown owner that is not an owner after all
ALL_MEMBERS_KEY = "*"


class RawTextField(forms.CharField):
    """A text field that lets the minutes parser judge control characters, with its own message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators
                           if not isinstance(v, validators.ProhibitNullCharactersValidator)]


class MinutesSourceForm(forms.Form):
    text = RawTextField(
        label=_("Text of the minutes"), required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
        help_text=_("Paste the minutes here, or upload them below. Number each resolution: 1) or ۱)."),
    )
    file = forms.FileField(
        label=_("…or a text file"), required=False,
        help_text=_("Plain text (UTF-8 or Windows-1256), at most 1 MB."),
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        try:
            if upload is not None:
                # One byte past the limit is enough for the parser to refuse a large file.
                self.parsed = read_minutes(data=upload.read(MAX_MINUTES_BYTES + 1))
            else:
                self.parsed = read_minutes(text=text)
        except MinutesError as error:
            raise forms.ValidationError(str(error), code="minutes") from None
        return cleaned


class MeetingDetailsForm(forms.Form):
    number = forms.IntegerField(label=_("Meeting number"), min_value=1, max_value=32_767)
    title = forms.CharField(label=_("Title"), max_length=255, widget=forms.TextInput(attrs={"dir": "auto"}))
    host_city = forms.CharField(label=_("Host city"), max_length=120,
                                widget=forms.TextInput(attrs={"dir": "auto"}))
    starts_on = forms.CharField(
        label=_("First day"), max_length=20,
        help_text=_("Jalali as 1391/07/19 (Persian or Latin digits) or Gregorian as 2012-10-10."),
    )
    language = forms.ChoiceField(label=_("Language of the minutes"),
                                 choices=[("fa", "فارسی"), ("en", "English"), ("zh", "中文")])
    publish = forms.TypedChoiceField(
        label=_("After import"), coerce=lambda v: v == "publish", initial="draft",
        choices=[("draft", _("Keep the meeting as a draft")), ("publish", _("Publish the meeting"))],
        widget=forms.RadioSelect,
    )
    all_due_by = forms.CharField(
        label=_("All due by"), required=False, max_length=20,
        help_text=format_lazy("{} {}", _("Fills the due date of every resolution left without one."), date_help()),
    )
    accept_ownerless = forms.BooleanField(
        label=_("Create them without an owner: nobody will be asked to follow them up until owners are "
                "added on the resolution's page."),
        required=False,
    )
    source = RawTextField(required=False, strip=False, widget=forms.HiddenInput)

    def clean_starts_on(self):
        try:
            return parse_date_input(self.cleaned_data["starts_on"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_all_due_by(self):
        return optional_date(self.cleaned_data.get("all_due_by"))


def optional_date(text):
    """A typed date in either calendar, or None when nothing was typed; a form error otherwise."""
    if not (text or "").strip():
        return None
    try:
        return parse_date_input(text)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from None


def _numbers(text):
    return sorted({int(n) for n in re.findall(r"\d+", to_latin_digits(text or ""))})


class ResolutionRowForm(forms.Form):
    """One resolution of the preview. Owners the parser could not match get a select each."""

    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=32_767,
                                widget=forms.NumberInput(attrs={"class": "import-number"}))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    owners = forms.ModelMultipleChoiceField(
        label=_("Owners"), required=False, queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    all_members = forms.BooleanField(label=_("All member metropolises"), required=False)
    refers_to = forms.CharField(label=_("Follows up meetings"), required=False, max_length=100,
                                help_text=_("Numbers of earlier meetings, e.g. 7, 8"))
    due_on = forms.CharField(
        label=_("Due date"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"class": "import-due", "dir": "ltr"}),
        help_text=_("Jalali or Gregorian; empty: the “all due by” date, if given."),
    )
    is_public = forms.BooleanField(
        label=_("Public"), required=False,
        help_text=_("Ticked: anyone, without signing in, reads the resolution and its status on the portal. "
                    "Unticked (the default): only the secretariat and the member cities' crisis managers "
                    "see it, until you make it public on its page."),
    )
    unknown_owners = forms.CharField(required=False, widget=forms.HiddenInput)
    detected = forms.CharField(required=False, widget=forms.HiddenInput)  # what the parser read, shown again

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        self.fields["owners"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        by_slug = {o.slug: o for o in organisations}
        # The unknown owners travel with the form, so a re-submitted preview rebuilds the same selects.
        raw = self.data.get(self.add_prefix("unknown_owners")) if self.is_bound else self.initial.get(
            "unknown_owners")
        self.unknown = []
        for i, line in enumerate(filter(None, (raw or "").splitlines())):
            name, _sep, slugs = line.partition("\t")
            suggestions = [by_slug[s] for s in slugs.split(",") if s in by_slug]
            others = [o for o in organisations if o not in suggestions]
            choices = [("", _("— choose —")), (LEAVE_OUT, _("Not an organisation: leave out"))]
            if suggestions:
                choices.append((_("Closest matches"), [(o.slug, o.name) for o in suggestions]))
            choices.append((_("Other organisations"), [(o.slug, o.name) for o in others]))
            field_name = f"unknown_{i}"
            self.fields[field_name] = forms.ChoiceField(
                label=_("Who is “%(name)s”?") % {"name": "\u2068" + name + "\u2069"}, choices=choices,
                error_messages={"required": _("Choose the organisation, or leave it out.")},
            )
            self.unknown.append({"name": name, "suggestions": suggestions, "field": field_name})
        self.organisations_by_slug = by_slug

    def detected_owners(self):
        """[(name as written, organisation or None, all members?)] from the hidden field."""
        raw = self.data.get(self.add_prefix("detected")) if self.is_bound else self.initial.get("detected")
        found = []
        for line in filter(None, (raw or "").splitlines()):
            name, _sep, key = line.partition("\t")
            found.append((name, self.organisations_by_slug.get(key), key == ALL_MEMBERS_KEY))
        return found

    def unknown_fields(self):
        return [(item, self[item["field"]]) for item in self.unknown]

    def clean_refers_to(self):
        return _numbers(self.cleaned_data.get("refers_to"))

    def clean_due_on(self):
        return optional_date(self.cleaned_data.get("due_on"))

    def learned_spellings(self):
        """[(owner as written, organisation)] for the owners the secretariat identified by hand."""
        learned = []
        for item in self.unknown:
            slug = self.cleaned_data.get(item["field"])
            if slug and slug != LEAVE_OUT:
                learned.append((item["name"], self.organisations_by_slug[slug]))
        return learned

    def has_no_owner(self):
        """Whether the resolution would be created with nobody to follow it up."""
        if self.is_bound:
            if not hasattr(self, "cleaned_data") or self.errors:
                return False
            return not self.chosen_owners() and not self.cleaned_data.get("all_members")
        return not (self.initial.get("owners") or self.initial.get("all_members") or self.unknown)

    def chosen_owners(self):
        owners = list(self.cleaned_data.get("owners") or [])
        for item in self.unknown:
            slug = self.cleaned_data.get(item["field"])
            if slug and slug != LEAVE_OUT and self.organisations_by_slug[slug] not in owners:
                owners.append(self.organisations_by_slug[slug])
        return owners


class BaseResolutionRowFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        numbers = [f.cleaned_data["number"] for f in self.kept_forms()]
        if not numbers:
            raise forms.ValidationError(_("Keep at least one resolution."))
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if repeated:
            raise forms.ValidationError(
                _("Two resolutions cannot share a number: %(numbers)s."),
                params={"numbers": ", ".join(map(str, repeated))},
            )

    def kept_forms(self):
        return [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    def ownerless_numbers(self):
        """Numbers of the kept resolutions that would have no owner."""
        forms_ = self.kept_forms() if self.is_bound else self.forms
        return [f.cleaned_data["number"] if f.is_bound else f.initial["number"]
                for f in forms_ if f.has_no_owner()]

    def ownerless_label(self):
        """Those numbers as the reader's language lists them («۴، ۷» / "4, 7")."""
        return list_separator().join(map(format_number, self.ownerless_numbers()))


ResolutionRowFormSet = forms.formset_factory(
    ResolutionRowForm, formset=BaseResolutionRowFormSet, extra=0, can_delete=True,
    max_num=500, validate_max=True,
)


def initial_details(parsed, *, host_city, starts_on, source):
    return {
        "number": parsed.meeting_number, "title": parsed.title or "", "host_city": host_city,
        "starts_on": starts_on, "language": parsed.language, "publish": "draft", "source": source,
        "all_due_by": "",
    }


def _one_line(name):
    return " ".join(name.split())


def initial_rows(parsed, organisations):
    """The parser's resolutions as the preview's first rows."""
    by_slug = {o.slug: o for o in organisations}
    rows = []
    for item in parsed.resolutions:
        unknown = [o for o in item.owners if not o.organisation and not o.all_members]
        rows.append({
            "number": item.number,
            "text": item.text,
            "owners": [by_slug[o.organisation] for o in item.owners if o.organisation in by_slug],
            "all_members": any(o.all_members for o in item.owners),
            "refers_to": ", ".join(map(str, item.refers_to_meetings)),
            "unknown_owners": "\n".join(
                _one_line(o.name) + "\t" + ",".join(o.suggestions) for o in unknown
            ),
            "detected": "\n".join(
                _one_line(o.name) + "\t" + (ALL_MEMBERS_KEY if o.all_members else o.organisation or "")
                for o in item.owners
            ),
            "is_public": False,
        })
    return rows


def confirmed_meeting(details, rows):
    """What the editor confirmed, from two valid forms, for :func:`importing.import_meeting`."""
    data = details.cleaned_data
    all_due_by = data.get("all_due_by")
    return ConfirmedMeeting(
        number=data["number"], title=data["title"], host_city=data["host_city"],
        starts_on=data["starts_on"], language=data["language"], publish=data["publish"],
        resolutions=[
            ConfirmedResolution(
                number=form.cleaned_data["number"], text=form.cleaned_data["text"],
                owners=form.chosen_owners(), all_members=form.cleaned_data["all_members"],
                refers_to_meetings=form.cleaned_data["refers_to"], is_public=form.cleaned_data["is_public"],
                due_on=form.cleaned_data["due_on"] or all_due_by,
                learned_spellings=form.learned_spellings(),
            )
            for form in sorted(rows.kept_forms(), key=lambda f: f.cleaned_data["number"])
        ],
    )

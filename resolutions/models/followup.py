from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from portal.dates import format_date

from .panels import ShownPanel


class LineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ReportSource(models.TextChoices):
    """How a report the secretariat recorded for an owner reached it."""

    LETTER = "letter", _("letter")
    EMAIL = "email", _("e-mail")
    CALL = "call", _("phone call")
    MEETING = "meeting", _("meeting")


# "Recorded by the secretariat (who) from a letter of (date)", one sentence per kind of source, so
# that each language words it whole.
SOURCE_SENTENCES = {
    ReportSource.LETTER: _("Recorded by the secretariat (%(who)s) from a letter of %(date)s"),
    ReportSource.EMAIL: _("Recorded by the secretariat (%(who)s) from an e-mail of %(date)s"),
    ReportSource.CALL: _("Recorded by the secretariat (%(who)s) from a phone call of %(date)s"),
    ReportSource.MEETING: _("Recorded by the secretariat (%(who)s) from a meeting of %(date)s"),
}


class FollowUpLine(models.Model):
    """What one owner organisation owes on one resolution."""

    resolution = models.ForeignKey(
        "resolutions.Resolution", on_delete=models.CASCADE, related_name="lines",
        verbose_name=_("resolution"),
    )
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="follow_up_lines",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=20, choices=LineStatus.choices,
                              default=LineStatus.OPEN)
    updated_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True,
        help_text=_("Set when the line is done: the date of the report that said so, or the day it was "
                    "marked done."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    panels = [
        FieldPanel("resolution"),
        FieldPanel("organisation"),
        FieldPanel("status", help_text=_("The resolution's status follows its owners' lines.")),
        ShownPanel("closed_on"),
    ]

    class Meta:
        ordering = ["resolution", "organisation__name_en", "organisation__name_fa"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "organisation"], name="one_line_per_owner")
        ]
        verbose_name = _("follow-up line")
        verbose_name_plural = _("follow-up lines")

    def __str__(self):
        return f"{self.resolution} – {self.organisation}"

    def save(self, *args, **kwargs):
        # A line is closed while it is done, on the day it was first done.
        if self.status == LineStatus.DONE:
            self.closed_on = self.closed_on or timezone.localdate()
        else:
            self.closed_on = None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"closed_on"}
        super().save(*args, **kwargs)
        self.resolution.refresh_status()  # the resolution follows its lines

    def is_overdue_on(self, today=None):
        """Late while its resolution is overdue and this owner has not finished."""
        return self.status != LineStatus.DONE and self.resolution.is_overdue_on(today)

    @property
    def is_overdue(self):
        return self.is_overdue_on()

    def latest_report(self):
        return self.reports.order_by("-reported_on", "-created_at", "-pk").first()

    def take_report(self, report):
        """The line takes the status of its latest report; done on the report's date."""
        if report.status == LineStatus.DONE and self.status != LineStatus.DONE:
            self.closed_on = report.reported_on
        self.status = report.status
        self.save(update_fields=["status", "closed_on", "updated_at"])

    @transaction.atomic
    def record_report(self, *, author, text, status, reported_on=None, attachments=(),
                      attachments_public=False, recorded_by=None, source="", source_date=None):
        """Post a report; the line takes the reported status and the resolution follows.

        A report the secretariat records for the owner (from a letter, say) names who recorded it
        and its source; its author is then the owner, not a person of the portal.
        """
        report = FollowUpReport(
            line=self, author=author, text=text, status=status,
            reported_on=reported_on or timezone.localdate(), attachments_public=attachments_public,
            recorded_by=recorded_by, source=source, source_date=source_date,
        )
        report.save()
        if attachments:
            report.attachments.set(attachments)
        return report


class FollowUpReport(models.Model):
    """An owner's account of what it did about a resolution."""

    line = models.ForeignKey(FollowUpLine, on_delete=models.CASCADE, related_name="reports",
                             verbose_name=_("follow-up line"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+", verbose_name=_("author"))
    reported_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("report"))
    status = models.CharField(_("reported status"), max_length=20, choices=LineStatus.choices)
    attachments = models.ManyToManyField("wagtaildocs.Document", blank=True, related_name="+",
                                         verbose_name=_("attachments"))
    attachments_public = models.BooleanField(
        _("anyone may download the attachments"), default=False,
        help_text=_("Attachments are for members only, like the report, unless the reporter makes them "
                    "public (and the resolution is public)."),
    )
    # Set when the secretariat recorded the report on the owner's behalf, from what the owner sent.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("The secretariat member who recorded the report on the owner's behalf."),
    )
    source = models.CharField(_("source"), max_length=20, choices=ReportSource.choices, blank=True,
                              help_text=_("How the owner's report reached the secretariat."))
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[attachments])

    panels = [
        FieldPanel("line"),
        FieldRowPanel([FieldPanel("reported_on"), FieldPanel("author")]),
        FieldPanel("text"),
        FieldPanel("status", help_text=_("The line takes the status of its latest report.")),
        FieldPanel("attachments"),
        FieldPanel("attachments_public"),
        FieldRowPanel([FieldPanel("recorded_by"), FieldPanel("source"), FieldPanel("source_date")]),
    ]

    class Meta:
        ordering = ["-reported_on", "-created_at"]
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")

    def __str__(self):
        return f"{self.line.organisation} · {self.reported_on}"

    def save(self, *args, **kwargs):
        changed = self._state.adding or self.status != getattr(self, "_stored_status", None)
        super().save(*args, **kwargs)
        self._stored_status = self.status
        # However it is written (form, API, admin), the latest report sets its line's status.
        if changed and self.line.latest_report() == self:
            self.line.take_report(self)

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        report._stored_status = report.__dict__.get("status")
        return report

    @property
    def is_recorded_for_owner(self):
        return self.recorded_by_id is not None or bool(self.source)

    def recorded_for_owner_note(self):
        """«Recorded by the secretariat (Sara) from a letter of 12 Azar 1405», in the reader's language."""
        if not self.is_recorded_for_owner:
            return ""
        who = (self.recorded_by.get_full_name() or self.recorded_by.get_username()) if self.recorded_by else "—"
        sentence = SOURCE_SENTENCES.get(self.source, SOURCE_SENTENCES[ReportSource.LETTER])
        date = format_date(self.source_date or self.reported_on)
        return gettext(sentence) % {"who": who, "date": date}

    @property
    def organisation(self):
        return self.line.organisation

    @property
    def resolution(self):
        return self.line.resolution

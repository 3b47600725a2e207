from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


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
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["resolution", "organisation__name_en", "organisation__name_fa"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "organisation"], name="one_line_per_owner")
        ]
        verbose_name = _("follow-up line")
        verbose_name_plural = _("follow-up lines")

    def __str__(self):
        return f"{self.resolution} – {self.organisation}"

    @transaction.atomic
    def record_report(self, *, author, text, status, reported_on=None, attachments=()):
        """Post a report; the line takes the reported status and the resolution follows."""
        report = FollowUpReport.objects.create(
            line=self, author=author, text=text, status=status,
            reported_on=reported_on or timezone.localdate(),
        )
        if attachments:
            report.attachments.set(attachments)
        self.status = status
        self.closed_on = report.reported_on if status == LineStatus.DONE else None
        self.save(update_fields=["status", "closed_on", "updated_at"])
        self.resolution.refresh_status()
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
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[attachments])

    class Meta:
        ordering = ["-reported_on", "-created_at"]
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")

    def __str__(self):
        return f"{self.line.organisation} · {self.reported_on}"

    @property
    def organisation(self):
        return self.line.organisation

    @property
    def resolution(self):
        return self.line.resolution

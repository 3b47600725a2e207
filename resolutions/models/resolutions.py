from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from portal import roles
from portal.dates import local_digits


class ResolutionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    CARRIED_OVER = "carried_over", _("Carried over")


# Statuses the secretariat sets by hand; they are never overwritten by the owners' lines.
EXPLICIT_STATUSES = {ResolutionStatus.CANCELLED, ResolutionStatus.CARRIED_OVER}
CLOSED_STATUSES = EXPLICIT_STATUSES | {ResolutionStatus.DONE}


class ResolutionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members see every resolution of a live meeting; the public only those marked public."""
        qs = self.filter(meeting__live=True)
        if roles.is_member(user):
            return qs
        return qs.filter(is_public=True)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today).exclude(status__in=CLOSED_STATUSES)

    def owned_by(self, organisation):
        return self.filter(lines__organisation=organisation).distinct()


class Resolution(index.Indexed, models.Model):
    """A numbered decision of a meeting, with the organisations that must follow it up."""

    meeting = models.ForeignKey(
        "resolutions.MeetingPage", on_delete=models.CASCADE, related_name="resolutions",
        verbose_name=_("meeting"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), help_text=_("As adopted, in the language of the minutes."))
    language = models.CharField(_("language of the text"), max_length=10, default="fa",
                                choices=[("fa", "فارسی"), ("en", "English"), ("zh", "中文")])
    english_summary = models.TextField(_("English summary"), blank=True)
    owners = models.ManyToManyField(
        "portal.Organisation", blank=True, related_name="owned_resolutions", verbose_name=_("owners")
    )
    owned_by_all_members = models.BooleanField(
        _("all member metropolises"),
        default=False,
        help_text=_("Every active member city must follow this up; each gets its own line."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResolutionStatus.choices, default=ResolutionStatus.OPEN,
        help_text=_("Follows the owners' reports unless you set it to cancelled or carried over."),
    )
    follows_up_resolutions = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="followed_up_by",
        verbose_name=_("follows up resolutions"),
    )
    follows_up_meetings = models.ManyToManyField(
        "resolutions.MeetingPage", blank=True, related_name="followed_up_by",
        verbose_name=_("follows up meetings"),
    )
    carried_over_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_over_from",
        verbose_name=_("carried over to"),
    )
    hazards = models.ManyToManyField("portal.Hazard", blank=True, verbose_name=_("hazards"))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to the public with its status.")
    )
    internal_note = models.TextField(_("internal note"), blank=True,
                                     help_text=_("Seen by the secretariat only."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[owners], excluded_fields=["updated_at"])
    objects = ResolutionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("meeting"), FieldPanel("number")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("is_public")]),
        FieldPanel("english_summary"),
        MultiFieldPanel(
            [FieldPanel("owners"), FieldPanel("owned_by_all_members")], heading=_("Follow-up owners")
        ),
        FieldRowPanel([FieldPanel("status"), FieldPanel("due_on")]),
        MultiFieldPanel(
            [FieldPanel("follows_up_meetings"), FieldPanel("follows_up_resolutions"),
             FieldPanel("carried_over_to")],
            heading=_("Links"),
        ),
        FieldPanel("hazards"),
        FieldPanel("internal_note"),
    ]
    search_fields = [index.SearchField("text"), index.SearchField("english_summary"),
                     index.FilterField("status"), index.FilterField("meeting_id")]

    class Meta:
        ordering = ["meeting__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_resolution_number")
        ]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self):
        return _("Meeting %(meeting)s, resolution %(number)s") % {
            "meeting": local_digits(self.meeting.number), "number": local_digits(self.number),
        }

    # --- derived state -------------------------------------------------------------------

    @property
    def is_overdue(self):
        return bool(
            self.due_on and self.due_on < timezone.localdate() and self.status not in CLOSED_STATUSES
        )

    def derived_status(self):
        """The status the owners' lines imply: done when every line is done."""
        statuses = [line.status for line in self.lines.all()]
        if not statuses:
            return ResolutionStatus.OPEN
        if all(s == ResolutionStatus.DONE for s in statuses):
            return ResolutionStatus.DONE
        if any(s != ResolutionStatus.OPEN for s in statuses):
            return ResolutionStatus.IN_PROGRESS
        return ResolutionStatus.OPEN

    def refresh_status(self):
        if self.status in EXPLICIT_STATUSES:
            return
        status = self.derived_status()
        if status != self.status:
            self.status = status
            self.closed_on = timezone.localdate() if status == ResolutionStatus.DONE else None
            self.save(update_fields=["status", "closed_on", "updated_at"])

    def expected_owners(self):
        from portal.models import Organisation

        owners = set(self.owners.all())
        if self.owned_by_all_members:
            owners |= set(Organisation.objects.member_metropolises())
        return owners

    @transaction.atomic
    def sync_lines(self):
        """One follow-up line per owner; lines that already carry reports are kept."""
        from .followup import FollowUpLine

        expected = self.expected_owners()
        existing = {line.organisation: line for line in self.lines.select_related("organisation")}
        for organisation in expected - existing.keys():
            FollowUpLine.objects.create(resolution=self, organisation=organisation)
        for organisation, line in existing.items():
            if organisation not in expected and not line.reports.exists():
                line.delete()
        self.refresh_status()

    def owner_names(self):
        names = [o.name for o in self.owners.all()]
        if self.owned_by_all_members:
            names.insert(0, str(_("All member metropolises")))
        return names

    # --- permissions ---------------------------------------------------------------------

    def line_for(self, user):
        organisation = roles.organisation_of(user)
        if organisation is None:
            return None
        return self.lines.filter(organisation=organisation).first()

    def can_report(self, user):
        """The secretariat reports on anything; a city manager only on lines its city owns."""
        if roles.is_secretariat(user):
            return True
        return roles.is_city_manager(user) and self.line_for(user) is not None

    # --- carrying over -------------------------------------------------------------------

    @transaction.atomic
    def carry_over_to(self, meeting, number):
        """Re-adopt this resolution at a later meeting and mark this one carried over."""
        successor = Resolution.objects.create(
            meeting=meeting, number=number, text=self.text, language=self.language,
            english_summary=self.english_summary, owned_by_all_members=self.owned_by_all_members,
            is_public=self.is_public,
        )
        successor.owners.set(self.owners.all())
        successor.hazards.set(self.hazards.all())
        successor.follows_up_resolutions.add(self)
        successor.sync_lines()
        self.status = ResolutionStatus.CARRIED_OVER
        self.carried_over_to = successor
        self.save()
        return successor

    def get_url(self):
        return self.meeting.resolution_url(self.number)

    def get_context(self, request):
        lines = self.lines.select_related("organisation").prefetch_related(
            "reports__author", "reports__attachments"
        )
        return {"resolution": self, "lines": lines, "can_report": self.can_report(request.user)}

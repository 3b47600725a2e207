from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from portal import roles
from portal.dates import local_digits
from portal.translation_panels import TRANSLATIONS_HELP, translations_panel
from portal.translations import Translated

from .panels import ShownPanel


class ResolutionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    CARRIED_OVER = "carried_over", _("Carried over")


# Statuses the secretariat sets by hand; they are never overwritten by the owners' lines.
EXPLICIT_STATUSES = {ResolutionStatus.CANCELLED, ResolutionStatus.CARRIED_OVER}
CLOSED_STATUSES = EXPLICIT_STATUSES | {ResolutionStatus.DONE}

STATUS_RULE = _(
    "Follows the owners' follow-up lines: done when every line is done, in progress when any line has "
    "moved, open otherwise. Only the secretariat's decisions on the resolution's page (cancel, carry over "
    "to a later meeting) set it otherwise."
)


def status_from_lines(lines, today=None):
    """The one rule: (status, closed date) that the owners' lines imply.

    Done when every line is done, closed on the day the last of them was; in progress when any
    line has moved; open otherwise (and while nobody owes a line).
    """
    lines = list(lines)
    statuses = {line.status for line in lines}
    if statuses and statuses == {ResolutionStatus.DONE}:
        today = today or timezone.localdate()
        return ResolutionStatus.DONE, max(line.closed_on or today for line in lines)
    if statuses - {ResolutionStatus.OPEN}:
        return ResolutionStatus.IN_PROGRESS, None
    return ResolutionStatus.OPEN, None


TRANSLATION_FIELDS = ["persian_summary", "english_summary", "simplified_chinese_summary",
                      "traditional_chinese_summary"]


class ResolutionQuerySet(models.QuerySet):
    # Who may see which resolutions: resolutions.visibility, the one answer every channel asks.

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today).exclude(status__in=CLOSED_STATUSES)

    def owned_by(self, organisation):
        return self.filter(lines__organisation=organisation).distinct()


class Resolution(Translated, index.Indexed, models.Model):
    """A numbered decision of a meeting, with the organisations that must follow it up."""

    meeting = models.ForeignKey(
        "resolutions.MeetingPage", on_delete=models.CASCADE, related_name="resolutions",
        verbose_name=_("meeting"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), help_text=_("As adopted, in the language of the minutes."))
    language = models.CharField(_("language of the text"), max_length=10, default="fa",
                                choices=[("fa", "فارسی"), ("en", "English"), ("zh", "中文")])
    # The text in each interface language, as people wrote it (portal.translations; `text_in`).
    persian_summary = models.TextField(_("Persian summary"), blank=True)
    english_summary = models.TextField(_("English summary"), blank=True)
    simplified_chinese_summary = models.TextField(_("Simplified Chinese summary"), blank=True)
    traditional_chinese_summary = models.TextField(_("Traditional Chinese summary"), blank=True)
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
        help_text=STATUS_RULE,
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
        help_text=_("Set when the secretariat carries the resolution over on its page."),
    )
    hazards = models.ManyToManyField("portal.Hazard", blank=True, verbose_name=_("hazards"))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to the public with its status.")
    )
    internal_note = models.TextField(_("internal note"), blank=True,
                                     help_text=_("Seen by the secretariat only."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, editable=False,
        help_text=_("The day the last owner's line was done, or the day the secretariat cancelled the "
                    "resolution or carried it over."),
    )
    # Who took the secretariat's decision (cancelled, carried over), when and why; empty otherwise.
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False, verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decision_reason = models.CharField(_("reason for the decision"), max_length=200, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[owners], excluded_fields=["updated_at"])
    objects = ResolutionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("meeting"), FieldPanel("number")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("is_public")]),
        translations_panel(["summary"], heading=_("Summary in each interface language"), help_text=TRANSLATIONS_HELP),
        MultiFieldPanel(
            [FieldPanel("owners"), FieldPanel("owned_by_all_members")], heading=_("Follow-up owners")
        ),
        FieldPanel("due_on"),
        # Derived or decided elsewhere: shown, never edited here (see STATUS_RULE).
        MultiFieldPanel(
            [FieldRowPanel([ShownPanel("status"), ShownPanel("closed_on")]),
             FieldRowPanel([ShownPanel("decided_by"), ShownPanel("decided_at"), ShownPanel("decision_reason")])],
            heading=_("Status"),
        ),
        MultiFieldPanel(
            [FieldPanel("follows_up_meetings"), FieldPanel("follows_up_resolutions"),
             ShownPanel("carried_over_to")],
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

    def save(self, *args, **kwargs):
        # Every save goes through the rule: unless the secretariat decided, status and closed date
        # are the lines' (so no form, import or restore can store a status the lines contradict).
        if not self.is_decided:
            self.status, self.closed_on = (status_from_lines(self.lines_now()) if self.pk
                                           else (ResolutionStatus.OPEN, None))
            self.decided_by, self.decided_at, self.decision_reason = None, None, ""
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = set(kwargs["update_fields"]) | {
                    "status", "closed_on", "decided_by", "decided_at", "decision_reason"}
        super().save(*args, **kwargs)

    # --- derived state -------------------------------------------------------------------

    def is_overdue_on(self, today=None):
        today = today or timezone.localdate()
        return bool(self.due_on and self.due_on < today and self.status not in CLOSED_STATUSES)

    @property
    def is_overdue(self):
        return self.is_overdue_on()

    def lines_now(self):
        """The owners' lines as stored now (never a prefetched, possibly stale list)."""
        return self.lines.model._default_manager.filter(resolution_id=self.pk)

    @property
    def is_decided(self):
        return self.status in EXPLICIT_STATUSES

    def refresh_status(self):
        """Apply the rule after a line changed; saves (and records history) only when it moves."""
        if self.pk is None:
            return
        self.refresh_from_db(fields=["status", "closed_on"])
        if self.is_decided:
            return
        if status_from_lines(self.lines_now()) != (self.status, self.closed_on):
            self.save(update_fields=["status", "closed_on", "updated_at"])

    def decide(self, status, *, user=None, reason="", when=None):
        """Record one of the secretariat's decisions: who took it, when and why; closed that day."""
        if status not in EXPLICIT_STATUSES:
            raise ValueError("Only cancelling and carrying over are the secretariat's decisions.")
        when = when or timezone.now()
        self.status = status
        self.closed_on = timezone.localdate(when)
        self.decided_by = user if user is not None and user.is_authenticated else None
        self.decided_at = when
        self.decision_reason = (reason or "")[:200]

    def expected_owners(self):
        from portal.models import Organisation

        owners = set(self.owners.all())
        if self.owned_by_all_members:
            owners |= set(Organisation.objects.member_metropolises())
        return owners

    @transaction.atomic
    def sync_lines(self, remove=True):
        """One follow-up line per owner; lines that already carry reports are kept (all are, unless `remove`)."""
        from .followup import FollowUpLine

        expected = self.expected_owners()
        existing = {line.organisation: line for line in self.lines.select_related("organisation")}
        for organisation in expected - existing.keys():
            FollowUpLine.objects.create(resolution=self, organisation=organisation)
        for organisation, line in existing.items():
            if remove and organisation not in expected and not line.reports.exists():
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
    def carry_over_to(self, meeting, number, *, user=None, reason=""):
        """Re-adopt this resolution at a later meeting and mark this one carried over."""
        successor = Resolution.objects.create(
            meeting=meeting, number=number, text=self.text, language=self.language,
            **{name: getattr(self, name) for name in TRANSLATION_FIELDS},
            owned_by_all_members=self.owned_by_all_members,
            is_public=self.is_public,
        )
        successor.owners.set(self.owners.all())
        successor.hazards.set(self.hazards.all())
        successor.follows_up_resolutions.add(self)
        successor.sync_lines()
        self.decide(ResolutionStatus.CARRIED_OVER, user=user, reason=reason)
        self.carried_over_to = successor
        self.save()
        return successor

    def get_url(self):
        return self.meeting.resolution_url(self.number)

    # --- the text in the reader's language (portal.translations) -------------------------

    def original_parts(self):
        return {"summary": self.text}

    def get_context(self, request):
        return {"resolution": self, "can_report": self.can_report(request.user)}

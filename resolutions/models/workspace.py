"""What the workspace remembers per person: the last visit, and the secret address of a calendar."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

# Opening the workspace again within this time is the same visit: what was new stays new.
SAME_VISIT = timedelta(hours=1)
# A first visit shows what happened in this time.
FIRST_VISIT_LOOKS_BACK = timedelta(days=30)


class WorkspaceVisit(models.Model):
    """When a person last opened the workspace, and since when its news count."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="workspace_visit", verbose_name=_("user"))
    last_seen_at = models.DateTimeField(_("last seen"))
    news_since = models.DateTimeField(_("news since"))

    class Meta:
        verbose_name = _("workspace visit")
        verbose_name_plural = _("workspace visits")

    def __str__(self):
        return f"{self.user} · {self.last_seen_at:%Y-%m-%d %H:%M}"

    @classmethod
    def news_since_for(cls, user, now=None):
        """Record this visit; returns the moment since which things are new to this person."""
        now = now or timezone.now()
        visit = cls.objects.filter(user=user).first()
        if visit is None:
            visit = cls.objects.create(user=user, last_seen_at=now, news_since=now - FIRST_VISIT_LOOKS_BACK)
            return visit.news_since
        if now - visit.last_seen_at >= SAME_VISIT:
            visit.news_since = visit.last_seen_at
        visit.last_seen_at = now
        visit.save(update_fields=["last_seen_at", "news_since"])
        return visit.news_since


class CalendarKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def find(self, key):
        """The active key this secret belongs to, or None."""
        pk, _sep, _digest = (key or "").partition("-")
        if not pk.isdigit():
            return None
        found = self.active().select_related("user").filter(pk=int(pk)).first()
        if found is None or not constant_time_compare(found.secret, key):
            return None
        return found


class CalendarKey(models.Model):
    """A member's secret address for deadlines calendars that include internal resolutions.

    The database keeps a random salt, never the secret: the secret is a keyed hash of it, so a copy
    of the database alone opens no calendar. Revoked keys are kept (answering 404) and never revived.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_keys",
                             verbose_name=_("user"))
    salt = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = CalendarKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar key")
        verbose_name_plural = _("calendar keys")

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @property
    def secret(self):
        digest = salted_hmac("resolutions.CalendarKey", self.salt, algorithm="sha256").hexdigest()[:40]
        return f"{self.pk}-{digest}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @classmethod
    def current_for(cls, user):
        return cls.objects.active().filter(user=user).first()

    @classmethod
    def renew_for(cls, user):
        """Revoke the person's keys and make a new one (its old addresses answer 404 from now on)."""
        cls.objects.active().filter(user=user).update(revoked_at=timezone.now())
        return cls.objects.create(user=user, salt=secrets.token_urlsafe(32))

"""API tokens: how an organisation's own systems post follow-up reports without a person's login.

Only a SHA-256 hash of each token is stored; the clear token is shown once, when it is issued.
"""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A marker, not a secret: makes a leaked token easy to recognise in logs and code.
TOKEN_PREFIX = "pcm_"  # noqa: S105


def hash_token(clear):
    return hashlib.sha256(clear.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked=False)

    def find(self, clear):
        """The active token whose hash matches, or None."""
        if not clear:
            return None
        return self.active().select_related("organisation").filter(token_hash=hash_token(clear)).first()


class ApiToken(models.Model):
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What uses it, e.g. “Isfahan follow-up spreadsheet”."))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("begins with"), max_length=12, editable=False,
                            help_text=_("The first characters of the token, to recognise it."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False,
                                  help_text=_("A revoked token is refused at once and cannot be restored."))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name_en", "name"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def clean(self):
        super().clean()
        if self.pk and not self.revoked and type(self).objects.filter(pk=self.pk, revoked=True).exists():
            message = _("A revoked token is refused at once and cannot be restored.")
            raise ValidationError({"revoked": message})

    def set_new_token(self):
        """Give the token a new secret; returns the clear token, which is never stored."""
        clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.token_hash = hash_token(clear)
        self.hint = clear[: len(TOKEN_PREFIX) + 4]
        return clear

    @classmethod
    def issue(cls, organisation, name):
        """Create a token; returns (token, clear token)."""
        token = cls(organisation=organisation, name=name)
        clear = token.set_new_token()
        token.save()
        return token, clear

    def mark_used(self):
        self.last_used_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(last_used_at=self.last_used_at)

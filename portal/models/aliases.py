from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.textnorm import matching_key


class OrganisationAliasQuerySet(models.QuerySet):
    def learn(self, organisation, text, *, user=None):
        """Remember `text` as a way of writing `organisation`; a spelling already taken by another
        organisation is left with it (the secretariat removes it in the admin to move it)."""
        text = " ".join((text or "").split())
        normalised = matching_key(text)
        if not normalised:
            return None
        creator = user if user is not None and user.is_authenticated else None
        alias, _created = self.get_or_create(
            normalised=normalised, defaults={"organisation": organisation, "text": text, "created_by": creator},
        )
        return alias


class OrganisationAlias(models.Model):
    """A spelling of an organisation's name learned from minutes: the secretariat picked the
    organisation for an owner the portal did not know, so the next minutes match it."""

    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.CASCADE, related_name="learned_aliases",
        verbose_name=_("organisation"),
    )
    text = models.CharField(_("spelling"), max_length=255)
    normalised = models.CharField(
        _("normalised spelling"), max_length=255, unique=True, editable=False,
        help_text=_("Letters, digits and spaces folded, as names are compared."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, verbose_name=_("learned from"),
    )
    created_at = models.DateTimeField(_("learned on"), auto_now_add=True)

    objects = OrganisationAliasQuerySet.as_manager()

    panels = [FieldPanel("organisation"), FieldPanel("text")]

    class Meta:
        ordering = ["organisation__name_en", "organisation__name_fa", "text"]
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.text = " ".join(self.text.split())
        self.normalised = matching_key(self.text)
        super().save(*args, **kwargs)

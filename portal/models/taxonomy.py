from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import MultilingualName


class Term(MultilingualName):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]


class Hazard(Term):
    """A kind of hazard a study, experience or resolution is about (earthquake, flood…)."""

    class Meta(Term.Meta):
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")


class Phase(Term):
    """A phase of the crisis-management cycle (prevention, preparedness, response, reconstruction)."""

    class Meta(Term.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

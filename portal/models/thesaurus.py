from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The languages a concept is labelled in: Persian, Simplified and Traditional Chinese, English.
LABEL_LANGUAGES = ("fa", "zh-hans", "zh-hant", "en")
ONE_PER_LINE = _("One per line; the preferred label first.")


class ConceptGroup(models.TextChoices):
    HAZARD = "hazard", _("Hazard")
    PHASE = "phase", _("Phase")
    PRACTICE = "practice", _("Practice")
    PLAN = "plan", _("Plan or study")
    ORGANISATION = "organisation", _("Organisation")
    RESOURCE = "resource", _("Resource")
    EFFECT = "effect", _("Effect")
    COMMUNITY = "community", _("Community")


class Concept(models.Model):
    """A concept of crisis management with its labels in each language (the portal's thesaurus).

    Labels are one per line, the preferred one first, then synonyms and other spellings. Search
    recognises any of them in documents and queries, in any language (portal/thesaurus.py).
    """

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=ConceptGroup.choices, default=ConceptGroup.PRACTICE)
    labels_fa = models.TextField(_("Persian labels"), help_text=ONE_PER_LINE)
    labels_zh_hans = models.TextField(_("Simplified Chinese labels"), help_text=ONE_PER_LINE)
    labels_zh_hant = models.TextField(_("Traditional Chinese labels"), help_text=ONE_PER_LINE)
    labels_en = models.TextField(_("English labels"), help_text=ONE_PER_LINE)
    broader = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="narrower",
                                     verbose_name=_("broader concepts"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus concepts")

    def __str__(self):
        return self.slug

    def labels(self, language):
        text = getattr(self, "labels_" + language.replace("-", "_"))
        return [line.strip() for line in text.splitlines() if line.strip()]

    def all_labels(self):
        return {language: self.labels(language) for language in LABEL_LANGUAGES}

    def preferred(self, language):
        labels = self.labels(language)
        return labels[0] if labels else self.slug

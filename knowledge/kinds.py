"""The three kinds of knowledge item, by the short names URLs and forms use."""

from django.utils.translation import gettext_lazy as _

from .models import ExperienceReport, Study, TrainingExperience

KINDS = {"study": Study, "training": TrainingExperience, "report": ExperienceReport}
KIND_CHOICES = [
    ("study", _("Study")),
    ("training", _("Training experience")),
    ("report", _("Experience report")),
]

# The fields only one kind has, as the share form offers them.
KIND_DETAILS = {"study": ("study_type",), "training": ("people_trained",), "report": ("event_date",)}


def kind_of(page):
    """The short name of a page's kind ("study", "training", "report")."""
    for name, model in KINDS.items():
        if isinstance(page, model) or page.specific_class is model:
            return name
    return None

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = _("Meetings and resolutions")

    def ready(self):
        from . import signals  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self):
        from . import attachments, signals

        signals.connect()
        attachments.connect()  # attachment text in `extra_text`, re-indexing when documents change

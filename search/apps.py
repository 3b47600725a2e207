from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self):
        # The apps register what they index from their own ready() (their search.py), before or
        # after this one: signals.connect wires each type whenever it comes.
        from . import attachments, signals, text

        signals.connect()
        text.register_extra_text(attachments.attachment_text)  # attachment text in `extra_text`

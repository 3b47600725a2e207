from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from . import contributions, notices, search, signals, workspace

        signals.connect()
        contributions.register()  # its parts of the shared pages, roles, downloads and demo
        search.register()  # what the search index holds of knowledge items
        workspace.register()  # its section of the members' workspace
        notices.register()  # review e-mails send a submitter to their submission

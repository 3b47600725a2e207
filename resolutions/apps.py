from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = _("Meetings and resolutions")

    def ready(self):
        from . import contributions, search, signals
        from .models import MeetingPage
        from .views.followup import resolution_page

        signals.connect()
        MeetingPage.serve_resolutions_with(resolution_page)
        contributions.register()  # its parts of the shared pages, roles, downloads and demo
        search.register()  # what the search index holds of meetings, resolutions and reports

"""The members' workspace, under a language prefix (/fa/workspace/, …)."""

from django.urls import path

from .views import workspace

urlpatterns = [
    path("workspace/", workspace.workspace, name="workspace"),
    path("workspace/report/", workspace.report_on_lines, name="workspace_report"),
    path("workspace/calendar-key/", workspace.renew_calendar_key, name="workspace_calendar_key"),
]

"""Actions (POST only) on follow-up; their pages redirect back to the page they came from."""

from django.urls import path

from .views import followup, history

app_name = "resolutions"

urlpatterns = [
    path("follow-up/<int:line_id>/report/", followup.post_report, name="post_report"),
    path("follow-up/resolutions/<int:pk>/cancel/", followup.cancel_resolution, name="cancel"),
    path("follow-up/resolutions/<int:pk>/reopen/", followup.reopen_resolution, name="reopen"),
    path("follow-up/resolutions/<int:pk>/carry-over/", followup.carry_over_resolution, name="carry_over"),
    path("follow-up/resolutions/<int:pk>/history/<int:history_id>/restore/", history.restore_resolution,
         name="restore"),
]

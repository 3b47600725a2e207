"""Pages people read about follow-up, under a language prefix (/fa/board/, /en/minutes/9/…)."""

from django.urls import path

from .views import board, bulk, exports, history, reminders

app_name = "tracking"

urlpatterns = [
    path("board/", board.status_board, name="board"),
    path("board/bulk/", bulk.bulk_change, name="bulk_change"),
    path("account/reminders/", reminders.reminder_settings, name="reminder_settings"),
    path("resolutions/<int:pk>/history/", history.resolution_history, name="history"),
    path("resolutions/<int:pk>/history/<int:history_id>/restore/", history.restore_preview,
         name="restore_preview"),
    path("minutes/<int:number>/", exports.meeting_print, name="meeting_print"),
    path("minutes/<int:number>.csv", exports.meeting_csv, name="meeting_csv"),
    path("minutes/<int:number>.xlsx", exports.meeting_xlsx, name="meeting_xlsx"),
]

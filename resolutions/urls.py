from django.urls import path

from . import views

app_name = "resolutions"

urlpatterns = [
    path("follow-up/<int:line_id>/report/", views.post_report, name="post_report"),
]

from django.urls import path

from . import views

app_name = "knowledge"

# Included inside i18n_patterns, before Wagtail's catch-all: /<lang>/knowledge/share/ and so on.
urlpatterns = [
    path("knowledge/share/", views.share, name="share"),
    path("knowledge/mine/", views.mine, name="mine"),
    path("knowledge/mine/<int:page_id>/", views.submission, name="submission"),
    path("knowledge/mine/<int:page_id>/withdraw/", views.withdraw, name="withdraw"),
    path("start/", views.start_here, name="start_here"),
]

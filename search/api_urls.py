"""The machine interface, without language prefix: /api/search/ and /api/search/autocomplete/."""

from django.urls import path

from . import views

app_name = "search_api"

urlpatterns = [
    path("", views.search_api, name="search"),
    path("autocomplete/", views.autocomplete_api, name="autocomplete"),
]

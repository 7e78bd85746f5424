"""/api/: the documentation, then version 1. A new version gets new paths; v1's names and fields stay."""

from django.urls import path, re_path

import archive.urls  # noqa: F401  (registers <id:…>: a row id of at most 18 digits, longer is a 404 and not a 500)
from api import views
from api.answers import read_only
from search.views import search_api

app_name = "api"

urlpatterns = [
    path("", views.docs, name="docs"),
    path("v1/search/", read_only(search_api), name="v1-search"),  # the search view counts itself
    path("v1/replies/<id:pk>/", views.reply_detail, name="v1-reply"),
    path("v1/proposals/<id:pk>/", views.proposal_detail, name="v1-proposal"),
    path("v1/agencies/<id:pk>/", views.agency_detail, name="v1-agency"),
    path("v1/people/<id:pk>/", views.person_detail, name="v1-person"),
    path("v1/places/<str:code>/", views.place_detail, name="v1-place"),
    # Last: every other path under /api/ ending in a slash (without one, Django first adds it).
    re_path(r"^.+/$", views.not_found, name="not-found"),
]

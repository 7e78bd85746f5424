from django.urls import path

from search import export_views, feeds, views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("export/", export_views.export, name="export"),
    path("feed/", feeds.search_feed, name="feed"),
]

from django.urls import path

from stats import views

app_name = "stats"

urlpatterns = [
    path("", views.stats_page, name="page"),
    path("<slug:slug>.csv", views.stats_csv, name="csv"),
]

from django.urls import path

import archive.urls  # noqa: F401  (registers the "id" converter: a 20-digit id is a 404, not an overflow)
from repeats import views

app_name = "repeats"

urlpatterns = [
    path("<id:pk>/", views.group_detail, name="group"),
]

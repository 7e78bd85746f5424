from django.urls import path, register_converter
from django.urls.converters import IntConverter

from archive import views


class RowIdConverter(IntConverter):
    """A row id: at most 18 digits, so a longer one is a 404, not an integer the database overflows on (500)."""

    regex = "[0-9]{1,18}"


register_converter(RowIdConverter, "id")
app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("replies/", views.reply_list, name="reply-list"),
    path("replies/<id:pk>/", views.reply_detail, name="reply-detail"),
    path("replies/<id:pk>/original/", views.reply_original, name="reply-original"),
    path("proposals/<id:session_id>/<str:number>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<id:pk>/", views.proposal_by_id, name="proposal-by-id"),
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/<id:pk>/", views.agency_detail, name="agency-detail"),
    path("people/<id:pk>/", views.person_detail, name="person-detail"),
    path("places/", views.place_list, name="place-list"),
    path("places/<str:code>/", views.place_detail, name="place-detail"),
]

from datetime import date

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from archive import data_views, feeds, views


class RowIdConverter(IntConverter):
    """A row id: at most 18 digits, so a longer one is a 404, not an integer the database overflows on (500)."""

    regex = "[0-9]{1,18}"


class DayConverter:
    """A date as 2026-11-30; 2026-13-40 is a 404."""

    regex = "[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        return date.fromisoformat(value)  # ValueError: the URL does not match

    def to_url(self, value):
        return value.isoformat()


register_converter(RowIdConverter, "id")
register_converter(DayConverter, "day")
app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    # Atom feeds (archive/feeds.py); before the proposal pages, whose <number> would take "feed"
    path("feeds/replies/", feeds.NewestRepliesFeed(), name="feed"),
    path("proposals/<id:session_id>/<str:number>/feed/", feeds.ProposalFeed(), name="proposal-feed"),
    path("proposals/<id:pk>/feed/", feeds.ProposalFeed(), name="proposal-by-id-feed"),
    path("agencies/<id:pk>/feed/", feeds.AgencyFeed(), name="agency-feed"),
    path("people/<id:pk>/feed/", feeds.PersonFeed(), name="person-feed"),
    path("places/<str:code>/feed/", feeds.PlaceFeed(), name="place-feed"),
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
    path("data/", data_views.data_page, name="data"),
    path("data/reply-archive-<day:day>.zip", data_views.dataset_download, name="dataset-download"),
]

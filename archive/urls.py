from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("replies/", views.reply_list, name="reply-list"),
    path("replies/<int:pk>/", views.reply_detail, name="reply-detail"),
    path("replies/<int:pk>/original/", views.reply_original, name="reply-original"),
    path("proposals/<int:session_id>/<str:number>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/", views.proposal_by_id, name="proposal-by-id"),
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency-detail"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("places/", views.place_list, name="place-list"),
    path("places/<str:code>/", views.place_detail, name="place-detail"),
]

from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("", views.reply_list, name="reply-list"),
    path("replies/<int:pk>/", views.reply_detail, name="reply-detail"),
]

from django.contrib import admin
from django.urls import path

from uploads import views

app_name = "uploads"
# Admin pages (staff only, the admin's login), outside ModelAdmin: the clerk sees their own uploads, not a table.
urlpatterns = [
    path("", admin.site.admin_view(views.my_uploads), name="mine"),
    path("states.json", admin.site.admin_view(views.my_upload_states), name="states"),
]

from django.contrib import admin
from django.urls import include, path

from search.health import healthz

admin.site.site_header = "建议提案答复档案 · 管理"
admin.site.site_title = "答复档案管理"
admin.site.index_title = "档案管理"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("api/search/", include("search.api_urls")),
    path("", include("archive.urls")),
]

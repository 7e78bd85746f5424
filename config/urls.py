from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from archive.sitemaps import sitemap, sitemap_section
from search.health import healthz

admin.site.site_header = "建议提案答复档案 · 管理"
admin.site.site_title = "答复档案管理"
admin.site.index_title = "档案管理"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap-section"),
    path("admin/uploads/", include("uploads.urls")),  # before the admin's own catch-all
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("alerts/", include("alerts.urls")),
    path("stats/", include("stats.urls")),
    path("issues/", include("repeats.urls")),
    path("api/search/", include("search.api_urls")),
    path("api/", include("api.urls")),
    path("", include("archive.urls")),
]

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from core import views as core_views
from directory.sitemaps import ProviderSitemap

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("crisis/", core_views.crisis, name="crisis"),
    path("search/", content_views.search, name="search"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap, "providers": ProviderSitemap()}},
        name="sitemap",
    ),
    path("api/v1/", include("api.urls")),
    path("api/hsds/", include("api.hsds_urls")),
    path("", include("directory.urls")),
    path("", include("consultations.urls")),
    path("assessment/", include("assessments.urls")),
    path("account/", include("allauth.urls")),
    path("clinic/", include("clinics.urls")),
    path("", include("newsletter.urls")),
    path("", include("feedback.urls")),
    # One door for everyone: the site's sign-in, which asks staff for their second factor.
    path("admin/login/", RedirectView.as_view(url="/account/login/?next=/admin/")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the page tree, so its catch-all comes last.
urlpatterns.append(path("", include(wagtail_urls)))

handler500 = "core.views.server_error"

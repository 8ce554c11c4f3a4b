"""Provider profiles in the sitemap: real listings only. Demo listings are generated to show how
the site works, so search engines are kept away from them (their profiles say noindex too)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import Organization, Service


class ProviderSitemap(Sitemap):
    limit = 5000

    def items(self):
        return (
            Organization.objects.filter(is_demo=False, services__status=Service.Status.ACTIVE)
            .distinct()
            .order_by("slug")
            .only("slug", "updated_at")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        # The public address comes from SITE_URL, as for the library's pages.
        return [
            {
                "item": organization,
                "location": settings.SITE_URL
                + reverse("directory:provider", args=[organization.slug]),
                "lastmod": organization.updated_at,
                "changefreq": None,
                "priority": None,
                "alternates": [],
            }
            for organization in self.paginator.page(page).object_list
        ]

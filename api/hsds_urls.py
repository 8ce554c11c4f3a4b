"""Routes under /api/hsds/: the HSDS 3.0 read API (api.hsds) and its OpenAPI document."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import path

from api import hsds, hsds_openapi, views
from api.http import endpoint

app_name = "hsds"


@endpoint("GET")
def openapi_document(request):
    return JsonResponse(hsds_openapi.document(f"{settings.SITE_URL}/api/hsds"))


urlpatterns = [
    path("", hsds.index, name="index"),
    path("openapi.json", openapi_document, name="openapi"),
    path("services", hsds.services, name="services"),
    path("services/<str:id>", hsds.service, name="service"),
    path("organizations", hsds.organizations, name="organizations"),
    path("organizations/<str:id>", hsds.organization, name="organization"),
    path("service_at_locations", hsds.service_at_locations, name="service_at_locations"),
    path("taxonomies", hsds.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", hsds.taxonomy, name="taxonomy"),
    path("taxonomy_terms", hsds.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", hsds.taxonomy_term, name="taxonomy_term"),
    # Anything else under /api/hsds/ is a JSON 404, not a redirect to the page tree.
    path("<path:anything>", views.not_found),
]

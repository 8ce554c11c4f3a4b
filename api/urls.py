"""Routes under /api/v1/. Each endpoint module registers its own OpenAPI description."""

from django.urls import path

from api import assessments, costs, insurers, search, views

app_name = "api"

urlpatterns = [
    path("openapi.json", views.openapi_document, name="openapi"),
    path("search", search.search, name="search"),
    path("costs", costs.costs, name="costs"),
    path("insurers", insurers.insurer_list, name="insurers"),
    path("assessments/advice", assessments.advice, name="assessment_advice"),
    path("assessments/<str:instrument>/score", assessments.score, name="assessment_score"),
    # Anything else under /api/v1/ is a JSON 404, not a redirect to the page tree.
    path("<path:anything>", views.not_found),
]

from django.conf import settings
from django.http import Http404, JsonResponse

from api.http import endpoint
from api.openapi import document


@endpoint("GET")
def openapi_document(request):
    return JsonResponse(document(f"{settings.SITE_URL}/api/v1"))


def not_found(request, anything):
    """Answered as JSON by api.middleware, like every other API error."""
    raise Http404

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from api.openapi import document


@require_GET
def openapi_document(request):
    response = JsonResponse(document(f"{settings.SITE_URL}/api/v1"))
    response["Access-Control-Allow-Origin"] = "*"
    return response

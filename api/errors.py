from django.http import JsonResponse


def invalid(field: str, message: str) -> JsonResponse:
    """A 400 that names what was wrong, in the shape the OpenAPI `Error` schema describes."""
    return JsonResponse(
        {"error": "invalid_request", "field": field, "message": str(message)}, status=400
    )

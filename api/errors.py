"""Every refusal the API gives is JSON in the shape of the OpenAPI `Error` schema: what went
wrong (`error`), which part of the request (`field`) and what to do (`message`)."""

from django.http import JsonResponse

# The `error` codes, by HTTP status.
CODES = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "server_error",
}


def error(status: int, field: str, message: str, **extra) -> JsonResponse:
    body = {"error": CODES.get(status, "invalid_request"), "field": field, "message": str(message)}
    return JsonResponse({**body, **extra}, status=status)


def invalid(field: str, message: str) -> JsonResponse:
    """A 400 that names what was wrong."""
    return error(400, field, message)

"""Under /api/, every error is JSON, whatever raised it.

Views answer their own refusals as JSON (``api.errors``). What Django answers before or instead
of a view (a 404 for an unknown path, a 400 for a malformed request, a 500 for a bug, already
logged with its request id) comes back as HTML; this replaces its body with the JSON `Error`
shape, keeping the status and the headers that matter (``Allow``, ``X-Request-ID``).
"""

from django.utils.translation import gettext as _

from api.errors import error

MESSAGES = {
    400: ("request", lambda: _("The request could not be read.")),
    404: ("path", lambda: _("There is nothing at this address; see /api/v1/openapi.json.")),
    405: ("method", lambda: _("This method is not allowed here.")),
    413: ("body", lambda: _("The body is too large.")),
}


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith("/api/") or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        status = response.status_code
        if status >= 500:
            field, message = (
                "",
                _(
                    "Something went wrong on our side; it has been logged. Quote request id "
                    "%(id)s if you write to us."
                )
                % {"id": getattr(request, "id", "-")},
            )
        else:
            field, describe = MESSAGES.get(status, ("request", lambda: _("Refused.")))
            message = describe()
        replacement = error(status, field, message)
        replacement.status_code = status
        for header in ("Allow", "X-Request-ID", "Retry-After"):
            if header in response:
                replacement[header] = response[header]
        return replacement

"""Which API addresses other sites' pages may call from a browser, and with which methods.

django-cors-headers answers the preflight and adds the headers; this says per path what it
allows. Any origin may call, never with cookies (``CORS_ALLOW_CREDENTIALS`` is off and the API
sets none): POST with a JSON body to the scoring and advice endpoints under
``/api/v1/assessments/``, so a clinic's site can embed a screener; GET (and HEAD) for the search,
the OpenAPI document and the open HSDS data under ``/api/hsds/``. Nothing else on the site is
shared with other origins.
"""

import re

from corsheaders.middleware import ACCESS_CONTROL_ALLOW_METHODS, CorsMiddleware

RULES = (
    (re.compile(r"^/api/v1/assessments/"), ("POST", "OPTIONS")),
    (re.compile(r"^/api/(v1/(search|openapi\.json)$|hsds/)"), ("GET", "HEAD", "OPTIONS")),
)


def methods_for(path: str) -> tuple[str, ...] | None:
    return next((methods for pattern, methods in RULES if pattern.match(path)), None)


class ApiCorsMiddleware(CorsMiddleware):
    def is_enabled(self, request) -> bool:
        return methods_for(request.path_info) is not None

    def add_response_headers(self, request, response):
        response = super().add_response_headers(request, response)
        if ACCESS_CONTROL_ALLOW_METHODS in response:
            response[ACCESS_CONTROL_ALLOW_METHODS] = ", ".join(methods_for(request.path_info))
        return response

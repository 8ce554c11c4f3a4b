import logging
import re
import uuid

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, QueryDict

from core.logging import request_id_var

INCOMING_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# A host name is at most 253 characters; with a port, a little more.
MAX_HOST_LENGTH = 260

security_log = logging.getLogger("django.security.DisallowedHost")


class RequestIdMiddleware:
    """Gives each request an id, shown on error pages, logged, and returned as X-Request-ID.

    An id set by a proxy in front of the site is kept when it looks like one, so a request can be
    followed from the proxy's log into ours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if INCOMING_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


class HostLengthMiddleware:
    """An oversized Host header is refused before anything logs it: Django's own refusal quotes
    the header in full, so kilobytes of an attacker's choosing would land in the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.META.get("HTTP_HOST", "")
        if len(host) > MAX_HOST_LENGTH:
            security_log.warning("Refused a Host header of %d characters", len(host))
            return HttpResponseBadRequest("Bad Request", content_type="text/plain")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _holds_nul(query: QueryDict) -> bool:
    return any(NUL in key or NUL in "".join(values) for key, values in query.lists())


def _without_nul(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    cleaned._mutable = False
    return cleaned


class NulCharacterMiddleware:
    """The one place NUL characters are dealt with. Nobody types one, PostgreSQL cannot store or
    even compare text holding one (a query with it fails), and Django's form fields refuse them
    but values read straight from a query string, a form or a cookie are not checked. So they
    are removed from every query-string, form and cookie name and value before any view reads
    them, and a path holding one names nothing: 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            raise Http404("no page has a NUL character in its address")
        if _holds_nul(request.GET):
            request.GET = _without_nul(request.GET)
        posted_form = request.method == "POST" and request.content_type in FORM_TYPES
        if posted_form and _holds_nul(request.POST):
            request.POST = _without_nul(request.POST)
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            request.COOKIES = {
                key.replace(NUL, ""): value.replace(NUL, "")
                for key, value in request.COOKIES.items()
            }
        return self.get_response(request)

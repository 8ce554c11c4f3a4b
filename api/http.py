"""What every API endpoint shares: the methods it answers, and a request body read with bounds.

``endpoint("POST")`` wraps a view: no CSRF token (the API uses no cookies), OPTIONS answered
with the methods allowed, HEAD wherever GET is, and any other method a JSON 405 that lists them;
a successful GET carries an ETag, and If-None-Match with it is answered 304.
``json_object`` reads a JSON object of at most ``MAX_BODY_BYTES`` nested at most ``MAX_DEPTH``
deep, so no body can make the parser recurse without end or hold a worker's memory.
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from api.errors import error

MAX_BODY_BYTES = 16 * 1024
MAX_DEPTH = 16


def endpoint(*methods: str):
    allowed = {*methods, "OPTIONS"} | ({"HEAD"} if "GET" in methods else set())
    allow = ", ".join(sorted(allowed))

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
            elif request.method not in allowed:
                response = error(405, "method", _("Use %(allow)s.") % {"allow": allow})
            else:
                return _conditional(request, view(request, *args, **kwargs))
            response["Allow"] = allow
            return response

        return wrapped

    return decorate


def _conditional(request, response):
    """A GET's answer carries an ETag of its body; a client that sends it back in If-None-Match
    gets 304 Not Modified with no body while the answer has not changed."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if not response.streaming and not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("ETag"):  # a stream (NDJSON) is not held to be hashed
        return response
    return get_conditional_response(request, etag=response["ETag"], response=response)


class BadBody(Exception):
    def __init__(self, response: JsonResponse):
        self.response = response


def _depth(text: str) -> int:
    """How deeply arrays and objects nest in ``text``, counting only brackets outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def json_object(request) -> dict:
    """The request's JSON object, or BadBody with the JSON response that says why not."""
    if request.content_type != "application/json":
        raise BadBody(
            error(
                400,
                "Content-Type",
                _("Send the body as JSON with Content-Type: application/json."),
            )
        )
    too_large = error(
        413, "body", _("The body is too large: send at most %(bytes)d bytes.")
        % {"bytes": MAX_BODY_BYTES},
    )  # fmt: skip
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BadBody(too_large)
    try:
        raw = request.body
    except RequestDataTooBig:
        raise BadBody(too_large) from None
    if len(raw) > MAX_BODY_BYTES:
        raise BadBody(too_large)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadBody(error(400, "body", _("The body is not valid UTF-8 JSON."))) from None
    if _depth(text) > MAX_DEPTH:
        raise BadBody(
            error(
                400,
                "body",
                _("The body nests too deeply: at most %(depth)d levels.") % {"depth": MAX_DEPTH},
            )
        )
    try:
        body = json.loads(text)
    except ValueError:
        raise BadBody(error(400, "body", _("The body is not valid JSON."))) from None
    if not isinstance(body, dict):
        raise BadBody(
            error(400, "body", _('The body must be a JSON object, such as {"answers": [...]}.'))
        )
    return body

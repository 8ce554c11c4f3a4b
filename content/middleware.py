from contextvars import ContextVar

current_request = ContextVar("current_request", default=None)


class CurrentRequestMiddleware:
    """Keeps the request at hand while it is served, for Wagtail admin hooks, which are called
    without it: they need its CSP nonce (content/wagtail_hooks.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)

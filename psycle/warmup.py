"""A new server process serves one request of each page type to itself before it takes any from
people, so nobody's first request waits for templates to compile and modules to load.

gunicorn calls ``warm()`` in its master process once the application is loaded
(deploy/gunicorn.conf.py); the workers it forks then start with all of it in memory.
"""

import io
import logging
import sys

from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)


def addresses() -> list[str]:
    """One address of each kind of page people ask for first."""
    from content.models import ComparisonPage, ConditionPage, TreatmentPage
    from directory.geocode import zip_codes_with_coordinates
    from directory.models import Organization

    found = ["/", "/crisis/", "/assessment/", "/find/"]
    for model in (TreatmentPage, ConditionPage, ComparisonPage):
        page = model.objects.live().first()
        if page is not None:
            found.append(page.url)
    organization = Organization.objects.order_by("slug").first()
    if organization is not None:
        found.append(f"/providers/{organization.slug}/")
    zip_code = zip_codes_with_coordinates()[0][0]
    found += [f"/find/?near={zip_code}", f"/api/v1/search?near={zip_code}"]
    return found


def _host() -> str:
    named = [host for host in settings.ALLOWED_HOSTS if host not in ("*", "") and host[0] != "."]
    return named[0] if named else "localhost"


def _environ(address: str) -> dict:
    path, _, query = address.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": _host(),
        "SERVER_PORT": "443",
        "HTTP_HOST": _host(),
        "HTTP_X_FORWARDED_PROTO": "https",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def warm(application) -> None:
    """Serve each address once through ``application``; a failure is logged, never raised: a
    server that cannot warm up still serves."""
    statuses = []
    try:
        for address in addresses():
            result = application(_environ(address), lambda status, headers, exc=None: None)
            b"".join(result)
            getattr(result, "close", lambda: None)()
            statuses.append(address)
    except Exception:
        log.exception("Warming up failed after %d pages; serving anyway", len(statuses))
    finally:
        # The workers fork from this process: none may inherit its database connection.
        connections.close_all()
    log.info("Warmed up %d page types", len(statuses))

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.crisis import RESOURCES
from core.health import readiness
from core.pagecache import cached_for_visitors


@cached_for_visitors
@require_safe
def crisis(request):
    return render(request, "core/crisis.html", {"resources": RESOURCES, "crisis_first": True})


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = readiness()
    ready = all(outcome == "ok" for outcome in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /clinic/",
        "Disallow: /account/",
        "Disallow: /documents/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def security_txt(request):
    """RFC 9116. Expires is kept a fixed distance ahead so the file never goes stale."""
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page, rendered without touching the database, which may be what failed."""
    template = loader.get_template("500.html")
    context = {"request_id": getattr(request, "id", ""), "crisis_resources": RESOURCES}
    return HttpResponseServerError(template.render(context))

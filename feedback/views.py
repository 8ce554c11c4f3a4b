"""The "report a problem" form: linked from the foot of every library page and profile, stored
for the editors (and, for a listing, shown in the portal's verification queue)."""

import re

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core.ratelimit import Limit, client_ip
from directory.models import Organization
from feedback.forms import ProblemReportForm
from feedback.models import ProblemReport

# A path on this site: no scheme, no host, nothing a link could be turned into elsewhere.
PAGE_PATH = re.compile(r"^/(?!/)[A-Za-z0-9/_.-]{0,299}$")
PROFILE_PATH = re.compile(r"^/providers/(?P<slug>[-a-zA-Z0-9_]+)/$")


def report_limit() -> Limit:
    return Limit("problem-report-ip", settings.PSYCLE_REPORT_LIMIT_PER_IP, 60 * 60)


def _reported_page(value: str) -> tuple[str, Organization | None] | None:
    """The page a report is about and its listing, or None for an address not of this site."""
    if not PAGE_PATH.match(value or ""):
        return None
    profile = PROFILE_PATH.match(value)
    if not profile:
        return value, None
    organization = Organization.objects.filter(slug=profile["slug"]).first()
    return (value, organization) if organization else None


def _form_page(request, form, page, organization, *, status=200, limited=False):
    return render(
        request,
        "feedback/report.html",
        {
            "form": form,
            "page_path": page,
            "organization": organization,
            "limited": limited,
            "crisis_first": False,
        },
        status=status,
    )


# Like the request form and the newsletter sign-up, it sits behind a link on public pages and
# takes no CSRF token: a forged report does nothing a stranger cannot do with the form.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def report(request):
    reported = _reported_page(request.POST.get("page") or request.GET.get("page", ""))
    if reported is None:
        return render(request, "feedback/unknown_page.html", status=400)
    page, organization = reported
    if request.method == "GET":
        return _form_page(request, ProblemReportForm(), page, organization)
    form = ProblemReportForm(request.POST)
    if form.is_spam:
        return redirect(f"{reverse('feedback:thanks')}?{urlencode({'page': page})}")
    if not form.is_valid():
        return _form_page(request, form, page, organization, status=400)
    limit, key = report_limit(), client_ip(request)
    if limit.exceeded(key):
        return _form_page(request, form, page, organization, status=429, limited=True)
    with transaction.atomic():
        limit.record(key)
        ProblemReport.objects.create(
            page=page,
            organization=organization,
            kind=form.cleaned_data["kind"],
            message=form.cleaned_data["message"],
        )
    return redirect(f"{reverse('feedback:thanks')}?{urlencode({'page': page})}")


@require_safe
def thanks(request):
    reported = _reported_page(request.GET.get("page", ""))
    return render(request, "feedback/thanks.html", {"page_path": reported[0] if reported else "/"})

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from consultations import links, services
from consultations.forms import ConsultationRequestForm, DeletionLinksForm
from consultations.models import ConsultationRequest
from core.links import LinkExpired, LinkInvalid
from core.ratelimit import client_ip
from directory.models import Organization


def _organization(slug: str) -> Organization:
    return get_object_or_404(Organization.objects.prefetch_related("phones"), slug=slug)


def privacy_context() -> dict:
    return {
        "retention_days": settings.PSYCLE_REQUEST_RETENTION_DAYS,
        "max_age_days": settings.PSYCLE_REQUEST_MAX_AGE_DAYS,
    }


def _form_page(request, organization, form, *, status=200, limited=False):
    return render(
        request,
        "consultations/request.html",
        {"organization": organization, "form": form, "limited": limited, **privacy_context()},
        status=status,
    )


# Like the newsletter's sign-up, the form sits on pages anyone may open (the provider's
# profile) and needs no CSRF token, which would set a cookie on every profile: a forged
# submission can do nothing a stranger cannot do by filling in the form (docs/decisions.md).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def request_form(request, slug):
    organization = _organization(slug)
    if not organization.email:
        return render(
            request,
            "consultations/not_accepting.html",
            {"organization": organization},
            status=200 if request.method == "GET" else 400,
        )
    if request.method == "GET":
        return _form_page(request, organization, ConsultationRequestForm(organization))
    form = ConsultationRequestForm(organization, request.POST)
    if form.is_spam:
        # A robot gets the page a person would, and nothing is stored or counted.
        return redirect("consultations:sent", slug=slug)
    if not form.is_valid():
        return _form_page(request, organization, form, status=400)
    try:
        consultation = services.submit(organization, form.cleaned_data, client_ip(request))
    except services.TooManyRequests:
        return _form_page(request, organization, form, status=429, limited=True)
    # Shown once on the next page, so that someone who gave no e-mail address (and so gets no
    # confirmation) can still take the request back.
    request.session[SENT_DELETION_KEY] = links.deletion_token(consultation.pk)
    return redirect("consultations:sent", slug=slug)


SENT_DELETION_KEY = "consultation_deletion_token"


@never_cache
@require_safe
def sent(request, slug):
    token = request.session.pop(SENT_DELETION_KEY, None)
    return render(
        request,
        "consultations/sent.html",
        {
            "organization": _organization(slug),
            "deletion_path": reverse("consultations:delete", args=[token]) if token else "",
        },
    )


@require_http_methods(["GET", "POST"])
def find_for_deletion(request):
    form = DeletionLinksForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_for_deletion_links(form.cleaned_data["email"], client_ip(request))
        except services.TooManyRequests:
            return render(
                request,
                "consultations/find_for_deletion.html",
                {"form": form, "limited": True},
                status=429,
            )
        return redirect("consultations:deletion_links_sent")
    return render(
        request,
        "consultations/find_for_deletion.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require_safe
def deletion_links_sent(request):
    return render(request, "consultations/deletion_links_sent.html")


# The page shows which clinic a person wrote to: no browser or proxy may keep a copy.
@never_cache
@require_http_methods(["GET", "POST"])
def delete(request, token):
    try:
        request_id = links.request_id_from(token)
    except LinkExpired:
        return _link_problem(request, expired=True)
    except (LinkInvalid, ValueError):
        return _link_problem(request, expired=False)
    consultation = (
        ConsultationRequest.objects.select_related("organization").filter(pk=request_id).first()
    )
    if consultation is None:
        return render(request, "consultations/deleted.html", {"already": True})
    if request.method == "POST":
        services.delete(consultation.pk)
        return render(
            request, "consultations/deleted.html", {"organization": consultation.organization}
        )
    return render(request, "consultations/delete.html", {"consultation": consultation})


def _link_problem(request, expired: bool):
    return render(request, "consultations/link_problem.html", {"expired": expired}, status=400)

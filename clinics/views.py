"""The clinic portal for clinic staff: their organizations, requests and listings.

Every page is ``never_cache`` (no-store): pages with people's details are never kept by a
browser or a proxy.

Every view reads through ``clinics.access``, so another organization's request or listing is a
404. Every change goes through ``clinics.services``, which also writes the audit log.
Every view needs a signed-in person (``login_required``); the second factor is checked before
any /clinic/ view runs (``accounts.middleware``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from clinics import access, exports, services
from clinics.forms import (
    ClaimForm,
    CostOptionFormSet,
    ExportForm,
    NoteForm,
    OrganizationForm,
    ScheduleFormSet,
    ServiceForm,
    StatusForm,
    error_items,
    formset_error_items,
)
from clinics.models import Claim, Membership
from consultations.models import ConsultationRequest
from directory.models import Location, Organization

INBOX_PAGE_SIZE = 25
Status = ConsultationRequest.Status


@never_cache
@login_required
def dashboard(request):
    memberships = list(access.memberships_of(request.user))
    counts = {
        row["organization"]: row["new"]
        for row in ConsultationRequest.objects.filter(
            organization__in=[m.organization_id for m in memberships]
        )
        .values("organization")
        .annotate(new=Count("pk", filter=Q(status=Status.NEW)))
    }
    organizations = [
        {"membership": m, "organization": m.organization, "new": counts.get(m.organization_id, 0)}
        for m in memberships
    ]
    claims = Claim.objects.filter(user=request.user, status=Claim.Status.PENDING).select_related(
        "organization"
    )
    return render(
        request,
        "clinics/dashboard.html",
        {"organizations": organizations, "pending_claims": claims},
    )


@never_cache
@login_required
def inbox(request, slug):
    organization = access.organization_for(request.user, slug)
    requests = organization.consultation_requests.select_related("service")
    counts = {
        row["status"]: row["count"]
        for row in requests.values("status").annotate(count=Count("pk")).order_by()
    }
    status = request.GET.get("status", Status.NEW)
    if status not in Status.values:
        status = Status.NEW
    tabs = [
        {"value": value, "label": label, "count": counts.get(value, 0), "current": value == status}
        for value, label in Status.choices
    ]
    page = Paginator(
        requests.filter(status=status).order_by("-created_at"), INBOX_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "clinics/inbox.html",
        {"organization": organization, "tabs": tabs, "status": status, "page": page},
    )


def _detail_context(request, consultation, **forms):
    return {
        "consultation": consultation,
        "organization": consultation.organization,
        "notes": consultation.notes.select_related("author"),
        "status_form": forms.get("status_form")
        or StatusForm(initial={"status": consultation.status}),
        "note_form": forms.get("note_form") or NoteForm(),
        "errors": forms.get("errors", []),
    }


@never_cache
@login_required
def request_detail(request, pk):
    consultation = access.request_for(request.user, pk)
    services.record_request_viewed(request.user, consultation)
    return render(request, "clinics/request.html", _detail_context(request, consultation))


def _change_request(request, pk, form_class, form_name, change):
    """Handle one of the forms on a request's page: on a mistake the page again, naming it;
    otherwise ``change(consultation, cleaned_data)`` and back to the page."""
    consultation = access.request_for(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        context = _detail_context(
            request, consultation, **{form_name: form}, errors=error_items(form)
        )
        return render(request, "clinics/request.html", context, status=400)
    change(consultation, form.cleaned_data)
    return redirect("clinics:request", pk=consultation.pk)


@never_cache
@require_POST
@login_required
def request_status(request, pk):
    def change(consultation, data):
        if services.change_status(request.user, consultation, data["status"]):
            status = consultation.get_status_display()
            messages.success(request, _("Status changed to “%(status)s”.") % {"status": status})

    return _change_request(request, pk, StatusForm, "status_form", change)


@never_cache
@require_POST
@login_required
def request_note(request, pk):
    def change(consultation, data):
        services.add_note(request.user, consultation, data["body"])
        messages.success(request, _("Note saved."))

    return _change_request(request, pk, NoteForm, "note_form", change)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def export(request, slug):
    organization = access.organization_for(request.user, slug)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        status = form.cleaned_data["status"]
        requests = organization.consultation_requests.select_related("service").order_by(
            "-created_at"
        )
        if status:
            requests = requests.filter(status=status)
        requests = list(requests)
        services.record_export(request.user, organization, status, len(requests))
        response = HttpResponse(
            exports.requests_csv(requests), content_type="text/csv; charset=utf-8"
        )
        filename = f"requests-{organization.slug}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request,
        "clinics/export.html",
        {
            "organization": organization,
            "form": form,
            "errors": error_items(form) if form.is_bound else [],
        },
    )


@never_cache
@login_required
def listing(request, slug):
    organization = access.organization_for(request.user, slug, to_edit=True)
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        services.save_organization(request.user, form)
        messages.success(request, _("Listing details saved."))
        return redirect("clinics:listing", slug=organization.slug)
    return render(
        request,
        "clinics/listing.html",
        {
            "organization": organization,
            "form": form,
            "errors": error_items(form) if form.is_bound else [],
            "services": organization.services.select_related("treatment"),
            "locations": organization.locations.filter(
                location_type=Location.Type.PHYSICAL
            ).prefetch_related("schedules"),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def service_edit(request, slug, pk=None):
    organization = access.organization_for(request.user, slug, to_edit=True)
    service = get_object_or_404(organization.services, pk=pk) if pk else None
    data = request.POST if request.method == "POST" else None
    form = ServiceForm(data, instance=service, organization=organization)
    prices = CostOptionFormSet(data, instance=service or form.instance, prefix="prices")
    if data is not None and form.is_valid() and prices.is_valid():
        saved = services.save_service(request.user, organization, form, prices)
        messages.success(
            request,
            _("“%(name)s” saved. Its prices, protocol and availability show as confirmed today.")
            % {"name": saved.name},
        )
        return redirect("clinics:listing", slug=organization.slug)
    errors = []
    if data is not None:
        errors = error_items(form) + formset_error_items(prices, _("Prices"))
    return render(
        request,
        "clinics/service_form.html",
        {
            "organization": organization,
            "service": service,
            "form": form,
            "prices": prices,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def location_hours(request, slug, pk):
    organization = access.organization_for(request.user, slug, to_edit=True)
    location = get_object_or_404(organization.locations, pk=pk)
    hours = ScheduleFormSet(request.POST or None, instance=location, prefix="hours")
    if request.method == "POST" and hours.is_valid():
        services.save_hours(request.user, organization, location, hours)
        messages.success(request, _("Opening hours of %(place)s saved.") % {"place": location.name})
        return redirect("clinics:listing", slug=organization.slug)
    errors = formset_error_items(hours, _("Hours")) if hours.is_bound else []
    return render(
        request,
        "clinics/hours_form.html",
        {"organization": organization, "location": location, "hours": hours, "errors": errors},
        status=400 if errors else 200,
    )


@never_cache
@login_required
def claim_search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = []
    if query:
        results = (
            Organization.objects.filter(is_demo=False)
            .filter(Q(name__icontains=query) | Q(npi=query) | Q(slug__icontains=query))
            .order_by("name")[:20]
        )
    return render(request, "clinics/claim_search.html", {"query": query, "results": results})


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def claim(request, slug):
    organization = get_object_or_404(Organization, slug=slug, is_demo=False)
    member = Membership.objects.filter(user=request.user, organization=organization).exists()
    pending = Claim.objects.filter(
        user=request.user, organization=organization, status=Claim.Status.PENDING
    ).exists()
    form = ClaimForm(request.POST or None, organization=organization)
    can_claim = bool(organization.npi) and not member and not pending
    if request.method == "POST" and can_claim and form.is_valid():
        services.submit_claim(
            request.user,
            organization,
            form.cleaned_data["npi"],
            form.cleaned_data["role_at_clinic"],
        )
        messages.success(
            request,
            _(
                "Thank you. An administrator will check your claim of %(name)s and write to you "
                "when it is decided."
            )
            % {"name": organization.name},
        )
        return redirect("clinics:dashboard")
    errors = error_items(form) if form.is_bound else []
    return render(
        request,
        "clinics/claim.html",
        {
            "organization": organization,
            "form": form,
            "errors": errors,
            "member": member,
            "pending": pending,
            "can_claim": can_claim,
        },
        status=400 if errors else 200,
    )

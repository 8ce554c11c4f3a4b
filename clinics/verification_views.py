"""The administrators' pages in the portal: the verification queue and the audit log."""

from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from clinics import access, services
from clinics.forms import RejectClaimForm, error_items
from clinics.models import Claim
from directory.models import Organization
from feedback.models import ProblemReport

AUDIT_PAGE_SIZE = 50
QUEUE_PAGE_SIZE = 25


def _queue_context(request, rejected=None, **extra):
    """The pending claims, each with its own form to give a reason (``rejected`` is one that
    came back with an error), and the listings no one has verified yet."""
    claims = [
        (
            claim,
            rejected
            if rejected and rejected.prefix == f"reject-{claim.pk}"
            else RejectClaimForm(prefix=f"reject-{claim.pk}"),
        )
        for claim in Claim.objects.filter(status=Claim.Status.PENDING).select_related(
            "organization", "user"
        )
    ]
    listings = (
        Organization.objects.filter(
            is_demo=False, verification=Organization.Verification.UNVERIFIED
        )
        .annotate(staff=Count("memberships", distinct=True))
        .order_by("-staff", "name")
    )
    reports = ProblemReport.objects.filter(
        organization__isnull=False, status=ProblemReport.Status.NEW
    ).select_related("organization")
    return {
        "claims": claims,
        "reports": reports[:QUEUE_PAGE_SIZE],
        "listings": Paginator(listings, QUEUE_PAGE_SIZE).get_page(request.GET.get("page")),
        "errors": [],
        **extra,
    }


@never_cache
@access.administrator_required
def queue(request):
    return render(request, "clinics/admin/queue.html", _queue_context(request))


@never_cache
@require_POST
@access.administrator_required
def claim_decision(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    if request.POST.get("decision") == "approve":
        if services.approve_claim(request.user, claim.pk):
            messages.success(
                request,
                _("Approved: %(email)s now manages %(name)s, and has been told by e-mail.")
                % {"email": claim.user.email, "name": claim.organization.name},
            )
        else:
            messages.info(request, _("That claim had already been decided."))
        return redirect("clinics:queue")
    form = RejectClaimForm(request.POST, prefix=f"reject-{claim.pk}")
    if not form.is_valid():
        context = _queue_context(request, rejected=form, errors=error_items(form))
        return render(request, "clinics/admin/queue.html", context, status=400)
    if services.reject_claim(request.user, claim.pk, form.cleaned_data["reason"]):
        messages.success(
            request,
            _("Not approved; %(email)s has been told why by e-mail.") % {"email": claim.user.email},
        )
    else:
        messages.info(request, _("That claim had already been decided."))
    return redirect("clinics:queue")


@never_cache
@require_POST
@access.administrator_required
def listing_verification(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    verified = request.POST.get("decision") == "verify"
    services.set_verification(request.user, organization, verified)
    if verified:
        messages.success(
            request, _("%(name)s is marked as verified.") % {"name": organization.name}
        )
    else:
        messages.success(
            request, _("%(name)s is marked as failing verification.") % {"name": organization.name}
        )
    return redirect("clinics:queue")


class AuditFilterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organization"),
        queryset=Organization.objects.filter(audit_events__isnull=False).distinct(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All"),
    )
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[("", gettext_lazy("All")), *AuditEvent.Action.choices],
        required=False,
    )
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", gettext_lazy("The end date must not be before the start date."))
        return cleaned


@never_cache
@access.administrator_required
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("organization")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["organization"]:
            events = events.filter(organization=data["organization"])
        if data["action"]:
            events = events.filter(action=data["action"])
        zone = timezone.get_current_timezone()
        if data["start"]:
            events = events.filter(created_at__gte=datetime.combine(data["start"], time.min, zone))
        if data["end"]:
            events = events.filter(created_at__lte=datetime.combine(data["end"], time.max, zone))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "clinics/admin/audit_log.html",
        {
            "form": form,
            "errors": error_items(form) if form.is_bound else [],
            "page": Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query.urlencode(),
        },
    )

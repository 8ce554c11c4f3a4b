"""What the portal does, each step in one transaction and each written to the audit log.

Views, commands and tests call these; none of them takes a request object.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit import log
from audit.models import AuditEvent
from clinics import tasks
from clinics.models import Claim, Membership, RequestNote
from core.tasks import enqueue_on_commit
from directory import indexing, provenance
from directory.models import (
    Insurer,
    Organization,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
    TaxonomyTerm,
)

Action = AuditEvent.Action
Target = AuditEvent.TargetType


def record_request_viewed(user, consultation) -> None:
    log.record(
        user,
        Action.REQUEST_VIEWED,
        Target.REQUEST,
        consultation.pk,
        organization=consultation.organization,
    )


@transaction.atomic
def change_status(user, consultation, status: str) -> bool:
    """Set a request's status; False (and nothing written) when it already has it."""
    previous = consultation.status
    if previous == status:
        return False
    consultation.set_status(status)
    log.record(
        user,
        Action.REQUEST_STATUS_CHANGED,
        Target.REQUEST,
        consultation.pk,
        organization=consultation.organization,
        old=previous,
        new=status,
    )
    return True


@transaction.atomic
def add_note(user, consultation, body: str) -> RequestNote:
    note = RequestNote.objects.create(consultation=consultation, author=user, body=body)
    log.record(
        user,
        Action.NOTE_ADDED,
        Target.REQUEST,
        consultation.pk,
        organization=consultation.organization,
        note=note.pk,
    )
    return note


def record_export(user, organization, status: str, count: int) -> None:
    log.record(
        user,
        Action.REQUESTS_EXPORTED,
        Target.ORGANIZATION,
        organization.pk,
        organization=organization,
        status=status or "all",
        rows=count,
    )


@transaction.atomic
def save_organization(user, form) -> None:
    organization = form.save()
    provenance.record_clinic_edit(organization, form.changed_data)
    log.record(
        user,
        Action.LISTING_EDITED,
        Target.ORGANIZATION,
        organization.pk,
        organization=organization,
        fields=sorted(form.changed_data),
    )


def _touch(organization: Organization) -> None:
    """A change to a service or to opening hours changes the listing: its organization's
    updated_at is what /api/hsds/ gives as last_modified and reads for modified_after."""
    Organization.objects.filter(pk=organization.pk).update(updated_at=timezone.now())


@transaction.atomic
def save_service(user, organization: Organization, form, prices):
    """Save a service, its terms, places and prices; everything shown is confirmed as of today,
    and the finder's search rows are rebuilt before the transaction commits."""
    today = timezone.localdate()
    created = form.instance.pk is None
    service = form.save(commit=False)
    service.organization = organization
    service.accepting_confirmed_on = today
    service.protocol_confirmed_on = today
    service.save()

    facet_codes = list(form.FACETS)
    ServiceAttribute.objects.filter(
        service=service, taxonomy_term__taxonomy__in=facet_codes
    ).delete()
    terms = {
        (term.taxonomy, term.code): term
        for term in TaxonomyTerm.objects.filter(taxonomy__in=facet_codes)
    }
    ServiceAttribute.objects.bulk_create(
        ServiceAttribute(service=service, taxonomy_term=terms[pair], confirmed_on=today)
        for pair in form.chosen_terms()
    )
    _save_insurers(service, form.chosen_insurers(), today)

    states = form.cleaned_data["service_areas"] if service.is_remote else []
    service.service_areas.exclude(state__in=states).delete()
    have = set(service.service_areas.values_list("state", flat=True))
    ServiceArea.objects.bulk_create(
        ServiceArea(service=service, state=state) for state in states if state not in have
    )

    locations = list(form.cleaned_data["locations"])
    service.at_locations.exclude(location__in=locations).delete()
    here = set(service.at_locations.values_list("location_id", flat=True))
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=service, location=location)
        for location in locations
        if location.pk not in here
    )

    prices.instance = service
    for price in prices.save(commit=False):
        price.confirmed_on = today
        price.save()
    for price in prices.deleted_objects:
        price.delete()
    service.cost_options.update(confirmed_on=today)

    indexing.reindex_services([service.pk])
    _touch(organization)
    provenance.record_clinic_edit(organization, ["services"])
    changed = sorted(set(form.changed_data) | ({"prices"} if prices.has_changed() else set()))
    log.record(
        user,
        Action.LISTING_EDITED,
        Target.SERVICE,
        service.pk,
        organization=organization,
        created=created,
        fields=changed,
    )
    return service


def _save_insurers(service, chosen: list[tuple[str, str]], today) -> None:
    """The carriers (and plans) the service takes, all confirmed as of today."""
    service.insurer_links.all().delete()
    carriers = {insurer.slug: insurer for insurer in Insurer.objects.all()}
    ServiceInsurer.objects.bulk_create(
        ServiceInsurer(service=service, insurer=carriers[slug], plan=plan, confirmed_on=today)
        for slug, plan in chosen
    )


@transaction.atomic
def save_hours(user, organization: Organization, location, hours) -> None:
    hours.save()
    _touch(organization)
    provenance.record_clinic_edit(organization, ["hours"])
    log.record(
        user,
        Action.LISTING_EDITED,
        Target.LOCATION,
        location.pk,
        organization=organization,
        fields=["hours"],
    )


@transaction.atomic
def submit_claim(user, organization: Organization, npi: str, role_at_clinic: str) -> Claim:
    """File a claim; a second submission (a double click, two tabs) gives back the pending one."""
    try:
        with transaction.atomic():
            claim = Claim.objects.create(
                organization=organization, user=user, npi=npi, role_at_clinic=role_at_clinic
            )
    except IntegrityError:  # one_pending_claim_each: another request filed it a moment ago
        return Claim.objects.get(organization=organization, user=user, status=Claim.Status.PENDING)
    log.record(user, Action.CLAIM_SUBMITTED, Target.CLAIM, claim.pk, organization=organization)
    return claim


@transaction.atomic
def approve_claim(administrator, claim_id) -> Claim | None:
    """Approve a pending claim: the claimant joins the clinic's staff as its manager. None when
    the claim was decided already (by another administrator, or a second click)."""
    claim = _decide(administrator, claim_id, Claim.Status.APPROVED)
    if claim is not None:
        Membership.objects.update_or_create(
            user=claim.user,
            organization=claim.organization,
            defaults={"role": Membership.Role.MANAGER},
        )
    return claim


@transaction.atomic
def reject_claim(administrator, claim_id, reason: str) -> Claim | None:
    """Turn a pending claim down with the reason the claimant will read; None if decided."""
    return _decide(administrator, claim_id, Claim.Status.REJECTED, reason)


def _decide(administrator, claim_id, status: str, reason: str = "") -> Claim | None:
    """Record the decision on a claim still pending (locked, so only one decision counts), log
    it, and tell the claimant once it commits."""
    claim = (
        Claim.objects.select_for_update()
        .select_related("organization", "user")
        .filter(pk=claim_id, status=Claim.Status.PENDING)
        .first()
    )
    if claim is None:
        return None
    claim.status = status
    claim.reason = reason
    claim.decided_by = administrator
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    log.record(
        administrator,
        Action.CLAIM_APPROVED if status == Claim.Status.APPROVED else Action.CLAIM_REJECTED,
        Target.CLAIM,
        claim.pk,
        organization=claim.organization,
        claimant=claim.user_id,
    )
    enqueue_on_commit(tasks.send_claim_decision, str(claim.pk))
    return claim


@transaction.atomic
def set_verification(administrator, organization: Organization, verified: bool) -> None:
    """Record an administrator's check of a listing; the finder shows it at once."""
    organization.verification = (
        Organization.Verification.VERIFIED if verified else Organization.Verification.REJECTED
    )
    organization.verified_by = administrator
    organization.verified_by_name = administrator.get_full_name() or administrator.email
    organization.verified_on = timezone.localdate()
    organization.save(
        update_fields=[
            "verification",
            "verified_by",
            "verified_by_name",
            "verified_on",
            "updated_at",
        ]
    )
    indexing.reindex_services(organization.services.values_list("pk", flat=True))
    log.record(
        administrator,
        Action.LISTING_VERIFIED if verified else Action.LISTING_VERIFICATION_FAILED,
        Target.ORGANIZATION,
        organization.pk,
        organization=organization,
    )

"""Who works for which clinic, and who has asked to."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationRequest
from core.crypto import EncryptedTextField
from directory.models import Organization


class Membership(models.Model):
    """A person's place on a clinic's staff. One person may work for several clinics."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager: requests and the listing")
        STAFF = "staff", _("Staff: requests only")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MANAGER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} at {self.organization} ({self.get_role_display()})"

    @property
    def can_edit_listing(self) -> bool:
        return self.role == self.Role.MANAGER


class Claim(models.Model):
    """Someone asks to manage a listing, giving its NPI; an administrator decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_claims"
    )
    npi = models.CharField("NPI", max_length=10)
    role_at_clinic = models.CharField(
        max_length=120, help_text=_("What the claimant does there, e.g. 'Practice manager'.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text=_("Why a claim was not approved."))

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_each",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reason=""),
                name="rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"Claim of {self.organization} by {self.user}"


class RequestNote(models.Model):
    """A clinic's own note on a request ("Left a voicemail"), encrypted like the request, and
    deleted with it."""

    consultation = models.ForeignKey(
        ConsultationRequest, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="note_has_body")]

    def __str__(self):
        # Never the body: this string can end up in logs.
        return f"Note {self.pk} on request {self.consultation_id}"

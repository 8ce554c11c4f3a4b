"""The audit log: one row per time someone viewed or changed a request or a listing.

Rows hold ids and labels, never what a seeker wrote or their contact details: the log must be
safe to show to every administrator and to keep for longer than the requests themselves. The
target is an id, not a foreign key, so a row outlives the request it speaks of.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models import Organization


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        REQUEST_VIEWED = "request.viewed", _("Viewed a request")
        REQUEST_STATUS_CHANGED = "request.status_changed", _("Changed a request's status")
        NOTE_ADDED = "request.note_added", _("Added a note to a request")
        REQUESTS_EXPORTED = "requests.exported", _("Exported requests as CSV")
        LISTING_EDITED = "listing.edited", _("Edited a listing")
        CLAIM_SUBMITTED = "claim.submitted", _("Claimed a listing")
        CLAIM_APPROVED = "claim.approved", _("Approved a claim")
        CLAIM_REJECTED = "claim.rejected", _("Rejected a claim")
        LISTING_VERIFIED = "listing.verified", _("Verified a listing")
        LISTING_VERIFICATION_FAILED = "listing.verification_failed", _("Failed a listing's check")

    class TargetType(models.TextChoices):
        REQUEST = "request", _("Request")
        ORGANIZATION = "organization", _("Listing")
        SERVICE = "service", _("Service")
        LOCATION = "location", _("Location")
        CLAIM = "claim", _("Claim")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # Who it was, kept if their account is later deleted.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    target_type = models.CharField(max_length=20, choices=TargetType.choices)
    target_id = models.CharField(max_length=64)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # What changed, in ids, field names and statuses: never a seeker's words or contact details.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="audit_org_time"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

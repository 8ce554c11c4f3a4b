"""A seeker's request for a consultation with a provider.

A request is committed first, then delivered: the clinic is told by e-mail that a request is
waiting (the e-mail carries none of its contents; staff read it in the clinic portal), and the
seeker is sent a confirmation. Each of the two e-mails has its own delivery state, claimed by a
conditional UPDATE (``consultations.delivery``). Name, e-mail, phone and message are encrypted at
rest; ``email_hash`` finds a seeker's requests by address without storing it in clear.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from directory.models import STATE_CHOICES


class ConsultationRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        SCHEDULED = "scheduled", _("Scheduled")
        CLOSED = "closed", _("Closed")

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")

    class ContactTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    class Delivery(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")
        NOT_NEEDED = "not_needed", _("Nothing to send")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="consultation_requests"
    )
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_requests",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.NEW, db_index=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    # What the seeker told us: encrypted at rest (core.crypto). Phone numbers are E.164.
    name = EncryptedTextField()
    email = EncryptedTextField(blank=True)
    phone = EncryptedTextField(blank=True)
    message = EncryptedTextField(blank=True)
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    preferred_contact = models.CharField(max_length=8, choices=ContactMethod)
    preferred_time = models.CharField(max_length=12, choices=ContactTime, default=ContactTime.ANY)
    state = models.CharField(max_length=2, choices=STATE_CHOICES)
    consent_at = models.DateTimeField()
    privacy_notice_version = models.CharField(max_length=20)

    # The clinic's notice that a request is waiting.
    clinic_notice_status = models.CharField(
        max_length=16, choices=Delivery, default=Delivery.PENDING, db_index=True
    )
    clinic_notice_attempts = models.PositiveIntegerField(default=0)
    clinic_notice_claimed_at = models.DateTimeField(null=True, blank=True)
    clinic_notice_retry_at = models.DateTimeField(null=True, blank=True)
    clinic_notice_sent_at = models.DateTimeField(null=True, blank=True)

    # The seeker's confirmation (only when they gave an e-mail address).
    confirmation_status = models.CharField(
        max_length=16, choices=Delivery, default=Delivery.PENDING, db_index=True
    )
    confirmation_attempts = models.PositiveIntegerField(default=0)
    confirmation_claimed_at = models.DateTimeField(null=True, blank=True)
    confirmation_retry_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(email="") & models.Q(phone="")),
                name="consultation_request_has_email_or_phone",
            ),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="consultation_request_has_name"
            ),
        ]

    def __str__(self):
        # Never the seeker's name: this string can end up in logs and admin messages.
        return f"Consultation request {self.pk}"

    def set_status(self, status: str, *, save: bool = True) -> None:
        """Change the status, recording when; ``closed_at`` is kept only while closed."""
        now = timezone.now()
        self.status = status
        self.status_changed_at = now
        self.closed_at = now if status == self.Status.CLOSED else None
        if save:
            self.save(update_fields=["status", "status_changed_at", "closed_at", "updated_at"])

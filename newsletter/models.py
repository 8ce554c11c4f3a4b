from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """What a subscriber can choose to hear about. Each value is also a field of Subscriber."""

    RESEARCH_NEWS = "research_news", _("Research news")
    TREATMENT_GUIDES = "treatment_guides", _("Treatment guides")
    PROVIDERS_NEAR_ME = "providers_near_me", _("New providers near me")


# What the footer form signs people up for; they can change it when they confirm.
DEFAULT_TOPICS = (Topic.RESEARCH_NEWS.value, Topic.TREATMENT_GUIDES.value)


class SubscriberQuerySet(models.QuerySet):
    def receiving(self, topic: str):
        """Those a campaign on ``topic`` goes to: confirmed, not suppressed, topic chosen."""
        return self.filter(
            status=Subscriber.Status.SUBSCRIBED, suppressed_at__isnull=True, **{topic: True}
        )

    def suppress(self, reason: str) -> int:
        """Stop all mail to these addresses (a bounce or a complaint); returns how many."""
        return self.filter(suppressed_at__isnull=True).update(
            suppressed_at=timezone.now(), suppressed_reason=reason
        )


class Subscriber(models.Model):
    """One e-mail address. It gets campaigns only once confirmed, and never while suppressed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        SUBSCRIBED = "subscribed", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    class Suppression(models.TextChoices):
        BOUNCED = "bounced", _("bounced")
        COMPLAINED = "complained", _("marked as spam")

    # Stored normalised (trimmed, lower case), so the unique key catches the same address
    # typed twice; the check constraint keeps every writer to that rule.
    email = models.EmailField(_("e-mail address"), unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    research_news = models.BooleanField(_("research news"), default=False)
    treatment_guides = models.BooleanField(_("treatment guides"), default=False)
    providers_near_me = models.BooleanField(_("new providers near me"), default=False)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    suppressed_at = models.DateTimeField(_("suppressed"), null=True, blank=True)
    suppressed_reason = models.CharField(
        _("why suppressed"), max_length=20, choices=Suppression, blank=True
    )
    # When we last wrote to the address because someone used the sign-up form, so the form
    # cannot be used to flood a stranger's inbox.
    last_asked_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="newsletter_subscriber_email_normalised"
            ),
            models.CheckConstraint(
                condition=Q(providers_near_me=False) | ~Q(zip_code=""),
                name="newsletter_subscriber_zip_for_providers_near_me",
            ),
            models.CheckConstraint(
                condition=Q(status="pending")
                | Q(status="unsubscribed")
                | Q(status="subscribed", confirmed_at__isnull=False),
                name="newsletter_subscriber_confirmed_when_subscribed",
            ),
        ]

    def __str__(self):
        return f"subscriber {self.pk}"

    @property
    def topics(self) -> list[str]:
        return [topic for topic in Topic.values if getattr(self, topic)]


class ConsentRecord(models.Model):
    """Proof of consent: what the person saw, on which form, when, and when they confirmed."""

    class Form(models.TextChoices):
        FOOTER = "footer", _("footer of every page")
        SUBSCRIBE_PAGE = "subscribe_page", _("the subscribe page")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    form_name = models.CharField(_("form"), max_length=20, choices=Form)
    consent_text = models.TextField(_("consent text shown"))
    consent_version = models.CharField(_("consent text version"), max_length=20)
    topics = models.JSONField(_("topics asked for"))
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")

    def __str__(self):
        return f"consent {self.pk}"


class Campaign(models.Model):
    """A newsletter issue an editor writes, previews, tests and schedules."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    subject = models.CharField(_("subject"), max_length=150)
    topic = models.CharField(
        _("topic"),
        max_length=30,
        choices=Topic,
        help_text=_("Only subscribers who chose this topic receive the campaign."),
    )
    # Plain text with a few conventions rather than Wagtail's rich-text editor, which injects
    # <style> elements our Content Security Policy blocks (docs/decisions.md).
    body = models.TextField(
        _("body"),
        help_text=_(
            "Separate paragraphs with a blank line. Start a line with “## ” for a heading or "
            "“- ” for a list item. Web addresses (https://…) become links."
        ),
    )
    send_at = models.DateTimeField(
        _("send at"),
        null=True,
        blank=True,
        help_text=_(
            "When sending starts, in the time zone of your account settings (UTC unless you "
            "chose one). Save, then schedule the campaign from its Review and send page."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    started_at = models.DateTimeField(_("sending started"), null=True, editable=False)
    finished_at = models.DateTimeField(_("sending finished"), null=True, editable=False)

    class Meta:
        verbose_name = _("campaign")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    def clean(self):
        if self.status != self.Status.DRAFT:
            raise ValidationError(
                _("A campaign can be changed only as a draft: unschedule it first.")
            )


class Delivery(models.Model):
    """One campaign to one subscriber. The unique key means a row, and so a send, at most once.

    A worker claims a row by moving it from pending to sending in one conditional UPDATE, and
    marks it sent once the mail server has accepted the message. A row still "sending" after
    NEWSLETTER_CLAIM_TIMEOUT belonged to a worker that stopped: it becomes "unknown" and is
    never sent again automatically (docs/decisions.md).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("refused by the mail server")
        UNKNOWN = "unknown", _("unknown: interrupted while sending")
        SKIPPED = "skipped", _("skipped: no longer subscribed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The mail server's reply code, never its text, which may quote the address.
    error = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subscriber"], name="newsletter_delivery_once_per_subscriber"
            ),
            models.CheckConstraint(
                condition=~Q(status="sending")
                | Q(claim_token__isnull=False, claimed_at__isnull=False),
                name="newsletter_delivery_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="newsletter_delivery_sent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"delivery {self.pk}"

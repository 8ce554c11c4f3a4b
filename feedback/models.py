"""What a reader reports: which page (and listing, if it is a provider's profile), what kind of
problem, and their words. No name, address or IP address is asked for or kept."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models import Organization

MESSAGE_MAX_LENGTH = 2000


class ProblemReport(models.Model):
    class Kind(models.TextChoices):
        WRONG = "wrong", _("Something is wrong or out of date")
        UNCLEAR = "unclear", _("Something is hard to understand")
        BROKEN = "broken", _("Something does not work")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        DONE = "done", _("Dealt with")

    page = models.CharField(_("page"), max_length=300, help_text=_("The address path reported."))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("listing"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="problem_reports",
    )
    kind = models.CharField(_("kind of problem"), max_length=10, choices=Kind.choices)
    message = models.TextField(_("what the reader wrote"), max_length=MESSAGE_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("problem report")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page}"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.instruments import INSTRUMENTS
from assessments.scoring import BAND_CODES
from core.crypto import EncryptedJSONField

INSTRUMENT_CHOICES = [(code, instrument.name) for code, instrument in INSTRUMENTS.items()]


class SavedResult(models.Model):
    """One questionnaire a signed-in person chose to keep, so they can follow it over time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_results"
    )
    instrument = models.CharField(_("questionnaire"), max_length=16, choices=INSTRUMENT_CHOICES)
    # Encrypted at rest like contact details: the answers include the self-harm question.
    answers = EncryptedJSONField(_("answers"))
    total = models.PositiveSmallIntegerField(_("total"))
    band = models.CharField(_("band"), max_length=24)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved result")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    *(
                        models.Q(instrument=code, total__lte=instrument.maximum_total)
                        for code, instrument in INSTRUMENTS.items()
                    ),
                    _connector=models.Q.OR,
                ),
                name="saved_result_total_within_its_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    *(
                        models.Q(instrument=code, band__in=list(bands))
                        for code, bands in BAND_CODES.items()
                    ),
                    _connector=models.Q.OR,
                ),
                name="saved_result_band_belongs_to_its_questionnaire",
            ),
        ]
        indexes = [models.Index(fields=["user", "instrument", "created_at"])]

    def __str__(self):
        return f"{self.instrument} {self.total} ({self.band})"


class SaveConsent(models.Model):
    """When a person chose to have their answers kept, and the words they agreed to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="save_consents"
    )
    statement = models.TextField(_("statement agreed to"))
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent to keep results")

    def __str__(self):
        return f"consent {self.given_at:%Y-%m-%d}"

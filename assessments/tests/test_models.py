"""The database refuses a saved result that could not have come from its questionnaire."""

import pytest
from django.db import IntegrityError, transaction

from assessments.models import SavedResult

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("instrument", "total", "band"),
    [
        ("phq9", 28, "severe"),
        ("gad7", 22, "severe"),
        ("pc-ptsd-5", 6, "positive"),
        ("phq9", 9, "positive"),
        ("gad7", 15, "moderately_severe"),
        ("bdi", 1, "mild"),
    ],
)
def test_impossible_results_are_refused(seeker, instrument, total, band):
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedResult.objects.create(
            user=seeker, instrument=instrument, answers={}, total=total, band=band
        )


def test_a_possible_result_is_kept(seeker):
    SavedResult.objects.create(
        user=seeker, instrument="pcl5", answers={}, total=80, band="positive"
    )
    assert SavedResult.objects.get().total == 80

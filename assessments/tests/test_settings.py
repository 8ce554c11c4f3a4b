"""The cut-points the self-assessment uses are settings, limited to the validated values."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.tests.processes import settings_under


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PC_PTSD_5_CUT_POINT", "5", "PC_PTSD_5_CUT_POINT must be at most 4, not 5."),
        ("PC_PTSD_5_CUT_POINT", "2", "PC_PTSD_5_CUT_POINT must be at least 3, not 2."),
        ("PCL5_CUT_POINT", "40", "PCL5_CUT_POINT must be at most 33, not 40."),
    ],
)
def test_a_cut_point_outside_the_validated_range_stops_start_up(tmp_path, name, value, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_under(**{name: value}, PSYCLE_VAR_DIR=str(tmp_path))
    assert message in str(refused.value)

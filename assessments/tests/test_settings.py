"""The cut-points the self-assessment uses are settings, limited to the validated values."""

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PC_PTSD_5_CUT_POINT", "5", "PC_PTSD_5_CUT_POINT must be at most 4, not 5."),
        ("PC_PTSD_5_CUT_POINT", "2", "PC_PTSD_5_CUT_POINT must be at least 3, not 2."),
        ("PCL5_CUT_POINT", "40", "PCL5_CUT_POINT must be at most 33, not 40."),
    ],
)
def test_a_cut_point_outside_the_validated_range_stops_start_up(name, value, message):
    finished = subprocess.run(
        [sys.executable, "-c", "import psycle.settings"],
        env={**os.environ, name: value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode != 0
    assert message in finished.stderr

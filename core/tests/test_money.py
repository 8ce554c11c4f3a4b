from decimal import Decimal

import pytest

from core.templatetags.psycle import money


@pytest.mark.parametrize(
    ("amount", "places", "shown"),
    [
        (1075, None, "$1,075"),
        (Decimal("2280.00"), None, "$2,280"),
        (Decimal("129.5"), None, "$129.50"),
        (612.5, 0, "$613"),
        (99, 0, "$99"),
        (1234567, None, "$1,234,567"),
        (0, None, "$0"),
        (None, None, ""),
    ],
)
def test_money_is_written_the_one_way(amount, places, shown):
    assert money(amount, places) == shown

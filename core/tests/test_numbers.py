from decimal import Decimal

import pytest

from core.numbers import decimal_number, whole_number


def test_whole_numbers_are_ascii_digits_with_an_optional_minus():
    assert whole_number("0") == 0
    assert whole_number("-25") == -25
    assert whole_number("0042") == 42


@pytest.mark.parametrize(
    "text",
    ["", " 1", "1 ", "+1", "1.0", "1e3", "\u00b2", "\u0663", "\uff13", "1_000", "9" * 19, "--1"],
)
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError):
        whole_number(text)


def test_decimals_have_at_most_one_point():
    assert decimal_number("450.00") == Decimal("450.00")
    for text in ("4.5.0", "NaN", "Infinity", "\u0664\u0665\u0660", "1e2", ".5", "5."):
        with pytest.raises(ValueError):
            decimal_number(text)

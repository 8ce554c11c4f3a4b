import pytest
from django.core.exceptions import ValidationError

from directory.npi import check_digit, is_valid, validate_npi


def test_the_published_example_has_check_digit_3():
    assert check_digit("123456789") == 3
    assert is_valid("1234567893")


def test_a_check_digit_of_zero_is_legal():
    assert is_valid("1234567000")


@pytest.mark.parametrize(
    "value",
    ["1234567890", "123456789", "12345678931", "3234567893", "12345678a3", "\uff11234567893"],
)
def test_wrong_check_digit_length_prefix_or_characters_are_refused(value):
    assert not is_valid(value)


def test_the_validator_explains_what_is_wrong():
    with pytest.raises(ValidationError, match="is not a valid NPI"):
        validate_npi("1234567890")

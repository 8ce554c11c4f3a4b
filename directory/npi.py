"""National Provider Identifier: ten digits, the last a Luhn check digit over "80840" + nine."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A digit doubled, its digits added (Luhn): 7 -> 14 -> 5.
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def check_digit(first_nine: str) -> int:
    digits = "80840" + first_nine
    # Every second digit from the right, starting with the rightmost, counts doubled.
    total = sum(map(_DOUBLED.__getitem__, map(int, digits[::-2]))) + sum(map(int, digits[-2::-2]))
    return (10 - total % 10) % 10


def is_valid(npi: str) -> bool:
    return (
        len(npi) == 10
        and npi.isascii()
        and npi.isdigit()
        and npi[0] in "12"
        and check_digit(npi[:9]) == int(npi[9])
    )


def validate_npi(value: str) -> None:
    if not is_valid(value):
        raise ValidationError(
            _(
                "%(value)s is not a valid NPI: it must be 10 digits starting with 1 or 2, "
                "and its last digit must match the check digit."
            ),
            params={"value": value},
            code="invalid_npi",
        )

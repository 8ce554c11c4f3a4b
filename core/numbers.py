"""Numbers typed into forms and API parameters, read one strict way: ASCII digits only.

Python's ``int`` and ``Decimal`` accept any script's digits (``int("٣")`` is 3) and fail on
others that ``str.isdigit`` calls digits (``"²"``), so every number the site reads from a
person or a program goes through ``whole_number`` or ``decimal_number`` instead; the form
fields below use them, so a form's error message names the field as before.
"""

import re
from decimal import Decimal

from django import forms

WHOLE = re.compile(r"-?[0-9]{1,18}")
DECIMAL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,6})?")


def whole_number(text: str) -> int:
    """The integer ``text`` spells in ASCII digits (an optional minus first); ValueError for
    anything else, including other scripts' digits, signs and spaces inside, or 19+ digits."""
    if not isinstance(text, str) or not WHOLE.fullmatch(text):
        raise ValueError(f"not a whole number: {text!r}")
    return int(text)


def decimal_number(text: str) -> Decimal:
    """The decimal ``text`` spells in ASCII digits with at most one point; ValueError else."""
    if not isinstance(text, str) or not DECIMAL.fullmatch(text):
        raise ValueError(f"not a decimal number: {text!r}")
    return Decimal(text)


class WholeNumberField(forms.IntegerField):
    """An IntegerField that reads only ASCII digits."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return whole_number(str(value).strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class DecimalNumberField(forms.DecimalField):
    """A DecimalField that reads only ASCII digits and a point."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        try:
            return decimal_number(str(value).strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

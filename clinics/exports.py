"""The requests of one clinic as a CSV file, safe to open in a spreadsheet."""

import csv
import io
from datetime import UTC

from django.utils.translation import gettext as _

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The value as text that a spreadsheet shows as written, never runs."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def header() -> list[str]:
    return [
        _("Reference"),
        _("Received (UTC)"),
        _("Status"),
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("Preferred contact"),
        _("Preferred time"),
        _("State"),
        _("Service"),
        _("Message"),
    ]


def row(consultation) -> list[str]:
    received = consultation.created_at.astimezone(UTC)
    return [
        safe_cell(value)
        for value in (
            consultation.pk,
            received.strftime("%Y-%m-%d %H:%M"),
            consultation.get_status_display(),
            consultation.name,
            consultation.email,
            consultation.phone,
            consultation.get_preferred_contact_display(),
            consultation.get_preferred_time_display(),
            consultation.state,
            consultation.service.name if consultation.service else "",
            consultation.message,
        )
    ]


def requests_csv(requests) -> str:
    """The whole file, starting with a byte-order mark so spreadsheets read it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header())
    for consultation in requests:
        writer.writerow(row(consultation))
    return buffer.getvalue()

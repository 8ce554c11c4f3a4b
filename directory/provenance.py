"""Where a listing comes from, and which of its fields the clinic set itself.

Every organization records its source (demo, the NPI Registry, an HSDS feed, the clinic portal,
an administrator), the file or feed it came from, its id there and when it was imported. When a
clinic saves its listing through the portal, the fields it saved are written down; an import
never overwrites them, and reports the conflict instead.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from directory.models import Organization

_SOURCE_NAMES = {
    Organization.Source.DEMO: "demo data",
    Organization.Source.NPPES: "the NPI Registry",
    Organization.Source.HSDS: "an HSDS feed",
    Organization.Source.PORTAL: "the clinic portal",
    Organization.Source.ADMINISTRATOR: "Psycle's administrators",
}


def why_protected(organization: Organization, field: str, source: str) -> str | None:
    """Why an import from ``source`` may not overwrite this field of the listing, or None.

    The clinic's own edits are never overwritten, and an import only rewrites listings that
    came from its own kind of source (the registry does not rename a clinic's own listing)."""
    if field in (organization.clinic_edited_fields or ()):
        return "the clinic set it itself"
    if organization.source != source:
        return f"the listing comes from {_SOURCE_NAMES.get(organization.source, 'elsewhere')}"
    return None


def record_clinic_edit(organization: Organization, fields) -> None:
    """Note that the clinic itself set these fields, today."""
    fields = set(fields)
    if not fields:
        return
    organization.clinic_edited_fields = sorted(set(organization.clinic_edited_fields) | fields)
    organization.clinic_edited_at = timezone.now()
    Organization.objects.filter(pk=organization.pk).update(
        clinic_edited_fields=organization.clinic_edited_fields,
        clinic_edited_at=organization.clinic_edited_at,
    )


@dataclass(frozen=True)
class Conflict:
    """An import's change to a field the clinic set itself, not applied."""

    where: str  # "line 12" or "record 3"
    organization: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.organization}: {self.field} not changed, {self.reason}"


def describe(organization: Organization) -> dict:
    """What the profile says about where the listing comes from: ``source`` (a sentence),
    ``unconfirmed`` (imported and not yet confirmed by the provider) and ``clinic_edit``."""
    Source = Organization.Source
    imported = (
        date_format(timezone.localtime(organization.imported_at), "j M Y")
        if (organization.imported_at)
        else ""
    )
    feed = organization.source_name
    sentences = {
        Source.DEMO: _("Generated demo data, not a real provider."),
        Source.NPPES: _("From the NPI Registry (NPPES), imported %(date)s from %(feed)s."),
        Source.HSDS: _("From the directory feed %(feed)s (Open Referral HSDS), imported %(date)s."),
        Source.PORTAL: _("Written by the provider's staff through Psycle's clinic portal."),
        Source.ADMINISTRATOR: _("Added by Psycle's administrators."),
    }
    text = sentences.get(organization.source, sentences[Source.ADMINISTRATOR])
    clinic_edit = ""
    if organization.clinic_edited_at and organization.clinic_edited_fields:
        clinic_edit = _("The provider's staff set its %(fields)s on %(date)s.") % {
            "fields": ", ".join(organization.clinic_edited_fields),
            "date": date_format(timezone.localtime(organization.clinic_edited_at), "j M Y"),
        }
    imported_source = organization.source in (Source.NPPES, Source.HSDS)
    return {
        "source": text % {"date": imported, "feed": feed} if imported_source else text,
        "unconfirmed": imported_source and not organization.clinic_edited_at,
        "imported_on": imported,
        "clinic_edit": clinic_edit,
    }

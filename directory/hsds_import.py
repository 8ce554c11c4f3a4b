"""Writing planned HSDS records (``directory.hsds_read``) into the directory, in one transaction.

HSDS ids are kept as primary keys, and a row is written only when it differs from what is
stored, so importing the same file twice changes nothing. Fields the clinic set itself, and
listings from another source, are never overwritten: the change is reported as a conflict.

Records are written a chunk of organizations at a time: the rows stored for the chunk are read
table by table (one query each), compared with the plans in Python, and what differs is
deleted, created and updated in bulk, so a chunk costs a few dozen statements however many
records it holds.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from directory import indexing, provenance
from directory.hsds_read import OrganizationPlan, ServicePlan, TermPlan
from directory.models import (
    Address,
    CostOption,
    Insurer,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
    TaxonomyTerm,
)

SOURCE = Organization.Source.HSDS
CHUNK = 200

# Each part of a listing that an import may or may not write (a clinic may have set it), with
# its tables, parents first, and the path from each table to its organization.
PARTS = {
    "address": ((Location, "organization_id"), (Address, "location__organization_id")),
    "hours": ((Schedule, "location__organization_id"),),
    "phone": ((Phone, "organization_id"),),
    "services": (
        (Service, "organization_id"),
        (ServiceAtLocation, "service__organization_id"),
        (ServiceAttribute, "service__organization_id"),
        (ServiceInsurer, "service__organization_id"),
        (CostOption, "service__organization_id"),
        (Language, "service__organization_id"),
        (ServiceArea, "service__organization_id"),
    ),
}
TABLES = [table for tables in PARTS.values() for table in tables]


@dataclass
class Report:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[provenance.Conflict] = field(default_factory=list)

    def lines(self, read: int) -> list[str]:
        return [
            f"Read {read} organizations.",
            f"Imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}.",
            f"Conflicts with the clinic's own edits {len(self.conflicts)}.",
        ]


@dataclass
class Changes:
    """What a chunk writes to one table."""

    delete: list = field(default_factory=list)  # ids
    create: list[dict] = field(default_factory=list)
    update: list[dict] = field(default_factory=list)

    @classmethod
    def between(cls, planned: list[dict], stored: dict) -> "Changes":
        """What makes the stored rows (id -> row) exactly the planned ones."""
        ids = {row["id"] for row in planned}
        changes = cls(delete=[pk for pk in stored if pk not in ids])
        for row in planned:
            current = stored.get(row["id"])
            if current is None:
                changes.create.append(row)
            elif any(current.get(key) != value for key, value in row.items()):
                changes.update.append(row)
        return changes

    def __bool__(self) -> bool:
        return bool(self.delete or self.create or self.update)

    def extend(self, other: "Changes") -> None:
        self.delete += other.delete
        self.create += other.create
        self.update += other.update


class HsdsImport:
    def __init__(self, source_name: str):
        self.source_name = source_name
        self.report = Report()
        self.now = timezone.now()
        self.treatments = {
            term.code: term for term in TaxonomyTerm.objects.filter(taxonomy="treatment")
        }
        self.terms = {(term.taxonomy, term.code): term for term in TaxonomyTerm.objects.all()}
        self.carriers = {carrier.slug: carrier for carrier in Insurer.objects.all()}

    @transaction.atomic
    def run(self, plans: list[OrganizationPlan]) -> Report:
        touched = []
        for start in range(0, len(plans), CHUNK):
            touched += self._chunk(plans[start : start + CHUNK])
        if touched:
            indexing.reindex_services(
                Service.objects.filter(organization__in=touched).values_list("pk", flat=True)
            )
        return self.report

    # Planned rows ------------------------------------------------------------------------------

    def _planned(self, plan: OrganizationPlan) -> dict:
        """Every table's rows for this organization, as the feed gives them."""
        organization_id = plan.id
        rows = {
            Location: [{**place.values, "organization_id": organization_id}
                       for place in plan.locations],
            Address: [place.address for place in plan.locations if place.address],
            Schedule: [day for place in plan.locations for day in place.schedules],
            Phone: [{**phone, "organization_id": organization_id} for phone in plan.phones],
            Service: [self._service_values(organization_id, service)
                      for service in plan.services],
        }  # fmt: skip
        for service in plan.services:
            for model, found in self._parts(service.values["id"], service):
                rows.setdefault(model, []).extend(found)
        return rows

    def _service_values(self, organization_id, plan: ServicePlan) -> dict:
        treatment = self.treatments[plan.treatment]
        return {**plan.values, "organization_id": organization_id, "treatment_id": treatment.pk}

    def _parts(self, service_id, plan: ServicePlan) -> list[tuple]:
        """(model, rows) of every table a service's record fills, besides the service's own."""

        def rows(items):
            return [{**item, "service_id": service_id} for item in items]

        attributes = [
            {"id": term.attribute_id, "taxonomy_term_id": self._term(term).pk,
             "value": term.value, "confirmed_on": term.confirmed_on}
            for term in plan.terms
        ]  # fmt: skip
        insurers = [
            {"id": row["id"], "insurer_id": self._carrier(row).pk, "plan": row["plan"],
             "confirmed_on": row["confirmed_on"]}
            for row in plan.insurers
        ]  # fmt: skip
        return [
            (ServiceAtLocation, rows(plan.links)),
            (ServiceAttribute, rows(attributes)),
            (ServiceInsurer, rows(insurers)),
            (CostOption, rows(plan.costs)),
            (Language, rows(plan.languages)),
            (ServiceArea, rows(plan.areas)),
        ]

    def _term(self, term: TermPlan) -> TaxonomyTerm:
        found = self.terms.get((term.facet, term.code))
        if found is None:
            found = TaxonomyTerm.objects.create(
                id=term.term_id, taxonomy=term.facet, code=term.code, name=term.name
            )
            self.terms[(term.facet, term.code)] = found
        return found

    def _carrier(self, row: dict) -> Insurer:
        found = self.carriers.get(row["slug"])
        if found is None:
            found = Insurer.objects.create(slug=row["slug"], name=row["name"])
            self.carriers[row["slug"]] = found
        return found

    # A chunk -----------------------------------------------------------------------------------

    def _chunk(self, plans: list[OrganizationPlan]) -> list:
        """Writes a chunk of organizations; returns the ids of those that changed."""
        ids = [plan.id for plan in plans]
        existing = Organization.objects.in_bulk(ids)
        stored = {model: self._stored(model, path, ids) for model, path in TABLES}
        changes = {model: Changes() for model, _path in TABLES}
        created, updated, touched = [], [], []
        for plan in plans:
            organization = existing.get(plan.id)
            planned = self._planned(plan)
            changed = False
            for name, tables in PARTS.items():
                wanted = {
                    model: Changes.between(planned.get(model, []), stored[model].get(plan.id, {}))
                    for model, _path in tables
                }
                if self._allowed(organization, plan, name, any(wanted.values())):
                    for model, part in wanted.items():
                        changes[model].extend(part)
                    changed = True
            if organization is None:
                created.append(self._new(plan))
                self.report.imported += 1
            elif self._update(organization, plan) or changed:
                organization.imported_at = self.now
                organization.source_name = self.source_name
                organization.updated_at = self.now
                updated.append(organization)
                self.report.updated += 1
            else:
                self.report.unchanged += 1
                continue
            touched.append(plan.id)
        self._write(changes, created, updated)
        return touched

    @staticmethod
    def _stored(model, path: str, organization_ids: list) -> dict:
        """The stored rows of a table for these organizations: organization id -> id -> row."""
        found = defaultdict(dict)
        names = [f.attname for f in model._meta.concrete_fields]
        rows = model.objects.filter(**{f"{path}__in": organization_ids})
        for row in rows.values(*names, owner=F(path)):
            found[row.pop("owner")][row["id"]] = row
        return found

    def _new(self, plan: OrganizationPlan) -> Organization:
        return Organization(
            **plan.values, source=SOURCE, source_name=self.source_name,
            source_record_id=str(plan.id), imported_at=self.now,
        )  # fmt: skip

    def _update(self, organization: Organization, plan: OrganizationPlan) -> bool:
        """Sets the organization's own fields the import may change; True if any did."""
        changed = False
        for name in (key for key in plan.values if key not in ("id", "slug")):
            differs = getattr(organization, name) != plan.values[name]
            if self._allowed(organization, plan, name, differs):
                setattr(organization, name, plan.values[name])
                changed = True
        return changed

    def _allowed(self, organization, plan: OrganizationPlan, name: str, changed: bool) -> bool:
        """Whether the import may write this part of the listing (a conflict if it may not)."""
        if organization is None or not changed:
            return changed
        reason = provenance.why_protected(organization, name, SOURCE)
        if reason:
            self.report.conflicts.append(
                provenance.Conflict(f"record {plan.position}", organization.name, name, reason)
            )
            return False
        return True

    @staticmethod
    def _write(changes: dict, created: list, updated: list) -> None:
        """Deletes children first, then creates and updates parents first."""
        for model, _path in reversed(TABLES):
            if changes[model].delete:
                model.objects.filter(pk__in=changes[model].delete).delete()
        Organization.objects.bulk_create(created)
        if updated:
            fields = [
                f.name for f in Organization._meta.concrete_fields if not f.primary_key
            ]  # the organization's own fields, its provenance and when it changed
            Organization.objects.bulk_update(updated, fields)
        for model, _path in TABLES:
            if changes[model].create:
                model.objects.bulk_create(model(**row) for row in changes[model].create)
            rows = changes[model].update
            if rows:
                fields = sorted({key for row in rows for key in row} - {"id"})
                model.objects.bulk_update([model(**row) for row in rows], fields)

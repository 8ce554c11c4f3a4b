"""Writing planned HSDS records (``directory.hsds_read``) into the directory, in one transaction.

HSDS ids are kept as primary keys, and a row is written only when it differs from what is
stored, so importing the same file twice changes nothing. Fields the clinic set itself, and
listings from another source, are never overwritten: the change is reported as a conflict.
"""

from dataclasses import dataclass, field

from django.db import transaction
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


def _sync(model, values: dict) -> bool:
    """Write the row with this id unless it already holds these values; True if written."""
    current = model.objects.filter(pk=values["id"]).values(*values).first()
    if current == values:
        return False
    defaults = {key: value for key, value in values.items() if key != "id"}
    model.objects.update_or_create(pk=values["id"], defaults=defaults)
    return True


def _rows_differ(stored, rows: list[dict]) -> bool:
    """Whether the stored rows are not exactly these (same ids, same values)."""
    if set(stored.values_list("pk", flat=True)) != {row["id"] for row in rows}:
        return True
    model = stored.model
    return any(model.objects.filter(pk=row["id"]).values(*row).first() != row for row in rows)


def _write_all(model, rows: list[dict], stored) -> bool:
    """Make the stored rows exactly these; True if anything was written."""
    changed = _prune(stored, [row["id"] for row in rows])
    for row in rows:
        changed |= _sync(model, row)
    return changed


def _prune(queryset, keep) -> bool:
    """Delete the rows of a record that the feed no longer lists; True if any went."""
    deleted, _by_model = queryset.exclude(pk__in=list(keep)).delete()
    return bool(deleted)


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
        for organization_plan in plans:
            if self._organization(organization_plan):
                touched.append(organization_plan.id)
        if touched:
            indexing.reindex_services(
                Service.objects.filter(organization__in=touched).values_list("pk", flat=True)
            )
        return self.report

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

    def _organization(self, plan: OrganizationPlan) -> bool:
        existing = Organization.objects.filter(pk=plan.id).first()
        if existing is None:
            Organization.objects.create(
                **plan.values, source=SOURCE, source_name=self.source_name,
                source_record_id=str(plan.id), imported_at=self.now,
            )  # fmt: skip
            self._children(plan, None)
            self.report.imported += 1
            return True
        changed = False
        for name in (key for key in plan.values if key not in ("id", "slug")):
            if self._allowed(existing, plan, name, getattr(existing, name) != plan.values[name]):
                setattr(existing, name, plan.values[name])
                changed = True
        changed = self._children(plan, existing) or changed
        if changed:
            existing.imported_at = self.now
            existing.source_name = self.source_name
            existing.save()
            self.report.updated += 1
        else:
            self.report.unchanged += 1
        return changed

    def _children(self, plan: OrganizationPlan, existing) -> bool:
        organization_id = plan.id
        changed = self._locations(plan, existing)
        phones = [{**phone, "organization_id": organization_id} for phone in plan.phones]
        stored = Phone.objects.filter(organization_id=organization_id)
        if self._allowed(existing, plan, "phone", _rows_differ(stored, phones)):
            changed |= _write_all(Phone, phones, stored)
        services = Service.objects.filter(organization_id=organization_id)
        differs = set(services.values_list("pk", flat=True)) != {
            service.values["id"] for service in plan.services
        } or any(self._service_differs(organization_id, service) for service in plan.services)
        if self._allowed(existing, plan, "services", differs):
            for service in plan.services:
                self._service(organization_id, service)
            _prune(services, [service.values["id"] for service in plan.services])
            changed = True
        return changed

    def _locations(self, plan: OrganizationPlan, existing) -> bool:
        organization_id = plan.id
        rows = [{**place.values, "organization_id": organization_id} for place in plan.locations]
        addresses = [place.address for place in plan.locations if place.address]
        hours = [day for place in plan.locations for day in place.schedules]
        stored = Location.objects.filter(organization_id=organization_id)
        stored_addresses = Address.objects.filter(location__organization_id=organization_id)
        differs = _rows_differ(stored, rows) or _rows_differ(stored_addresses, addresses)
        changed = False
        if self._allowed(existing, plan, "address", differs):
            changed = _write_all(Location, rows, stored)
            _write_all(Address, addresses, stored_addresses)
        stored_hours = Schedule.objects.filter(location__organization_id=organization_id)
        if self._allowed(existing, plan, "hours", _rows_differ(stored_hours, hours)):
            changed |= _write_all(Schedule, hours, stored_hours)
        return changed

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

    def _service_differs(self, organization_id, plan: ServicePlan) -> bool:
        values = self._service_values(organization_id, plan)
        service_id = values["id"]
        if Service.objects.filter(pk=service_id).values(*values).first() != values:
            return True
        return any(
            _rows_differ(model.objects.filter(service_id=service_id), rows)
            for model, rows in self._parts(service_id, plan)
        )

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

    def _service(self, organization_id, plan: ServicePlan) -> None:
        values = self._service_values(organization_id, plan)
        service_id = values["id"]
        _sync(Service, values)
        for model, rows in self._parts(service_id, plan):
            _write_all(model, rows, model.objects.filter(service_id=service_id))

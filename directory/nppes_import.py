"""Importing the NPPES data file: streamed row by row, written in batches, keyed on the NPI.

Memory is bounded by the batch: rows are read with the csv module straight from the file, and
every ``batch_size`` rows are written in one transaction (new providers with the fast bulk
insert, their search rows with them; changed ones updated in place and reindexed). On
PostgreSQL the new providers' transactions are written by two other threads
(``bulk.BackgroundWriter``) while the file is read on; a batch that holds an NPI already listed
waits for them first. New providers get ids in the order they are written (``OrderedIds``). A
later file updates what changed, takes deactivated NPIs out of search and never creates a
duplicate (the NPI is unique). A field the clinic set itself is never overwritten: the change
is reported.
"""

import csv
import gc
import io
import secrets
import sys
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone

from core import bulk
from directory import geocode, indexing, nppes, provenance
from directory.models import (
    Address,
    Location,
    Organization,
    Phone,
    SearchEntry,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.taxonomy import TREATMENT

BAD_ROWS_LISTED = 1000
PHONE_DESCRIPTION = "From the NPI Registry"
# The fields an NPPES row sets, by the names provenance and conflicts use.
FIELDS = ("name", "description", "address", "phone", "services")


class NotAnNppesFile(ValueError):
    pass


@dataclass
class Report:
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    taken_out: int = 0  # deactivated (or no longer behavioural health): out of search
    skipped: Counter = field(default_factory=Counter)
    bad: int = 0
    problems: list[str] = field(default_factory=list)  # bad rows, as "line N: reason"
    conflicts: list[provenance.Conflict] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary the command prints."""
        out = [f"Read {self.read} rows."]
        out.append(
            f"Imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, "
            f"taken out of search {self.taken_out}."
        )
        skipped = sum(self.skipped.values())
        reasons = "; ".join(f"{reason}: {n}" for reason, n in sorted(self.skipped.items()))
        out.append(f"Skipped {skipped}" + (f" ({reasons})." if reasons else "."))
        out.append(f"Bad rows {self.bad}.")
        out.append(f"Conflicts with the clinic's own edits {len(self.conflicts)}.")
        return out


class OrderedIds:
    """Ids for the providers an import adds, in the order it adds them: UUID version 7
    (RFC 9562), the run's start in milliseconds, then a counter (its 12 high bits in rand_a,
    30 more at the top of rand_b), 24 random bits for the run and a last byte of 0 that
    ``ids_for`` replaces to name a provider's own rows.

    Ids in the order of writing keep every index on them (the primary keys and the foreign
    keys that point at an organization, a location or a service) growing at its end, where the
    pages are in memory. Ids from the NPI, as earlier imports gave, land anywhere in those
    indexes, and once they outgrow the database's memory each row costs reads and writes of
    pages far apart: a 9-million-row file took 17.8 minutes on PostgreSQL with those, 8.2
    with these (docs/decisions.md). The NPI, not the id, is what identifies a provider from
    one database to another: HSDS exports carry it as an identifier."""

    def __init__(self):
        self.milliseconds = time.time_ns() // 1_000_000
        self.run = secrets.randbits(24)
        self.count = 0

    def __call__(self) -> uuid.UUID:
        self.count += 1
        high, low = self.count >> 30, self.count & (1 << 30) - 1
        return uuid.UUID(
            int=self.milliseconds << 80 | 7 << 76 | high << 64
            | 0b10 << 62 | low << 32 | self.run << 8
        )  # fmt: skip


def ids_for(organization_id: uuid.UUID) -> dict:
    """The ids of the rows an import owns for one provider (the same on every run): the
    organization's own id with its last byte naming the row, for the ids ``OrderedIds``
    gives; names derived with uuid5, for those earlier imports gave."""
    if organization_id.version == 7 and organization_id.int & 0xFF == 0:
        base = organization_id.int
        ids = {name: uuid.UUID(int=base | code) for code, name in enumerate(_OWN_ROWS, 1)}
        for n, kind in enumerate(nppes.KINDS_OF_CARE):
            ids[kind] = uuid.UUID(int=base | 0x10 + n)
            ids[f"at:{kind}"] = uuid.UUID(int=base | 0x20 + n)
        return ids
    ids = {name: uuid.uuid5(organization_id, f"nppes:{name}") for name in _OWN_ROWS}
    for kind in nppes.KINDS_OF_CARE:
        ids[kind] = uuid.uuid5(organization_id, f"nppes:service:{kind}")
        ids[f"at:{kind}"] = uuid.uuid5(ids[kind], "nppes:at-location")
    return ids


_OWN_ROWS = ("location", "address", "phone")


def read_rows(path: Path, progress=None):
    """(line number, nppes.Row) for each record of the file; ``progress`` is
    called with the bytes read so far, every thousand lines."""
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            raise NotAnNppesFile(f"{path.name} is empty")
        header = [name.lstrip("\ufeff").strip() for name in header]
        missing = [name for name in nppes.NEEDED if name not in header]
        if missing:
            raise NotAnNppesFile(
                f"{path.name} is not an NPPES data file: its header has no {missing[0]!r} column"
            )
        index = {name: position for position, name in enumerate(header)}
        taxonomy_positions = [index[name] for name in nppes.TAXONOMY_CODE_COLUMNS]
        for values in reader:
            if values:
                yield reader.line_num, nppes.Row(values, index, taxonomy_positions)
            if progress is not None and reader.line_num % 1000 == 0:
                progress(raw.tell())
        if progress is not None:
            progress(raw.tell())


class Progress:
    """A bar on a terminal, otherwise a line every ``every`` seconds; on stderr."""

    def __init__(self, total_bytes: int, stream=None, every: float = 10.0):
        self.total = max(total_bytes, 1)
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = every
        self.last = time.monotonic()
        self.rows = 0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else self.every):
            return
        self.last = now
        share = min(done / self.total, 1.0)
        if self.tty:
            bar = "#" * int(share * 30)
            self.stream.write(f"\r[{bar:<30}] {share:6.1%} {self.rows:,} rows")
        else:
            self.stream.write(f"{share:.0%} of the file read, {self.rows:,} rows\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write(f"\r[{'#' * 30}] 100.0% {self.rows:,} rows\n")
            self.stream.flush()


class NppesImport:
    def __init__(self, source_name: str, rules=nppes.BEHAVIOURAL_HEALTH, batch_size: int = 5000):
        self.source_name = source_name
        self.rules = rules
        self.batch_size = batch_size
        self.report = Report()
        self.now = timezone.now()
        self.terms = {
            term.code: term for term in TaxonomyTerm.objects.filter(taxonomy=TREATMENT.code)
        }
        self._batch: dict[str, tuple[int, object]] = {}
        self._known: set[int] = set()  # the NPIs listed, read when a run starts
        self._writer: bulk.BackgroundWriter | None = None
        self._new_id = OrderedIds()

    def run(self, rows, progress: Progress | None = None) -> Report:
        geocode.load()  # before the collector sets aside what is alive
        self._known = _listed_numbers()
        # On PostgreSQL new providers are written from two other threads while the next batch
        # is read (not inside a caller's transaction, which the threads could not join).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self._writer = bulk.BackgroundWriter()
        try:
            with _few_collections():
                self._run(rows, progress)
        finally:
            if self._writer is not None:
                self._writer.close()
        return self.report

    def _run(self, rows, progress: Progress | None) -> Report:
        for line, row in rows:
            self.report.read += 1
            if progress is not None:
                progress.rows = self.report.read
            outcome = nppes.read_row(row, self.rules)
            if isinstance(outcome, nppes.Bad):
                self._bad(line, outcome.reason)
                continue
            number = row["NPI"].strip()
            if number in self._batch or len(self._batch) >= self.batch_size:
                self.flush()
            self._batch[number] = (line, outcome)
        self.flush()

    def _bad(self, line: int, reason: str) -> None:
        self.report.bad += 1
        if len(self.report.problems) < BAD_ROWS_LISTED:
            self.report.problems.append(f"line {line}: {reason}")

    @transaction.atomic
    def flush(self) -> None:
        batch, self._batch = self._batch, {}
        if not batch:
            return
        listed = [n for n in batch if n.isdigit() and int(n) in self._known]
        if listed and self._writer is not None:
            self._writer.drain()  # they may be in a batch still being written
        existing = _listed(listed)
        new, changed, out = [], [], []
        for number, (line, outcome) in batch.items():
            known = existing.get(number)
            if isinstance(outcome, nppes.Provider):
                (changed if known else new).append((line, outcome, known))
            elif known is not None and (
                isinstance(outcome, nppes.Deactivated) or known.source == Organization.Source.NPPES
            ):
                out.append((line, known))
            else:
                reason = (
                    outcome.reason if isinstance(outcome, nppes.Skipped) else nppes.SKIP_DEACTIVATED
                )
                self.report.skipped[reason] += 1
        if (new and self._writer is None) or changed or out:
            # This batch's commit need not wait for the disk: should the server crash, the
            # last batches are lost whole, and running the file again writes them.
            bulk.relax_commit()
        self._insert([provider for _line, provider, _known in new])
        reindex = self._update(changed) | self._take_out(out)
        if reindex:
            indexing.reindex_services(
                Service.objects.filter(organization__in=reindex).values_list("pk", flat=True)
            )

    def _insert(self, providers: list[nppes.Provider]) -> None:
        """New providers and their search rows, written as plain rows (no model instances:
        at millions of rows building them would cost more than the database's work)."""
        rows = {model: [] for model in _INSERT_ORDER}
        for provider in providers:
            for model, values in self._provider_rows(provider):
                rows[model].append(values)
        if self._writer is not None and providers:
            self._writer.submit([(model, rows[model]) for model in _INSERT_ORDER])
        else:
            for model in _INSERT_ORDER:
                bulk.insert_rows(model, rows[model])
        self.report.imported += len(providers)
        self._known.update(int(provider.npi) for provider in providers)

    def _provider_rows(self, provider: nppes.Provider):
        organization = SimpleNamespace(
            pk=self._new_id(),
            name=provider.name,
            slug=provider.slug,
            is_verified=False,
            is_demo=False,
        )
        ids = ids_for(organization.pk)
        yield (
            Organization,
            {
                "id": organization.pk,
                "slug": provider.slug,
                "name": provider.name,
                "description": provider.description,
                "npi": provider.npi,
                "source": Organization.Source.NPPES,
                "source_name": self.source_name,
                "source_record_id": provider.npi,
                "imported_at": self.now,
            },
        )
        location = {
            "id": ids["location"],
            "organization_id": organization.pk,
            "name": provider.name,
            "location_type": Location.Type.PHYSICAL,
            "latitude": provider.latitude,
            "longitude": provider.longitude,
        }
        yield Location, location
        yield (
            Address,
            {
                "id": ids["address"],
                "location_id": ids["location"],
                "address_1": provider.address_1,
                "city": provider.city,
                "state_province": provider.state,
                "postal_code": provider.postal_code,
            },
        )
        if provider.phone:
            yield (
                Phone,
                {
                    "id": ids["phone"],
                    "organization_id": organization.pk,
                    "location_id": ids["location"],
                    "number": provider.phone,
                    "description": PHONE_DESCRIPTION,
                },
            )
        yield from self._service_rows(provider, organization, ids)

    def _service_rows(self, provider: nppes.Provider, organization, ids: dict):
        place = SimpleNamespace(latitude=provider.latitude, longitude=provider.longitude)
        for kind in provider.kinds:
            term = self.terms[kind]
            service = SimpleNamespace(
                pk=ids[kind],
                name=term.name,
                treatment=term,
                accepting_new_patients=True,
                accepting_confirmed_on=None,
                first_course_sessions=None,
                first_course_price=None,
            )
            yield (
                Service,
                {
                    "id": ids[kind],
                    "organization_id": organization.pk,
                    "name": term.name,
                    "treatment_id": term.pk,
                },
            )
            link_id = ids[f"at:{kind}"]
            yield (
                ServiceAtLocation,
                {"id": link_id, "service_id": ids[kind], "location_id": ids["location"]},
            )
            values = indexing.search_entry_values(
                service=service,
                organization=organization,
                location=place,
                city=provider.city,
                state=provider.state,
                features=0,
                costs=[],
            )
            yield SearchEntry, {"service_at_location_id": link_id, **values}

    def _service(self, ids: dict, organization: Organization, kind: str) -> Service:
        term = self.terms[kind]
        # Whether it takes new patients is unknown until the provider says so: no date.
        return Service(
            id=ids[kind], organization=organization, name=term.name, treatment=term,
            status=Service.Status.ACTIVE, accepting_new_patients=True,
        )  # fmt: skip

    def _update(self, changed: list) -> set:
        """Apply what changed to providers already listed; the organizations rewritten."""
        if not changed:
            return set()
        current = _current_state([known for _line, _provider, known in changed])
        rewritten = set()
        for line, provider, organization in changed:
            wanted = _wanted(provider)
            differs = [name for name in FIELDS if current[organization.pk][name] != wanted[name]]
            allowed = []
            for name in differs:
                reason = provenance.why_protected(organization, name, Organization.Source.NPPES)
                if reason:
                    self.report.conflicts.append(
                        provenance.Conflict(f"line {line}", organization.name, name, reason)
                    )
                else:
                    allowed.append(name)
            if not allowed:
                self.report.unchanged += 1
                continue
            self._apply(organization, provider, allowed)
            self.report.updated += 1
            rewritten.add(organization.pk)
        return rewritten

    def _apply(self, organization: Organization, provider: nppes.Provider, names: list) -> None:
        ids = ids_for(organization.pk)
        for name in ("name", "description"):
            if name in names:
                setattr(organization, name, getattr(provider, name))
        organization.imported_at = self.now
        organization.source_name = self.source_name
        organization.save()
        location = _location(ids, organization, provider)
        if "address" in names or "name" in names:
            _upsert(location)
            _upsert(_address(ids, location, provider))
        if "phone" in names:
            Phone.objects.filter(pk=ids["phone"]).delete()
            if provider.phone:
                _phone(ids, organization, location, provider).save()
        if "services" in names:
            self._set_services(ids, organization, location, provider.kinds)

    def _set_services(self, ids, organization, location, kinds) -> None:
        for kind in nppes.KINDS_OF_CARE:
            if kind not in kinds:
                Service.objects.filter(pk=ids[kind]).update(status=Service.Status.INACTIVE)
                continue
            _upsert(self._service(ids, organization, kind))
            ServiceAtLocation.objects.get_or_create(
                id=ids[f"at:{kind}"],
                defaults={"service_id": ids[kind], "location": location},
            )

    def _take_out(self, out: list) -> set:
        """Take the listed NPIs the registry no longer lists as behavioural health out of
        search (a deactivated NPI, or a changed taxonomy), unless the clinic's own."""
        taken = set()
        for line, organization in out:
            reason = provenance.why_protected(organization, "services", Organization.Source.NPPES)
            if reason:
                self.report.conflicts.append(
                    provenance.Conflict(f"line {line}", organization.name, "services", reason)
                )
                continue
            ids = ids_for(organization.pk)
            own = [ids[kind] for kind in nppes.KINDS_OF_CARE]
            if Service.objects.filter(pk__in=own, status=Service.Status.ACTIVE).update(
                status=Service.Status.INACTIVE
            ):
                self.report.taken_out += 1
                taken.add(organization.pk)
            else:
                self.report.unchanged += 1
        return taken


def _listed_numbers() -> set[int]:
    """Every NPI listed, as numbers: an import asks the database about the rows of a batch
    already listed only, so a first import asks nothing (at 5,000 NPIs a batch the question
    took 40 ms, 8 s of a million rows). Each NPI costs about 100 bytes: the import of 3 million
    providers peaked at 620 MB, of 340,000 at 359 MB."""
    table = Organization._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT npi FROM {table} WHERE npi <> ''")  # noqa: S608
        return {int(npi) for (npi,) in cursor if npi.isdigit()}


def _listed(numbers: list[str]) -> dict[str, Organization]:
    """The organizations already listed under these NPIs, by NPI. The NPIs are looked up with
    plain SQL (the ORM prepares each of thousands of parameters, which cost more than the
    lookup), and only the organizations found are read in full: none, on a first import."""
    if not numbers:
        return {}
    table = Organization._meta.db_table
    placeholders = ", ".join(["%s"] * len(numbers))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE npi IN ({placeholders})", numbers)  # noqa: S608
        found = [pk for (pk,) in cursor.fetchall()]
    if not found:
        return {}
    return {
        organization.npi: organization for organization in Organization.objects.filter(pk__in=found)
    }


@contextmanager
def _few_collections():
    """Python's cycle collector runs every few hundred allocations and walks every object
    alive, the gazetteer's tens of thousands included: an import makes millions of short-lived
    objects and no cycles, so the objects alive before it are set aside and it runs rarely."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, threshold[1], threshold[2])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


_INSERT_ORDER = (Organization, Location, Address, Phone, Service, ServiceAtLocation, SearchEntry)


def _upsert(instance) -> None:
    """Write the row with the instance's id, whether or not it exists yet."""
    fields = [f for f in instance._meta.concrete_fields if not f.primary_key]
    type(instance).objects.update_or_create(
        pk=instance.pk, defaults={f.attname: getattr(instance, f.attname) for f in fields}
    )


def _location(ids, organization, provider) -> Location:
    return Location(
        id=ids["location"], organization=organization, name=organization.name,
        location_type=Location.Type.PHYSICAL,
        latitude=provider.latitude, longitude=provider.longitude,
    )  # fmt: skip


def _address(ids, location, provider) -> Address:
    return Address(
        id=ids["address"], location=location, address_1=provider.address_1,
        city=provider.city, state_province=provider.state, postal_code=provider.postal_code,
    )  # fmt: skip


def _phone(ids, organization, location, provider) -> Phone:
    return Phone(
        id=ids["phone"], organization=organization, location=location, number=provider.phone,
        description=PHONE_DESCRIPTION,
    )  # fmt: skip


def _wanted(provider: nppes.Provider) -> dict:
    return {
        "name": provider.name,
        "description": provider.description,
        "address": (provider.address_1, provider.city, provider.state, provider.postal_code,
                    provider.latitude, provider.longitude),
        "phone": provider.phone or None,
        "services": set(provider.kinds),
    }  # fmt: skip


def _current_state(organizations: list[Organization]) -> dict:
    """What each listed provider shows now, in ``_wanted``'s shape, in four queries."""
    ids = {organization.pk: ids_for(organization.pk) for organization in organizations}
    addresses = {
        address.location_id: address
        for address in Address.objects.filter(
            location_id__in=[i["location"] for i in ids.values()]
        ).select_related("location")
    }
    phones = dict(
        Phone.objects.filter(pk__in=[i["phone"] for i in ids.values()]).values_list("pk", "number")
    )
    active = set(
        Service.objects.filter(
            pk__in=[i[kind] for i in ids.values() for kind in nppes.KINDS_OF_CARE],
            status=Service.Status.ACTIVE,
        ).values_list("pk", flat=True)
    )
    state = {}
    for organization in organizations:
        own = ids[organization.pk]
        address = addresses.get(own["location"])
        state[organization.pk] = {
            "name": organization.name,
            "description": organization.description,
            "address": None if address is None else (
                address.address_1, address.city, address.state_province, address.postal_code,
                address.location.latitude, address.location.longitude,
            ),
            "phone": phones.get(own["phone"]),
            "services": {kind for kind in nppes.KINDS_OF_CARE if own[kind] in active},
        }  # fmt: skip
    return state

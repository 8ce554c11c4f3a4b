"""Keeps the search rows (SearchEntry, RemoteEntry) in step with the listings they describe."""

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from core import pagecache
from directory import geo, taxonomy
from directory.insurers import ids_column, shown_column
from directory.models import (
    UNPRICED,
    CostOption,
    Location,
    Organization,
    RemoteEntry,
    SearchCellCount,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
)


def features_of(term_pairs: Iterable[tuple[str, str]]) -> int:
    """The search bits of a service's taxonomy terms; terms of other taxonomies are ignored."""
    known = [(facet, code) for facet, code in term_pairs if (facet, code) in _KNOWN]
    return taxonomy.mask(known)


_KNOWN = {(facet.code, term.code) for facet in taxonomy.BIT_FACETS for term in facet.terms}


def lowest_price(costs: Iterable[tuple]) -> tuple[int | None, date | None]:
    """The lowest per-session price in whole dollars (rounded up, never flattering) and the date
    it was last confirmed, from (amount, confirmed_on) pairs."""
    costs = list(costs)
    if not costs:
        return None, None
    amount, confirmed_on = min(costs, key=lambda cost: cost[0])
    return math.ceil(amount), confirmed_on


def _confirmed_accepting(service) -> bool:
    """ "Accepting new patients" as the filter reads it: only when someone confirmed it (an
    imported listing has no date until its provider says so)."""
    return service.accepting_new_patients and service.accepting_confirmed_on is not None


def first_course(service, price: int | None) -> tuple[int | None, int | None]:
    """A first course's total in whole dollars (rounded up) and its sessions: the listing's own
    course price, else its lowest per-session price times the sessions its protocol gives."""
    sessions = service.first_course_sessions
    if service.first_course_price is not None:
        return math.ceil(service.first_course_price), sessions
    if price is not None and sessions:
        return price * sessions, sessions
    return None, sessions


def insurer_values(insurers) -> dict:
    """The insurer columns of a search row, from (id, slug, name, plan, confirmed_on) tuples."""
    insurers = list(insurers)
    return {
        "insurer_ids": ids_column(pk for pk, *_rest in insurers),
        "insurers_shown": shown_column(shown for _pk, *shown in insurers),
    }


def search_entry_values(
    *, service, organization, location, city: str, state: str, features: int, costs, insurers=()
) -> dict:
    """The columns of a search row: where, what, and everything a result shows; ``insurers``
    as ``insurer_values`` takes them."""
    x, y, z = geo.unit_vector(location.latitude, location.longitude)
    price, price_confirmed_on = lowest_price(costs)
    course_price, course_sessions = first_course(service, price)
    return {
        "organization_id": organization.pk,
        "service_id": service.pk,
        "cell": geo.cell_of(location.latitude, location.longitude),
        "treatment": taxonomy.treatment_number(service.treatment.code),
        "features": features,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "x": x,
        "y": y,
        "z": z,
        "price": price,
        "verified": organization.is_verified,
        "accepting": _confirmed_accepting(service),
        "is_demo": organization.is_demo,
        "name": organization.name,
        "slug": organization.slug,
        "service_name": service.name,
        "city": city,
        "state": state,
        "price_confirmed_on": price_confirmed_on,
        "accepting_confirmed_on": service.accepting_confirmed_on,
        "course_price": course_price,
        "course_sessions": course_sessions,
        **insurer_values(insurers),
    }


def remote_entry_values(
    *, service, organization, state: str, features: int, costs, insurers=()
) -> dict:
    """The columns of a remote row: a remote service in one state it serves."""
    price, _confirmed_on = lowest_price(costs)
    return {
        "service_id": service.pk,
        "organization_id": organization.pk,
        "state": state,
        "treatment": taxonomy.treatment_number(service.treatment.code),
        "features": features,
        "price": price,
        "sort_price": UNPRICED if price is None else price,
        "verified": organization.is_verified,
        "accepting": _confirmed_accepting(service),
        "is_demo": organization.is_demo,
        "insurer_ids": ids_column(pk for pk, *_rest in insurers),
    }


def _insurers_of(service_ids) -> dict:
    insurers = defaultdict(list)
    for row in ServiceInsurer.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "insurer_id", "insurer__slug", "insurer__name", "plan", "confirmed_on"
    ):
        insurers[row[0]].append(row[1:])
    return insurers


@transaction.atomic
def reindex_services(service_ids: Iterable) -> None:
    """Rebuild the search rows of these services from their current data."""
    pagecache.invalidate_on_commit()
    service_ids = list(service_ids)
    SearchEntry.objects.filter(service_id__in=service_ids).delete()
    RemoteEntry.objects.filter(service_id__in=service_ids).delete()
    services = Service.objects.filter(
        pk__in=service_ids, status=Service.Status.ACTIVE
    ).select_related("organization", "treatment")
    terms = defaultdict(list)
    for link in ServiceAttribute.objects.filter(service_id__in=service_ids).select_related(
        "taxonomy_term"
    ):
        terms[link.service_id].append((link.taxonomy_term.taxonomy, link.taxonomy_term.code))
    costs = defaultdict(list)
    for service_id, amount, confirmed_on in CostOption.objects.filter(
        service_id__in=service_ids, per_session=True
    ).values_list("service_id", "amount", "confirmed_on"):
        costs[service_id].append((amount, confirmed_on))
    insurers = _insurers_of(service_ids)
    areas = defaultdict(list)
    for area in ServiceArea.objects.filter(service_id__in=service_ids):
        areas[area.service_id].append(area.state)
    places = defaultdict(list)
    for link in ServiceAtLocation.objects.filter(
        service_id__in=service_ids, location__location_type=Location.Type.PHYSICAL
    ).select_related("location__address"):
        places[link.service_id].append(link)

    search_rows, remote_rows = [], []
    for service in services:
        features = features_of(terms[service.pk])
        for link in places[service.pk]:
            address = getattr(link.location, "address", None)
            values = search_entry_values(
                service=service,
                organization=service.organization,
                location=link.location,
                city=address.city if address else "",
                state=address.state_province if address else "",
                features=features,
                costs=costs[service.pk],
                insurers=insurers[service.pk],
            )
            search_rows.append(SearchEntry(service_at_location_id=link.pk, **values))
        if service.is_remote:
            for state in areas[service.pk]:
                values = remote_entry_values(
                    service=service,
                    organization=service.organization,
                    state=state,
                    features=features,
                    costs=costs[service.pk],
                    insurers=insurers[service.pk],
                )
                remote_rows.append(RemoteEntry(**values))
    SearchEntry.objects.bulk_create(search_rows, batch_size=500)
    RemoteEntry.objects.bulk_create(remote_rows, batch_size=500)


#: The tables a large import writes most of, and the searches read.
_LOADED_TABLES = (
    SearchEntry, SearchCellCount, RemoteEntry, ServiceAtLocation, Service, Location, Organization,
)  # fmt: skip


def after_large_load() -> None:
    """Bring the planner's statistics (and, on PostgreSQL, the visibility map) up to date after
    an import. PostgreSQL answers a search from the covering indexes alone only for pages its
    visibility map marks all-visible, which nothing marks until a VACUUM: straight after an
    import of 1,000,000 listings a count within 100 miles read the table too, 65 ms instead of
    12. Autovacuum would get there later; an import should leave search fast. VACUUM cannot
    run in a transaction, so inside one (a test's) only ANALYZE runs."""
    with connection.cursor() as cursor:
        names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in _LOADED_TABLES)
        if connection.vendor == "postgresql":
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{vacuum} {names}")
        else:  # SQLite: statistics from a sample of each index, quick at any size
            cursor.execute("PRAGMA analysis_limit = 1000")
            for model in _LOADED_TABLES:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

"""Keeps the search rows (SearchEntry, RemoteEntry) in step with the listings they describe."""

import math
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from directory import geo, taxonomy
from directory.models import (
    CostOption,
    Location,
    RemoteEntry,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
)


def features_of(term_pairs: Iterable[tuple[str, str]]) -> int:
    """The search bits of a service's taxonomy terms; terms of other taxonomies are ignored."""
    known = [(facet, code) for facet, code in term_pairs if (facet, code) in _KNOWN]
    return taxonomy.mask(known)


_KNOWN = {(facet.code, term.code) for facet in taxonomy.BIT_FACETS for term in facet.terms}


def session_price(amounts: Iterable) -> int | None:
    """The lowest per-session price in whole dollars (rounded up, never flattering)."""
    values = [math.ceil(amount) for amount in amounts]
    return min(values) if values else None


def search_entry_values(*, service, organization, location, features: int, price) -> dict:
    x, y, z = geo.unit_vector(location.latitude, location.longitude)
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
        "accepting": service.accepting_new_patients,
        "is_demo": organization.is_demo,
    }


@transaction.atomic
def reindex_services(service_ids: Iterable) -> None:
    """Rebuild the search rows of these services from their current data."""
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
    prices = defaultdict(list)
    for cost in CostOption.objects.filter(service_id__in=service_ids, per_session=True):
        prices[cost.service_id].append(cost.amount)
    areas = defaultdict(list)
    for area in ServiceArea.objects.filter(service_id__in=service_ids):
        areas[area.service_id].append(area.state)
    places = defaultdict(list)
    for link in ServiceAtLocation.objects.filter(
        service_id__in=service_ids, location__location_type=Location.Type.PHYSICAL
    ).select_related("location"):
        places[link.service_id].append(link)

    search_rows, remote_rows = [], []
    for service in services:
        features = features_of(terms[service.pk])
        price = session_price(prices[service.pk])
        for link in places[service.pk]:
            values = search_entry_values(
                service=service,
                organization=service.organization,
                location=link.location,
                features=features,
                price=price,
            )
            search_rows.append(SearchEntry(service_at_location_id=link.pk, **values))
        if service.is_remote:
            for state in areas[service.pk]:
                remote_rows.append(
                    RemoteEntry(
                        service=service,
                        organization_id=service.organization_id,
                        state=state,
                        treatment=taxonomy.treatment_number(service.treatment.code),
                        features=features,
                        price=price,
                        verified=service.organization.is_verified,
                        accepting=service.accepting_new_patients,
                        is_demo=service.organization.is_demo,
                    )
                )
    SearchEntry.objects.bulk_create(search_rows, batch_size=500)
    RemoteEntry.objects.bulk_create(remote_rows, batch_size=500)

"""What the finder, the map and the API show for each search hit, loaded in one query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse

from directory.models import CostOption, SearchEntry
from directory.search import Hit


@dataclass(frozen=True)
class Listing:
    entry_id: int
    id: str  # the service-at-location's HSDS id
    name: str
    service_name: str
    treatment: str
    profile_url: str
    latitude: float
    longitude: float
    distance_miles: float
    city: str
    state: str
    price: int | None
    price_confirmed_on: date | None
    verified: bool
    accepting: bool
    accepting_confirmed_on: date | None
    is_demo: bool


def listings_for(hits: list[Hit]) -> list[Listing]:
    entries = {
        entry.pk: entry
        for entry in SearchEntry.objects.filter(pk__in=[hit.entry_id for hit in hits])
        .select_related(
            "organization",
            "service__treatment",
            "service_at_location__location__address",
        )
        .prefetch_related(
            Prefetch(
                "service__cost_options",
                queryset=CostOption.objects.filter(per_session=True).order_by("amount"),
                to_attr="session_costs",
            )
        )
    }
    listings = []
    for hit in hits:
        entry = entries[hit.entry_id]
        address = getattr(entry.service_at_location.location, "address", None)
        costs = entry.service.session_costs
        listings.append(
            Listing(
                entry_id=entry.pk,
                id=str(entry.service_at_location_id),
                name=entry.organization.name,
                service_name=entry.service.name,
                treatment=entry.service.treatment.name,
                profile_url=reverse("directory:provider", args=[entry.organization.slug]),
                latitude=entry.latitude,
                longitude=entry.longitude,
                distance_miles=hit.distance_miles,
                city=address.city if address else "",
                state=address.state_province if address else "",
                price=entry.price,
                price_confirmed_on=costs[0].confirmed_on if costs else None,
                verified=entry.verified,
                accepting=entry.accepting,
                accepting_confirmed_on=entry.service.accepting_confirmed_on,
                is_demo=entry.is_demo,
            )
        )
    return listings

"""What the finder, the map and the API show for each search hit, loaded in one query."""

from dataclasses import dataclass
from datetime import date

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
    """Two flat queries (rows, then their confirmed prices): this runs on every search."""
    columns = (
        "pk",
        "service_at_location_id",
        "organization__name",
        "organization__slug",
        "service_id",
        "service__name",
        "service__treatment__name",
        "service__accepting_confirmed_on",
        "service_at_location__location__address__city",
        "service_at_location__location__address__state_province",
        "latitude",
        "longitude",
        "price",
        "verified",
        "accepting",
        "is_demo",
    )
    rows = {
        row[0]: row
        for row in SearchEntry.objects.filter(pk__in=[hit.entry_id for hit in hits]).values_list(
            *columns
        )
    }
    confirmed = {}
    for service_id, _amount, confirmed_on in (
        CostOption.objects.filter(
            service_id__in={row[4] for row in rows.values()}, per_session=True
        )
        .order_by("-amount")
        .values_list("service_id", "amount", "confirmed_on")
    ):
        confirmed[service_id] = confirmed_on  # the lowest price's date wins: it is read last
    listings = []
    for hit in hits:
        (pk, link_id, name, slug, service_id, service_name, treatment, accepting_on, city, state,
         latitude, longitude, price, verified, accepting, is_demo) = rows[hit.entry_id]  # fmt: skip
        listings.append(
            Listing(
                entry_id=pk,
                id=str(link_id),
                name=name,
                service_name=service_name,
                treatment=treatment,
                profile_url=reverse("directory:provider", args=[slug]),
                latitude=latitude,
                longitude=longitude,
                distance_miles=hit.distance_miles,
                city=city or "",
                state=state or "",
                price=price,
                price_confirmed_on=confirmed.get(service_id),
                verified=verified,
                accepting=accepting,
                accepting_confirmed_on=accepting_on,
                is_demo=is_demo,
            )
        )
    return listings

"""What the finder, the map and the API show for each search hit, from the columns the search
read with it (directory.search.SHOWN)."""

import uuid
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from directory.search import SHOWN, Hit
from directory.taxonomy import TREATMENT


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

    def as_json(self, base: str = "") -> dict:
        """The listing as the API gives it (and the map reads it); ``base`` makes the profile
        link absolute."""
        return {
            "id": self.id,
            "name": self.name,
            "service": self.service_name,
            "treatment": self.treatment,
            "profile_url": base + self.profile_url,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "distance_miles": round(self.distance_miles, 3),
            "city": self.city,
            "state": self.state,
            "price_per_session": self.price,
            "price_confirmed_on": self.price_confirmed_on,
            "accepting_new_patients": self.accepting,
            "verified": self.verified,
            "is_demo": self.is_demo,
        }


def listings_for(hits: list[Hit]) -> list[Listing]:
    """The listings of a page of hits, from the columns the search read (no further query)."""
    return [_listing(hit) for hit in hits]


def _listing(hit: Hit) -> Listing:
    row = dict(zip(SHOWN, hit.shown, strict=True))
    return Listing(
        entry_id=hit.entry_id,
        # Raw rows come as the driver gives them: SQLite has no UUID, date or boolean type.
        id=str(uuid.UUID(str(row["service_at_location_id"]))),
        name=row["name"],
        service_name=row["service_name"],
        treatment=str(TREATMENT.terms[row["treatment"]].name),
        profile_url=reverse("directory:provider", args=[row["slug"]]),
        latitude=row["latitude"],
        longitude=row["longitude"],
        distance_miles=hit.distance_miles,
        city=row["city"],
        state=row["state"],
        price=hit.price,
        price_confirmed_on=_date(row["price_confirmed_on"]),
        verified=bool(row["verified"]),
        accepting=bool(row["accepting"]),
        accepting_confirmed_on=_date(row["accepting_confirmed_on"]),
        is_demo=bool(row["is_demo"]),
    )


def _date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value

"""What the finder, the map and the API show for each search hit, from the columns the search
read with it (directory.search.SHOWN)."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from directory.insurers import TakenInsurer, read_shown
from directory.search import SHOWN, Hit
from directory.taxonomy import PAYMENT, TREATMENT, payment_codes

#: A fact confirmed longer ago than this is shown as possibly out of date.
FRESH_FOR = timedelta(days=90)
#: A listing's "accepting new patients" (or not) is not shown once unconfirmed this long.
ACCEPTING_SHOWN_FOR = timedelta(days=180)


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
    organization_id: str = ""
    slug: str = ""  # the provider's, for its profile and the shortlist
    today: date | None = None  # the day the listing is shown, for the freshness of its facts
    payment: tuple[str, ...] = ()  # payment codes, in the order a seeker reads them
    insurers: tuple[TakenInsurer, ...] = ()

    @property
    def price_may_be_out_of_date(self) -> bool:
        return older(self.price_confirmed_on, FRESH_FOR, self.today)

    @property
    def accepting_may_be_out_of_date(self) -> bool:
        return older(self.accepting_confirmed_on, FRESH_FOR, self.today)

    @property
    def accepting_known(self) -> bool:
        """False once the claim (either way) has gone unconfirmed too long to be shown."""
        return not older(self.accepting_confirmed_on, ACCEPTING_SHOWN_FOR, self.today, True)

    @property
    def payment_names(self) -> list[str]:
        return [str(PAYMENT.term(code).name) for code in self.payment]

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
            "payment": list(self.payment),
            "insurers": [insurer.as_json() for insurer in self.insurers],
        }


def older(confirmed_on: date | None, age: timedelta, today: date | None, unknown=False) -> bool:
    """Whether a fact was confirmed longer ago than ``age`` (``unknown`` when never)."""
    if confirmed_on is None:
        return unknown
    return confirmed_on < (today or timezone.localdate()) - age


@dataclass(frozen=True)
class Clinic:
    """A provider at one place, with each of its services that matched the search."""

    number: int  # its place in the results, as the list and the map number it
    services: list[Listing]

    def __getattr__(self, name):
        # Name, place, distance, demo and verification are the same for every service here.
        if name in _CLINIC_FIELDS:
            return getattr(self.services[0], name)
        raise AttributeError(name)

    def as_json(self) -> dict:
        """A map marker: the clinic, and its services as the API gives them."""
        first = self.services[0].as_json()
        return {
            "number": self.number,
            **{key: first[key] for key in _MARKER_KEYS},
            "services": [listing.as_json() for listing in self.services],
        }


_CLINIC_FIELDS = {
    "name", "profile_url", "latitude", "longitude", "distance_miles", "city", "state",
    "verified", "is_demo", "organization_id", "slug",
}  # fmt: skip
_MARKER_KEYS = ("name", "profile_url", "latitude", "longitude", "distance_miles", "is_demo")


def listings_for(hits: list[Hit], today: date | None = None) -> list[Listing]:
    """The listings of a page of hits, from the columns the search read (no further query)."""
    return [_listing(hit, today) for hit in hits]


def clinics_for(clinics: list[list[Hit]], first_number: int, today: date | None = None):
    """The clinics of a page searched ``by_clinic``, numbered from ``first_number``."""
    return [
        Clinic(number, listings_for(hits, today))
        for number, hits in enumerate(clinics, start=first_number)
    ]


def _listing(hit: Hit, today: date | None = None) -> Listing:
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
        organization_id=str(uuid.UUID(str(row["organization_id"]))),
        slug=row["slug"],
        today=today,
        payment=tuple(payment_codes(row["features"])),
        insurers=tuple(read_shown(row["insurers_shown"])),
    )


def _date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value

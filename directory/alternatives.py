"""Where else to go: the nearest clinics that are accepting new patients, for the profile of one
that is not."""

from dataclasses import dataclass
from urllib.parse import urlencode

from directory.geocode import Place
from directory.listings import Listing, listings_for
from directory.search import Filters, Query, nearby

ALTERNATIVES_SHOWN = 3
ALTERNATIVES_RADIUS = 100  # miles
# Each clinic has a row per service, so read a few more than shown to find distinct clinics.
ROWS_READ = 12


@dataclass(frozen=True)
class Alternatives:
    listings: list[Listing]  # one per clinic, nearest first
    radius: int
    find_url: str  # the finder, near this clinic, accepting only


def accepting_near(organization, profile) -> Alternatives | None:
    """The nearest other clinics accepting new patients for the treatment this one offers, within
    ALTERNATIVES_RADIUS miles of its first address; None for a clinic with no address."""
    if not profile.physical_locations:
        return None
    place = profile.physical_locations[0]
    address = getattr(place, "address", None)
    centre = Place(
        label=organization.name,
        latitude=place.latitude,
        longitude=place.longitude,
        state=address.state_province if address else "",
        zip_code=address.postal_code if address else "",
    )
    treatment = profile.services[0].service.treatment.code if profile.services else None
    query = Query(
        place=centre,
        radius=ALTERNATIVES_RADIUS,
        filters=Filters(treatment=treatment, accepting_only=True),
        per_page=ROWS_READ,
    )
    seen = {organization.slug}
    found = []
    for listing in listings_for(nearby(query).hits):
        if listing.slug not in seen:
            seen.add(listing.slug)
            found.append(listing)
    search = {"near": centre.zip_code, "accepting": "on"}
    if treatment:
        search["treatment"] = treatment
    find_url = f"/find/?{urlencode(search)}" if centre.zip_code else "/find/"
    return Alternatives(found[:ALTERNATIVES_SHOWN], ALTERNATIVES_RADIUS, find_url)

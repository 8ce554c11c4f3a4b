"""Offline geocoding of US places from the `zipcodes` package's data (ZIP centroids).

Understands "12345", "12345-6789", "City, ST" and "City, State", and an address holding a ZIP
("Austin, TX 78701": the ZIP wins). The package's coordinates come
from GeoNames (CC BY 4.0), credited on the site. Records whose coordinates are "0","0" have no
known position; such a ZIP falls back to its city's centre.
"""

import difflib
import math
import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _

from directory.geo import great_circle_miles
from directory.taxonomy import US_STATES

ZIP = re.compile(r"^(\d{5})(?:-\d{4})?$", re.ASCII)
ZIP_INSIDE = re.compile(r"(?<![\d-])(\d{5})(?:-\d{4})?(?![\d-])", re.ASCII)
COORDINATES = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$", re.ASCII)
STATE_BY_NAME = {name.lower(): code for code, name in US_STATES.items()}
MAX_INPUT = 100


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    state: str
    zip_code: str = ""


class UnknownPlace(ValueError):
    def __init__(self, message: str, suggestions: list[str]):
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions


@dataclass(frozen=True)
class _Gazetteer:
    zips: dict  # "10001" -> (city, state, lat, lng) with lat/lng None when unknown
    cities: dict  # ("new york", "NY") -> (city, lat, lng)
    city_names: dict  # "NY" -> ["New York", ...]


@cache
def _gazetteer() -> _Gazetteer:
    import zipcodes

    zips, sums = {}, {}
    for record in zipcodes.list_all():
        if record.get("country") != "US" or record["state"] not in US_STATES:
            continue
        lat, lng = float(record["lat"]), float(record["long"])
        known = not (lat == 0 and lng == 0)
        city, state = record["city"], record["state"]
        zips[record["zip_code"]] = (city, state, lat if known else None, lng if known else None)
        if known:
            key = (city.lower(), state)
            total = sums.setdefault(key, [city, 0.0, 0.0, 0])
            total[1] += lat
            total[2] += lng
            total[3] += 1
    cities = {key: (name, lat / n, lng / n) for key, (name, lat, lng, n) in sums.items()}
    city_names: dict[str, list[str]] = {}
    for (_lower, state), (name, _lat, _lng) in cities.items():
        city_names.setdefault(state, []).append(name)
    return _Gazetteer(zips, cities, city_names)


def load() -> None:
    """Read the ZIP and city tables now (about a second), so that no seeker's first search in a
    new web process waits for them. The WSGI module calls this when a process starts."""
    _gazetteer()
    _city_spellings()


def zip_codes_with_coordinates() -> list[tuple[str, str, str, float, float]]:
    """(zip, city, state, lat, lng) for every ZIP with a known position, in ZIP order."""
    return sorted(
        (code, city, state, lat, lng)
        for code, (city, state, lat, lng) in _gazetteer().zips.items()
        if lat is not None
    )


def locate(text: str) -> Place:
    """The place a seeker typed, or UnknownPlace with a message and suggestions."""
    text = " ".join((text or "").split())
    if not text:
        raise UnknownPlace(_("Enter a ZIP code or a city and state."), [])
    if len(text) > MAX_INPUT:
        raise UnknownPlace(
            _("That is too long for a place: enter a ZIP code or a city and state."), []
        )
    match = ZIP.match(text)
    if match:
        return _by_zip(match.group(1))
    match = COORDINATES.match(text)
    if match:
        return _by_coordinates(float(match.group(1)), float(match.group(2)))
    match = ZIP_INSIDE.search(text)
    if match:
        # "Austin, TX 78701": the ZIP is the most precise part of an address.
        return _by_zip(match.group(1))
    if "," in text:
        city, _sep, state = (part.strip() for part in text.rpartition(","))
        return _by_city(city, state)
    return _guess(text)


def _by_zip(code: str) -> Place:
    gazetteer = _gazetteer()
    record = gazetteer.zips.get(code)
    if record is None:
        raise UnknownPlace(
            _("We could not find the ZIP code %(zip)s. Check it, or enter a city and state.")
            % {"zip": code},
            [],
        )
    city, state, lat, lng = record
    if lat is None:
        centre = gazetteer.cities.get((city.lower(), state))
        if centre is None:
            raise UnknownPlace(
                _("We know ZIP %(zip)s but not where it is. Try a nearby city and state.")
                % {"zip": code},
                [f"{city}, {state}"],
            )
        lat, lng = centre[1], centre[2]
    return Place(f"{code} ({city}, {state})", lat, lng, state, code)


def _by_coordinates(latitude: float, longitude: float) -> Place:
    """A position from the browser: named after, and in the state of, the nearest ZIP centroid."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise UnknownPlace(_("Those coordinates are not a place on Earth."), [])
    scale = math.cos(math.radians(latitude)) ** 2
    code, (city, state, lat, lng) = min(
        ((code, record) for code, record in _gazetteer().zips.items() if record[2] is not None),
        key=lambda item: (item[1][2] - latitude) ** 2 + scale * (item[1][3] - longitude) ** 2,
    )
    if great_circle_miles(latitude, longitude, lat, lng) > 50:
        raise UnknownPlace(_("That position is not in the United States."), [])
    return Place(
        _("Your location (near %(zip)s, %(city)s, %(state)s)")
        % {"zip": code, "city": city, "state": state},
        latitude,
        longitude,
        state,
        code,
    )


def _state_code(text: str) -> str | None:
    if text.upper() in US_STATES:
        return text.upper()
    return STATE_BY_NAME.get(text.lower())


def _by_city(city: str, state_text: str) -> Place:
    gazetteer = _gazetteer()
    state = _state_code(state_text)
    if state is None:
        names = list(US_STATES.values()) + list(US_STATES)
        close = difflib.get_close_matches(state_text, names, n=3, cutoff=0.6)
        raise UnknownPlace(
            _("We do not recognise the state “%(state)s”. Use its name or two-letter code.")
            % {"state": state_text},
            [f"{city}, {_state_code(name) or name}" for name in close],
        )
    found = gazetteer.cities.get((city.lower(), state))
    if found:
        name, lat, lng = found
        return Place(f"{name}, {state}", lat, lng, state)
    close = difflib.get_close_matches(city, gazetteer.city_names.get(state, []), n=3, cutoff=0.7)
    raise UnknownPlace(
        _("We could not find “%(city)s” in %(state)s.") % {"city": city, "state": US_STATES[state]},
        [f"{name}, {state}" for name in close],
    )


def _guess(text: str) -> Place:
    """A place without a comma: "Austin TX", or a state alone, or a city alone."""
    words = text.rsplit(" ", 1)
    if len(words) == 2 and _state_code(words[1]):
        return _by_city(words[0], words[1])
    gazetteer = _gazetteer()
    matches = [
        f"{name}, {state}"
        for (lower, state), (name, _a, _b) in gazetteer.cities.items()
        if lower == text.lower()
    ]
    if matches:
        raise UnknownPlace(
            _("Add the state to “%(text)s”, for example “Austin, TX”, or enter a ZIP code.")
            % {"text": text},
            sorted(matches)[:5],
        )
    raise UnknownPlace(
        _(
            "We could not find “%(text)s”. Enter a ZIP code, or a city and state, for example "
            "“Austin, TX”."
        )
        % {"text": text},
        _close_cities(words[0]),
    )


def _close_cities(text: str) -> list[str]:
    """Up to five known "City, ST" whose city is spelt like ``text``, the most alike first.
    Only names with the same first letter and nearly the same length are compared: comparing
    all thirty thousand would take most of a second."""
    text = text.lower()
    if not text:
        return []
    places = _city_spellings()
    candidates = [name for name in places.get(text[0], {}) if abs(len(name) - len(text)) <= 2]
    close = difflib.get_close_matches(text, candidates, n=5, cutoff=0.75)
    return [place for name in close for place in places[text[0]][name]][:5]


@cache
def _city_spellings() -> dict[str, dict[str, list[str]]]:
    """first letter -> lower-case city name -> ["City, ST", ...]"""
    spellings: dict[str, dict[str, list[str]]] = {}
    for (lower, state), (name, _lat, _lng) in sorted(_gazetteer().cities.items()):
        spellings.setdefault(lower[:1], {}).setdefault(lower, []).append(f"{name}, {state}")
    return spellings

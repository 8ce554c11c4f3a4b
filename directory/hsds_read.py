"""Reading Open Referral HSDS 3.0 data: organizations with their nested records.

Accepts a JSON file (one organization, a list of them, or an HSDS Page with ``contents``), NDJSON
(one organization a line), or a directory holding the tabular data package (``datapackage.json``
and a CSV per table), which is assembled into the same nested records. Each record is checked
and turned into a plan of rows (``OrganizationPlan``) before anything is written, so that a bad
record is named by its position and field and the import can write nothing.
"""

import csv
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from directory import geocode, taxonomy
from directory.geocode import STATE_BY_NAME, UnknownPlace
from directory.taxonomy import US_STATES

#: A taxonomy term is Psycle's own when its taxonomy is one of Psycle's facets (``treatment``,
#: ``route``, ...), written plainly or as ``psycle:<facet>``. Terms of a taxonomy named
#: ``psycle`` carry one of Psycle's own fields (the term's code) with the attribute's value.
PSYCLE_FIELDS_TAXONOMY = "psycle"
INSURER_TAXONOMY = "insurer"
UNKNOWN_TREATMENT = "other"
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SERVICE_FIELDS = {
    "accepting_new_patients": "bool", "accepting_confirmed_on": "date", "is_remote": "bool",
    "insurance_notes": "text", "dosing_approach": "text", "monitoring": "text",
    "integration_therapy_included": "bool", "first_course_sessions": "int",
    "first_course_price": "decimal", "refund_policy": "text", "protocol_confirmed_on": "date",
}  # fmt: skip


class HsdsError(ValueError):
    pass


class RecordError(ValueError):
    """A record that cannot be imported, with its position and the field at fault."""


@dataclass
class LocationPlan:
    values: dict
    address: dict | None = None
    schedules: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class TermPlan:
    """A taxonomy term the service has (an attribute), with what the attribute says."""

    attribute_id: uuid.UUID
    term_id: str
    facet: str
    code: str
    name: str
    value: str = ""
    confirmed_on: date | None = None


@dataclass
class ServicePlan:
    values: dict
    treatment: str
    terms: list[TermPlan] = field(default_factory=list)
    insurers: list[dict] = field(default_factory=list)  # id, slug, name, plan, confirmed_on
    costs: list[dict] = field(default_factory=list)
    languages: list[dict] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)  # US states served (remote programmes)
    links: list[dict] = field(default_factory=list)  # services at locations: id, location_id

    @property
    def location_ids(self) -> set[uuid.UUID]:
        return {link["location_id"] for link in self.links}


@dataclass
class OrganizationPlan:
    position: int
    values: dict
    locations: list[LocationPlan] = field(default_factory=list)
    phones: list[dict] = field(default_factory=list)
    services: list[ServicePlan] = field(default_factory=list)

    @property
    def id(self) -> uuid.UUID:
        return self.values["id"]


def load(path: Path) -> list:
    """The organization records at ``path``, nested, in the order given."""
    if path.is_dir():
        return _from_package(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = _ndjson(text, path)
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    return data if isinstance(data, list) else [data]


def _ndjson(text: str, path: Path) -> list:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise HsdsError(f"{path.name} line {number} is not JSON: {error.msg}") from error
    return records


def _rows(directory: Path, name: str) -> list[dict]:
    path = directory / f"{name}.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8-sig") as source:
        return [
            {key: (value if value != "" else None) for key, value in row.items()}
            for row in csv.DictReader(source)
        ]


def _by(rows: list[dict], key: str) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[row[key]].append(row)
    return grouped


def _from_package(directory: Path) -> list:
    """The tabular data package, assembled into nested organization records."""
    if not (directory / "datapackage.json").exists():
        raise HsdsError(f"{directory} has no datapackage.json: it is not an HSDS data package")
    terms = {row["id"]: row for row in _rows(directory, "taxonomy_terms")}
    attributes = _by(_rows(directory, "attributes"), "link_id")
    for links in attributes.values():
        for link in links:
            link["taxonomy_term"] = terms.get(link.get("taxonomy_term_id"))
    addresses = _by(_rows(directory, "addresses"), "location_id")
    schedules = {key: _by(_rows(directory, "schedules"), key) for key in ("location_id",)}
    locations = _by(_rows(directory, "locations"), "organization_id")
    for rows in locations.values():
        for row in rows:
            row["addresses"] = addresses.get(row["id"], [])
            row["schedules"] = schedules["location_id"].get(row["id"], [])
    phones = _by(_rows(directory, "phones"), "organization_id")
    links = _by(_rows(directory, "service_at_location"), "service_id")
    costs = _by(_rows(directory, "cost_options"), "service_id")
    for rows in costs.values():
        for row in rows:
            row["attributes"] = attributes.get(row["id"], [])
    languages = _by(_rows(directory, "languages"), "service_id")
    areas = _by(_rows(directory, "service_areas"), "service_id")
    services = _by(_rows(directory, "services"), "organization_id")
    for rows in services.values():
        for row in rows:
            row["service_at_locations"] = links.get(row["id"], [])
            own = attributes.get(row["id"], [])
            # An attribute's own attributes (when a payment option was confirmed) beside it.
            row["attributes"] = own + [a for link in own for a in attributes.get(link["id"], [])]
            row["cost_options"] = costs.get(row["id"], [])
            row["languages"] = languages.get(row["id"], [])
            row["service_areas"] = areas.get(row["id"], [])
    organizations = _rows(directory, "organizations")
    for row in organizations:
        row["locations"] = locations.get(row.get("id"), [])
        row["services"] = services.get(row.get("id"), [])
        row["phones"] = [p for p in phones.get(row.get("id"), []) if not p.get("location_id")]
        row["attributes"] = attributes.get(row.get("id"), [])
    return organizations


def plan(records: list) -> tuple[list[OrganizationPlan], list[str]]:
    """A plan for every record, and the errors of those that cannot be imported."""
    plans, errors = [], []
    for position, record in enumerate(records, start=1):
        try:
            plans.append(_organization(position, record))
        except RecordError as error:
            errors.append(f"record {position}: {error}")
    return plans, errors


def _text(record: dict, key: str, limit: int) -> str:
    value = record.get(key)
    return " ".join(str(value).split())[:limit] if value is not None else ""


def _id(record: dict, what: str) -> uuid.UUID:
    value = record.get("id")
    if not value:
        raise RecordError(f"{what} has no id")
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise RecordError(f"{what} id {value!r} is not a UUID") from None


def _organization(position: int, record) -> OrganizationPlan:
    if not isinstance(record, dict):
        raise RecordError("is not an organization object")
    pk = _id(record, "organization")
    name = _text(record, "name", 200)
    if not name:
        raise RecordError("organization has no name")
    website = _text(record, "website", 200)
    organization = OrganizationPlan(position, {
        "id": pk, "name": name, "description": str(record.get("description") or "").strip(),
        "email": _text(record, "email", 254), "website": website,
        "slug": _slug(pk, name, record.get("attributes")),
        **_organization_fields(pk, record.get("attributes")),
    })  # fmt: skip
    for location in record.get("locations") or []:
        organization.locations.append(_location(location))
    known = {place.values["id"] for place in organization.locations}
    organization.phones = _phones(record.get("phones"), None)
    for place, location in zip(organization.locations, record.get("locations") or [], strict=True):
        organization.phones.extend(_phones(location.get("phones"), place.values["id"]))
    for number, service in enumerate(record.get("services") or [], start=1):
        organization.services.append(_service(number, service, known))
    # The same phone or schedule may be given at several levels: store it once.
    organization.phones = list({phone["id"]: phone for phone in organization.phones}.values())
    seen = set()
    for place in organization.locations:
        place.schedules = [
            day for day in place.schedules if not (day["id"] in seen or seen.add(day["id"]))
        ]
    return organization


def _phones(phones, location_id) -> list[dict]:
    found = []
    for phone in phones or []:
        number = _text(phone, "number", 30).strip('"')
        if number:
            description = _text(phone, "description", 100)
            found.append({"id": _id(phone, "phone"), "location_id": location_id,
                          "number": number, "description": description})  # fmt: skip
    return found


def _location(record: dict) -> LocationPlan:
    pk = _id(record, "location")
    kind = record.get("location_type") or "physical"
    if kind not in ("physical", "postal", "virtual"):
        raise RecordError(f"location {pk}: location_type {kind!r} is not physical or virtual")
    addresses = sorted(
        record.get("addresses") or [], key=lambda a: a.get("address_type") != "physical"
    )
    address = _address(pk, addresses[0]) if addresses else None
    values = {"id": pk, "name": _text(record, "name", 200) or _text(record, "id", 200),
              "location_type": "virtual" if kind == "virtual" else "physical",
              "latitude": None, "longitude": None}  # fmt: skip
    if kind != "virtual":
        values["latitude"], values["longitude"] = _position(pk, record, address)
    schedules = [day for row in record.get("schedules") or [] for day in _weekly(pk, row)]
    return LocationPlan(values, address, schedules)


def _position(pk, record: dict, address: dict | None) -> tuple[float, float]:
    latitude, longitude = record.get("latitude"), record.get("longitude")
    if latitude not in (None, "") and longitude not in (None, ""):
        try:
            latitude, longitude = float(latitude), float(longitude)
        except ValueError:
            raise RecordError(f"location {pk}: latitude and longitude must be numbers") from None
        if not -90 <= latitude <= 90:
            raise RecordError(f"location {pk}: latitude {latitude:g} is not between -90 and 90")
        if not -180 <= longitude <= 180:
            raise RecordError(f"location {pk}: longitude {longitude:g} is not between -180 and 180")
        return latitude, longitude
    postal_code = (address or {}).get("postal_code", "")
    try:
        place = geocode.locate(postal_code[:5]) if postal_code else None
    except UnknownPlace:
        place = None
    if place is None:
        raise RecordError(
            f"location {pk} has no latitude and longitude, and no known US ZIP to place it"
        )
    return place.latitude, place.longitude


def _address(location_id, record: dict) -> dict:
    state = _text(record, "state_province", 60)
    code = state.upper() if state.upper() in US_STATES else STATE_BY_NAME.get(state.lower())
    if code is None:
        raise RecordError(f"location {location_id}: state_province {state!r} is not a US state")
    country = _text(record, "country", 2).upper() or "US"
    if country != "US":
        raise RecordError(f"location {location_id}: country {country!r} is outside the US")
    lines = [_text(record, "address_1", 200), _text(record, "address_2", 200)]
    return {"id": _id(record, "address"), "location_id": location_id,
            "address_1": ", ".join(line for line in lines if line)[:200],
            "city": _text(record, "city", 100), "state_province": code,
            "postal_code": _text(record, "postal_code", 10), "country": "US"}  # fmt: skip


def _weekly(location_id, record: dict) -> list[dict]:
    """One row per day of a weekly schedule with opening hours; other schedules are left out."""
    if (record.get("freq") or "").upper() != "WEEKLY":
        return []
    opens, closes = _time(record.get("opens_at")), _time(record.get("closes_at"))
    if opens is None or closes is None or closes <= opens:
        return []
    days = [day.strip().upper() for day in (record.get("byday") or "").split(",")]
    return [
        {"id": uuid.uuid5(_id(record, "schedule"), day), "location_id": location_id,
         "byday": day, "opens_at": opens, "closes_at": closes}
        for day in days if day in DAYS
    ]  # fmt: skip


def _time(value) -> time | None:
    try:
        return time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _service(number: int, record: dict, locations: set) -> ServicePlan:
    pk = _id(record, f"service {number}")
    name = _text(record, "name", 200)
    if not name:
        raise RecordError(f"service {number} has no name")
    status = "active" if (record.get("status") or "active") == "active" else "inactive"
    attributes = record.get("attributes")
    terms, treatment, insurers = _terms(pk, attributes, _fallback_day(record))
    values = {"id": pk, "name": name, "description": str(record.get("description") or ""),
              "status": status, **_service_fields(pk, attributes)}  # fmt: skip
    service = ServicePlan(values, treatment, terms, insurers)
    for link in record.get("service_at_locations") or []:
        location_id = (link.get("location") or {}).get("id") or link.get("location_id")
        try:
            location_id = uuid.UUID(str(location_id))
        except ValueError:
            location_id = None
        if location_id not in locations:
            raise RecordError(f"service {pk}: service_at_location {link.get('id')} names no "
                              "location of this organization")  # fmt: skip
        if location_id not in service.location_ids:
            link_id = _id(link, f"service {pk}: service_at_location")
            service.links.append({"id": link_id, "location_id": location_id})
    service.costs = [_cost(pk, row, record) for row in record.get("cost_options") or []]
    service.languages = [
        {"id": _id(row, "language"), "code": _text(row, "code", 10), "name": _text(row, "name", 60)}
        for row in record.get("languages") or [] if row.get("code") or row.get("name")
    ]  # fmt: skip
    service.areas = _areas(record.get("service_areas"))
    return service


def _areas(areas) -> list[dict]:
    """Service areas named by a US state (its code or name); others are not Psycle's kind."""
    found = {}
    for area in areas or []:
        name = _text(area, "name", 60)
        code = name.upper() if name.upper() in US_STATES else STATE_BY_NAME.get(name.lower())
        if code and code not in found:
            found[code] = {"id": _id(area, "service area"), "state": code}
    return list(found.values())


def _slug(pk, name: str, attributes) -> str:
    """The listing's address: Psycle's own (the ``slug`` attribute an export carries), so links
    to a profile keep working, unless another listing has it; else one made from the name."""
    from directory.models import Organization

    given = slugify(_psycle_values(attributes).get("slug", ""))[:120]
    if given and not Organization.objects.filter(slug=given).exclude(pk=pk).exists():
        return given
    return f"{slugify(name)[:100].strip('-') or 'provider'}-{str(pk)[:8]}"


def _organization_fields(pk, attributes) -> dict:
    """Psycle's organization fields carried as attributes: demo, and the verification."""
    values = _psycle_values(attributes)
    fields = {"is_demo": values.get("is_demo", "").lower() == "true"}
    verification = values.get("verification", "")
    if verification in ("verified", "unverified", "rejected"):
        try:
            verified_on = values.get("verified_on")
            fields.update(
                verification=verification,
                verified_on=date.fromisoformat(verified_on) if verified_on else None,
                verified_by_name=values.get("verified_by_name", "")[:200],
            )
        except ValueError:
            raise RecordError(f"organization {pk}: attribute verified_on is not a date") from None
    return fields


def _facet_of(term: dict) -> str:
    name = str(term.get("taxonomy") or (term.get("taxonomy_detail") or {}).get("name") or "")
    return name.lower().removeprefix("psycle:").removeprefix("psycle-")


def _terms(pk, attributes, fallback_day: date) -> tuple[list[TermPlan], str, list[dict]]:
    """The service's taxonomy terms (Psycle's and others, all kept, one attribute a term), its
    treatment, and the insurers it takes (one a carrier and plan), each with the day the
    provider last confirmed it where the feed says."""
    terms, treatment, insurers = {}, None, {}
    confirmed = _confirmed_days(pk, attributes)
    for attribute in attributes or []:
        term = attribute.get("taxonomy_term") or {}
        if not term or _facet_of(term) == PSYCLE_FIELDS_TAXONOMY:
            continue
        facet, code = _facet_of(term), str(term.get("code") or term.get("name") or "")
        known = taxonomy.BY_CODE.get(facet)
        if facet == taxonomy.TREATMENT.code and known.term(code):
            treatment = treatment or code
            continue
        name = _text(term, "name", 120) or code
        attribute_id = _id(attribute, f"service {pk}: attribute")
        value = _text(attribute, "value", 300)
        if facet == INSURER_TAXONOMY:
            slug, plan = slugify(code)[:80] or "insurer", value[:120]
            day = confirmed.get(str(attribute_id)) or fallback_day
            insurers.setdefault((slug, plan), {"id": attribute_id, "slug": slug, "name": name,
                                               "plan": plan, "confirmed_on": day})  # fmt: skip
            continue
        facet, code = (facet or "hsds")[:40], slugify(code)[:60] or "term"
        terms.setdefault((facet, code), TermPlan(
            attribute_id, str(_id(term, "taxonomy term")), facet, code, name, value,
            confirmed.get(str(attribute_id)),
        ))  # fmt: skip
    return list(terms.values()), treatment or UNKNOWN_TREATMENT, list(insurers.values())


def _confirmed_days(pk, attributes) -> dict[str, date]:
    """Attribute id -> the day its payment option or insurer was confirmed (Psycle writes it
    as an attribute of the attribute)."""
    days = {}
    for attribute in attributes or []:
        term = attribute.get("taxonomy_term") or {}
        if (
            attribute.get("link_entity") == "attribute"
            and _facet_of(term) == PSYCLE_FIELDS_TAXONOMY
            and term.get("code") == "confirmed_on"
        ):
            text = str(attribute.get("value") or "")
            try:
                days[str(attribute.get("link_id"))] = date.fromisoformat(text)
            except ValueError:
                raise RecordError(f"service {pk}: attribute confirmed_on {text!r} is not a "
                                  "date") from None  # fmt: skip
    return days


def _fallback_day(record: dict) -> date:
    """The day a price or insurer counts as confirmed when the feed does not say: the day the
    record was last modified, else the day of the import."""
    try:
        return date.fromisoformat(str(record.get("last_modified") or "")[:10])
    except ValueError:
        return timezone.localdate()


def _psycle_values(attributes) -> dict[str, str]:
    """Psycle's own fields carried as attributes of this record: term code -> value."""
    return {
        str(attribute["taxonomy_term"].get("code")): str(attribute.get("value") or "")
        for attribute in attributes or []
        if attribute.get("taxonomy_term")
        and _facet_of(attribute["taxonomy_term"]) == PSYCLE_FIELDS_TAXONOMY
        and attribute.get("link_entity") != "attribute"
    }


def _service_fields(pk, attributes) -> dict:
    values = {}
    for code, text in _psycle_values(attributes).items():
        kind = SERVICE_FIELDS.get(code)
        if kind is None:
            continue
        try:
            values[code] = _parsed(kind, text)
        except (ValueError, InvalidOperation):
            raise RecordError(f"service {pk}: attribute {code} {text!r} is not a {kind}") from None
    return values


def _parsed(kind: str, text: str):
    if kind == "bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(text)
        return text.lower() == "true"
    if kind == "date":
        return date.fromisoformat(text) if text else None
    if kind == "int":
        return int(text) if text else None
    if kind == "decimal":
        return Decimal(text) if text else None
    return text


def _cost(service_id, row: dict, service: dict) -> dict:
    try:
        amount = Decimal(str(row.get("amount")))
    except InvalidOperation:
        raise RecordError(f"service {service_id}: cost option amount is not a number") from None
    if not amount.is_finite() or amount < 0:
        raise RecordError(f"service {service_id}: cost option amount {amount} is not a price")
    own = _psycle_values(row.get("attributes"))
    try:
        per_session = _parsed("bool", own.get("per_session") or "true")
        confirmed_on = _parsed("date", own.get("confirmed_on", "")) or _fallback_day(service)
    except ValueError:
        raise RecordError(f"service {service_id}: cost option attribute per_session or "
                          "confirmed_on is not a true/false or a date") from None  # fmt: skip
    return {"id": _id(row, "cost option"), "option": _text(row, "option", 120) or "Fee",
            "amount": amount.quantize(Decimal("0.01")),
            "currency": (_text(row, "currency", 3) or "USD").upper(),
            "per_session": per_session, "includes": _text(row, "amount_description", 300),
            "confirmed_on": confirmed_on}  # fmt: skip

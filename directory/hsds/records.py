"""Every directory record as an HSDS 3.0 record: written once here, read by the API under
/api/hsds/ and by ``manage.py export_hsds``, so both give exactly the same data.

HSDS has a field for most of what Psycle stores. What it has no field for travels as an HSDS
attribute whose taxonomy term belongs to the published Psycle taxonomy (``PSYCLE_TAXONOMY``):
``PSYCLE_FIELDS`` lists them, each with the record it belongs to and how its value is written
(``true``/``false``, ISO dates, numbers as text). A field with no value is left out. The
treatment of a service is an attribute whose term is in the ``treatment`` taxonomy; its other
facets (route, setting, ...) are attributes with terms of their own taxonomies.

The record functions read related rows prefetched into lists (``_rows``), so callers prefetch them
(``organization_prefetch``, ``service_prefetch``, ``SERVICE_AT_LOCATION_RELATED``) and a page
or a chunk of records costs a fixed number of queries.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import get_language

from directory import taxonomy
from directory.models import (
    Insurer,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
    TaxonomyTerm,
)
from directory.taxonomy import US_STATES

#: Seeds the ids of the taxonomies and of the Psycle field terms, so they never change.
NAMESPACE = uuid.UUID("95f8f6b5-609a-4638-85da-ee9b7a298a5a")
PSYCLE_TAXONOMY = "psycle"
HSDS_VERSION = "3.0"


@lru_cache(maxsize=1024)
def taxonomy_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"taxonomy:{code}")


@lru_cache(maxsize=256)
def field_term_id(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term:{PSYCLE_TAXONOMY}:{name}")


def insurer_term_id(slug: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term:{INSURER_TAXONOMY}:{slug}")


@dataclass(frozen=True)
class PsycleField:
    entity: str  # the HSDS record it is an attribute of: organization, service, cost_option
    name: str  # the model field, and the term's code
    kind: str  # text, bool, date, int, decimal; rows: one attribute per related row
    description: str


PSYCLE_FIELDS = (
    PsycleField(
        "organization", "slug", "text", "The provider's address on Psycle (/providers/<slug>/)."
    ),
    PsycleField("organization", "is_demo", "bool", "Generated demo data, not a real provider."),
    PsycleField(
        "organization",
        "verification",
        "text",
        "unverified, verified or rejected: whether Psycle checked the provider's licences.",
    ),
    PsycleField("organization", "verified_by_name", "text", "Who verified the provider."),
    PsycleField("organization", "verified_on", "date", "When the provider was verified."),
    PsycleField(
        "organization",
        "license",
        "rows",
        "A licence, written 'kind; state; number; holder'; one attribute per licence.",
    ),
    PsycleField(
        "service", "accepting_new_patients", "bool", "Whether the service takes new patients."
    ),
    PsycleField(
        "service",
        "accepting_confirmed_on",
        "date",
        "When the provider last confirmed accepting_new_patients.",
    ),
    PsycleField(
        "service", "is_remote", "bool", "Given by telehealth to the states of its service areas."
    ),
    PsycleField("service", "insurance_notes", "text", "What the provider says about insurance."),
    PsycleField(
        "service", "dosing_approach", "text", "Protocol card: how the dose is chosen and given."
    ),
    PsycleField(
        "service", "monitoring", "text", "Protocol card: how a patient is watched during and after."
    ),
    PsycleField(
        "service",
        "integration_therapy_included",
        "bool",
        "Protocol card: whether integration therapy is part of the course.",
    ),
    PsycleField(
        "service", "first_course_sessions", "int", "Protocol card: sessions in a first course."
    ),
    PsycleField(
        "service",
        "first_course_price",
        "decimal",
        "Protocol card: total price of a first course, US dollars.",
    ),
    PsycleField("service", "refund_policy", "text", "Protocol card: what is refunded."),
    PsycleField(
        "service",
        "protocol_confirmed_on",
        "date",
        "When the provider last confirmed the protocol card.",
    ),
    PsycleField(
        "cost_option", "per_session", "bool", "The price of one session (used to compare prices)."
    ),
    PsycleField(
        "cost_option",
        "confirmed_on",
        "date",
        "When the provider last confirmed the price; on an attribute (link_entity 'attribute'), "
        "when they last confirmed that payment option or insurer.",
    ),
)
CONFIRMED_ON = PSYCLE_FIELDS[-1]
#: Insurance carriers are terms of a taxonomy of their own; an attribute's value names the plan
#: or network when the service takes only some of the carrier's plans.
INSURER_TAXONOMY = "insurer"
FIELDS_OF = {
    entity: [field for field in PSYCLE_FIELDS if field.entity == entity]
    for entity in ("organization", "service", "cost_option")
}
FIELD_BY_NAME = {field.name: field for field in PSYCLE_FIELDS}


def as_text(value, kind: str) -> str | None:
    """A field's value as an attribute's text; None when there is nothing to say."""
    if value is None or value == "":
        return None
    if kind == "bool":
        return "true" if value else "false"
    if kind in ("date", "decimal", "int"):
        return str(value.isoformat() if isinstance(value, date) else value)
    return str(value)


def _timestamp(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def _clean(record: dict) -> dict:
    """HSDS leaves out what has no value rather than writing null or an empty string."""
    return {key: value for key, value in record.items() if value is not None and value != ""}


def _facet_name(code: str) -> str:
    if code == INSURER_TAXONOMY:
        return "Insurer"
    facet = taxonomy.BY_CODE.get(code)
    return str(facet.name) if facet else code


# Taxonomies and terms --------------------------------------------------------------------------


def _context() -> tuple[str, str]:
    """What a cached record depends on besides its own data: the site's address, the language."""
    return settings.SITE_URL or "", get_language() or ""


def taxonomy_record(code: str) -> dict:
    """A taxonomy: one of Psycle's facets, the Psycle field taxonomy, or one an import brought."""
    return _taxonomy_record(code, *_context())


@lru_cache(maxsize=256)
def _taxonomy_record(code: str, site_url: str, _language: str) -> dict:
    if code == PSYCLE_TAXONOMY:
        name = "Psycle listing fields"
        description = (
            "Fields of a Psycle listing that HSDS has no field for; each term is one field, "
            "carried as an attribute whose value is the field's value."
        )
    elif code == INSURER_TAXONOMY:
        name = "Psycle insurers"
        description = (
            "Insurance carriers the directory's services take. An attribute's value names the "
            "plan or network when a service takes only some of the carrier's plans."
        )
    elif code in taxonomy.BY_CODE:
        name = f"Psycle {_facet_name(code).lower()}"
        description = f"Psycle's {_facet_name(code).lower()} facet, as the finder filters it."
    else:
        name, description = code, f"Terms of the {code} taxonomy, as they were imported."
    return {
        "id": str(taxonomy_id(code)),
        "name": name,
        "description": description,
        "uri": f"{site_url}{reverse('hsds:taxonomy', args=[taxonomy_id(code)])}",
        "version": "1",
    }


def term_record(term, *, detail: bool = True) -> dict:
    """A stored taxonomy term (a ``TaxonomyTerm``) as an HSDS taxonomy term; with its
    taxonomy's record (``detail``), or only its id, as it is nested in attributes."""
    return _term_record(term.pk, term.taxonomy, term.code, term.name, detail, *_context())


@lru_cache(maxsize=4096)
def _term_record(pk, code_of_taxonomy, code, name, detail, site_url, language) -> dict:
    record = {
        "id": str(pk),
        "code": code,
        "name": name,
        "description": f"{_facet_name(code_of_taxonomy)}: {name}",
        "taxonomy": code_of_taxonomy,
        "taxonomy_id": str(taxonomy_id(code_of_taxonomy)),
    }
    if detail:
        record["taxonomy_detail"] = _taxonomy_record(code_of_taxonomy, site_url, language)
    return record


def field_term_record(field: PsycleField, *, detail: bool = True) -> dict:
    """A Psycle field as a term of the Psycle taxonomy."""
    return _field_term_record(field, detail, *_context())


@lru_cache(maxsize=256)
def _field_term_record(field: PsycleField, detail: bool, site_url: str, language: str) -> dict:
    record = {
        "id": str(field_term_id(field.name)),
        "code": field.name,
        "name": field.name.replace("_", " "),
        "description": f"{field.description} Value: {field.kind}; on a {field.entity}.",
        "taxonomy": PSYCLE_TAXONOMY,
        "taxonomy_id": str(taxonomy_id(PSYCLE_TAXONOMY)),
    }
    if detail:
        record["taxonomy_detail"] = _taxonomy_record(PSYCLE_TAXONOMY, site_url, language)
    return record


def _field_attributes(entity: str, instance, extra: list[tuple[str, str, str]] = ()) -> list:
    """The Psycle fields of ``instance`` that have a value, as HSDS attributes; ``extra`` adds
    (field name, key, value) for fields that are rows of their own (licences)."""
    values = [
        (field, field.name, as_text(getattr(instance, field.name), field.kind))
        for field in FIELDS_OF[entity]
        if field.kind != "rows"
    ]
    values += [(FIELD_BY_NAME[name], key, value) for name, key, value in extra]
    context, link_id = _context(), str(instance.pk)
    return [
        {
            "id": str(uuid.uuid5(instance.pk, f"{PSYCLE_TAXONOMY}:{key}")),
            "link_id": link_id,
            "link_type": PSYCLE_TAXONOMY,
            "link_entity": entity,
            "taxonomy_term_id": str(field_term_id(field.name)),
            "value": value,
            "taxonomy_term": _field_term_record(field, False, *context),
        }
        for field, key, value in values
        if value is not None
    ]


def _term_attribute(attribute_id, service, term, value: str = "") -> dict:
    return _clean(
        {
            "id": str(attribute_id),
            "link_id": str(service.pk),
            "link_type": term.taxonomy,
            "link_entity": "service",
            "taxonomy_term_id": str(term.pk),
            "value": value,
            "taxonomy_term": term_record(term, detail=False),
        }
    )


def _insurer_attribute(link, service) -> dict:
    term = insurer_term_record(link.insurer, detail=False)
    return _clean(
        {
            "id": str(link.pk),
            "link_id": str(service.pk),
            "link_type": INSURER_TAXONOMY,
            "link_entity": "service",
            "taxonomy_term_id": term["id"],
            "value": link.plan,
            "taxonomy_term": term,
        }
    )


def _confirmed(attribute_id: uuid.UUID, confirmed_on: date | None) -> list[dict]:
    """When the provider last confirmed a payment option or an insurer: an attribute of the
    attribute (``link_entity`` "attribute"), as HSDS has no date on an attribute."""
    if confirmed_on is None:
        return []
    return [
        {
            "id": str(uuid.uuid5(attribute_id, f"{PSYCLE_TAXONOMY}:{CONFIRMED_ON.name}")),
            "link_id": str(attribute_id),
            "link_type": PSYCLE_TAXONOMY,
            "link_entity": "attribute",
            "taxonomy_term_id": str(field_term_id(CONFIRMED_ON.name)),
            "value": confirmed_on.isoformat(),
            "taxonomy_term": field_term_record(CONFIRMED_ON, detail=False),
        }
    ]


def insurer_term_record(insurer, *, detail: bool = True) -> dict:
    """An insurance carrier (an ``Insurer``) as a term of the insurer taxonomy."""
    return _term_record(
        insurer_term_id(insurer.slug), INSURER_TAXONOMY, insurer.slug, insurer.name, detail,
        *_context(),
    )  # fmt: skip


def all_taxonomies() -> dict[uuid.UUID, str]:
    """Every taxonomy's id and code: the finder's facets, the Psycle fields, and any an import
    brought in."""
    codes = [facet.code for facet in taxonomy.FACETS] + [PSYCLE_TAXONOMY, INSURER_TAXONOMY]
    stored = TaxonomyTerm.objects.order_by("taxonomy").values_list("taxonomy", flat=True)
    codes += [code for code in stored.distinct() if code not in codes]
    return {taxonomy_id(code): code for code in codes}


def all_taxonomy_records() -> list[dict]:
    return [taxonomy_record(code) for code in all_taxonomies().values()]


def all_terms() -> list[dict]:
    """Every taxonomy term: those stored (facets, and any an import brought), then the Psycle
    field terms."""
    stored = [term_record(term) for term in TaxonomyTerm.objects.order_by("taxonomy", "code")]
    carriers = [insurer_term_record(insurer) for insurer in Insurer.objects.order_by("slug")]
    return stored + carriers + [field_term_record(field) for field in PSYCLE_FIELDS]


# Organizations ---------------------------------------------------------------------------------


def profile_url(organization) -> str:
    return f"{settings.SITE_URL}/providers/{organization.slug}/"


def organization_summary(organization) -> dict:
    """The organization's own fields (the HSDS list form)."""
    return _clean(
        {
            "id": str(organization.pk),
            "name": organization.name,
            "description": organization.description or organization.name,
            "email": organization.email,
            "website": organization.website,
            "uri": profile_url(organization),
        }
    )


def organization_record(organization, *, full_service: bool = False) -> dict:
    """The organization with its locations, phones, identifiers, attributes and services:
    each service in its list form, or in full (``full_service``)."""
    licences = [
        (
            "license",
            f"license:{licence.pk}",
            f"{licence.kind}; {licence.state}; {licence.number}; {licence.holder}",
        )
        for licence in _rows(organization, "licenses")
    ]
    locations = {location.pk: location for location in _rows(organization, "locations")}
    services = _rows(organization, "services")
    return {
        **organization_summary(organization),
        "phones": [_phone(phone) for phone in organization.own_phones],
        "locations": [location_record(location) for location in locations.values()],
        "organization_identifiers": [
            {
                "id": str(uuid.uuid5(organization.pk, "npi")),
                "organization_id": str(organization.pk),
                "identifier_scheme": "US-NPI",
                "identifier_type": "National Provider Identifier (NPI)",
                "identifier": organization.npi,
            }
        ]
        if organization.npi
        else [],
        "attributes": _field_attributes("organization", organization, licences),
        "services": [
            service_record(service, locations=locations, nest_organization=False)
            if full_service
            else service_summary(service, nest_organization=False)
            for service in services
        ],
    }


# Locations -------------------------------------------------------------------------------------


def _phone(phone) -> dict:
    return _clean(
        {
            "id": str(phone.pk),
            "organization_id": str(phone.organization_id),
            "location_id": str(phone.location_id) if phone.location_id else None,
            "number": phone.number,
            "type": "voice",
            "description": phone.description,
        }
    )


def _address(location) -> list[dict]:
    try:
        address = location.address
    except Location.address.RelatedObjectDoesNotExist:
        return []
    return [
        {
            "id": str(address.pk),
            "location_id": str(location.pk),
            "address_1": address.address_1,
            "city": address.city,
            "state_province": address.state_province,
            "postal_code": address.postal_code,
            "country": address.country,
            "address_type": "physical",
        }
    ]


def location_summary(location) -> dict:
    return _clean(
        {
            "id": str(location.pk),
            "location_type": location.location_type,
            "organization_id": str(location.organization_id),
            "name": location.name,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    )


def location_record(location) -> dict:
    """The location with its address, phones, opening hours and accessibility."""
    accessibility = []
    if location.accessibility:
        accessibility.append(
            {
                "id": str(uuid.uuid5(location.pk, "accessibility")),
                "location_id": str(location.pk),
                "description": location.accessibility,
            }
        )
    return {
        **location_summary(location),
        "addresses": _address(location),
        "phones": [_phone(phone) for phone in _rows(location, "phones")],
        "schedules": [
            {
                "id": str(schedule.pk),
                "location_id": str(location.pk),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": schedule.byday,
                "opens_at": schedule.opens_at.strftime("%H:%M"),
                "closes_at": schedule.closes_at.strftime("%H:%M"),
            }
            for schedule in _rows(location, "schedules")
        ],
        "accessibility": accessibility,
    }


# Services --------------------------------------------------------------------------------------


def service_summary(service, *, nest_organization: bool = True) -> dict:
    """The service's own fields (the HSDS list form), with its organization's when asked."""
    organization = service.organization
    record = _clean(
        {
            "id": str(service.pk),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "description": service.description,
            "email": organization.email,
            "status": service.status,
            "alert": "Demo listing: generated, not a real provider."
            if organization.is_demo
            else "",
            "last_modified": _timestamp(organization.updated_at),
        }
    )
    if nest_organization:
        record["organization"] = organization_summary(organization)
    return record


def service_record(service, *, locations: dict | None = None, nest_organization=True) -> dict:
    """The service with everything about it. ``locations`` (id to Location) supplies the
    locations it is given at when the caller has read them already (the organization's)."""
    attributes = [_term_attribute(uuid.uuid5(service.pk, "treatment"), service, service.treatment)]
    for link in _rows(service, "attribute_links"):
        attributes.append(_term_attribute(link.pk, service, link.taxonomy_term, link.value))
        attributes += _confirmed(link.pk, link.confirmed_on)
    for link in _rows(service, "insurer_links"):
        attributes.append(_insurer_attribute(link, service))
        attributes += _confirmed(link.pk, link.confirmed_on)
    attributes += _field_attributes("service", service)
    return {
        **service_summary(service, nest_organization=nest_organization),
        "service_areas": [
            {
                "id": str(area.pk),
                "service_id": str(service.pk),
                "name": area.state,
                "description": US_STATES.get(area.state, area.state),
                "extent_type": "US state",
            }
            for area in _rows(service, "service_areas")
        ],
        "service_at_locations": [
            {
                "id": str(link.pk),
                "service_id": str(service.pk),
                "location_id": str(link.location_id),
                "location": location_record(
                    locations[link.location_id] if locations is not None else link.location
                ),
            }
            for link in _rows(service, "at_locations")
        ],
        "languages": [
            {
                "id": str(language.pk),
                "service_id": str(service.pk),
                "name": language.name,
                "code": language.code,
            }
            for language in _rows(service, "languages")
        ],
        "cost_options": [_cost_option(option) for option in _rows(service, "cost_options")],
        "attributes": attributes,
    }


def _cost_option(option) -> dict:
    return _clean(
        {
            "id": str(option.pk),
            "service_id": str(option.service_id),
            "option": option.option,
            "currency": option.currency,
            "amount": float(option.amount) if isinstance(option.amount, Decimal) else option.amount,
            "amount_description": option.includes,
            "attributes": _field_attributes("cost_option", option),
        }
    )


def service_at_location_summary(link) -> dict:
    """A service at a location (the HSDS list form), with the service's and the location's own
    fields; ``link`` needs its service, the service's organization and its location."""
    service, location = link.service, link.location
    place = f"{service.name} at {location.name}"
    if service.organization.is_demo:
        place += " (demo listing: generated, not a real provider)"
    return {
        "id": str(link.pk),
        "service_id": str(service.pk),
        "location_id": str(location.pk),
        "description": place,
        "location": location_summary(location),
        "service": service_summary(service),
    }


# Services at locations read as plain columns, for pages that must be quick ------------------

#: The columns ``service_at_location_summary`` reads, by the attribute path it reads them at.
_SUMMARY_COLUMNS = {
    "pk": "id",
    "location.pk": "location_id",
    "location.location_type": "location__location_type",
    "location.organization_id": "location__organization_id",
    "location.name": "location__name",
    "location.latitude": "location__latitude",
    "location.longitude": "location__longitude",
    "service.pk": "service_id",
    "service.organization_id": "service__organization_id",
    "service.name": "service__name",
    "service.description": "service__description",
    "service.status": "service__status",
    "service.organization.pk": "service__organization_id",
    "service.organization.name": "service__organization__name",
    "service.organization.description": "service__organization__description",
    "service.organization.email": "service__organization__email",
    "service.organization.website": "service__organization__website",
    "service.organization.slug": "service__organization__slug",
    "service.organization.is_demo": "service__organization__is_demo",
    "service.organization.updated_at": "service__organization__updated_at",
}


def _shape(paths: list[str]) -> dict:
    """The paths (``service.name``) as a tree of names whose leaves are positions in a row."""
    tree: dict = {}
    for position, path in enumerate(paths):
        *parents, name = path.split(".")
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})
        node[name] = position
    return tree


def _nested(shape: dict, row: list):
    """An object whose attributes are the row's values at the shape's paths, as the record
    functions read a model instance's (``link.service.organization.name``)."""
    return SimpleNamespace(**{
        name: _nested(part, row) if isinstance(part, dict) else row[part]
        for name, part in shape.items()
    })  # fmt: skip


_SUMMARY_SHAPE = _shape(list(_SUMMARY_COLUMNS))


@lru_cache(maxsize=256)
def _summaries_statement(alias: str, count: int) -> tuple[str, tuple]:
    """The SQL that reads the summaries of ``count`` services at locations, and how each
    column's value comes from the driver: "uuid" (text on SQLite), or a Django converter."""
    placeholders = [uuid.UUID(int=n) for n in range(count)]  # only their number matters
    queryset = ServiceAtLocation.objects.using(alias).filter(pk__in=placeholders)
    queryset = queryset.values_list(*_SUMMARY_COLUMNS.values())
    compiler = queryset.query.get_compiler(alias)
    sql, _params = compiler.as_sql()
    kinds = []
    for column, _select, _alias in compiler.select:
        target = column.target
        field = target.target_field if target.is_relation else target
        if field.get_internal_type() == "UUIDField":
            kinds.append("uuid")
        else:
            converters = compiler.get_converters([column]).values()
            kinds.append(tuple(c for found, _expression in converters for c in found))
    return sql, tuple(kinds)


def service_at_location_summaries(ids: list) -> dict:
    """The list-form records of these services at locations, by id, read with one plain
    query (no model instances and no per-value conversion by the ORM: a page of a hundred
    costs about a millisecond)."""
    if not ids:
        return {}
    connection = connections[DEFAULT_DB_ALIAS]
    sql, kinds = _summaries_statement(DEFAULT_DB_ALIAS, len(ids))
    native = connection.features.has_native_uuid_field
    params = [pk if native else pk.hex for pk in ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    found = {}
    for fetched_row in fetched:
        row = []
        for kind, value in zip(kinds, fetched_row, strict=True):
            if kind == "uuid":
                value = value if native or value is None else uuid.UUID(value)
            else:
                for convert in kind:
                    value = convert(value, None, connection)
            row.append(value)
        link = _nested(_SUMMARY_SHAPE, row)
        found[link.pk] = service_at_location_summary(link)
    return found


# What the record functions read, for prefetch_related and select_related --------------------

#: Where a prefetch leaves a relation's rows: a list in ``<relation>_read``. Django then sets a
#: plain attribute, where prefetching into the related manager would build a queryset for
#: every instance (at a chunk of 500 organizations, thousands of querysets cloned).
READ = "_read"


def _rows(instance, relation: str):
    """The rows of one of the instance's relations: those prefetched, else read now."""
    rows = getattr(instance, relation + READ, None)
    return getattr(instance, relation).all() if rows is None else rows


def _read(lookup: str, queryset=None) -> Prefetch:
    """A prefetch of ``lookup``'s last relation into ``<relation>_read``; a path through
    relations prefetched the same way names them so (``services_read__cost_options``)."""
    return Prefetch(lookup, queryset=queryset, to_attr=lookup.rsplit("__", 1)[-1] + READ)


def _service_parts(prefix: str = "") -> list[Prefetch]:
    return [
        _read(f"{prefix}attribute_links", ServiceAttribute.objects.select_related("taxonomy_term")),
        _read(f"{prefix}insurer_links", ServiceInsurer.objects.select_related("insurer")),
        _read(f"{prefix}cost_options"),
        _read(f"{prefix}service_areas"),
        _read(f"{prefix}languages"),
    ]


def service_prefetch() -> list[Prefetch]:
    """What ``service_record`` reads, for ``prefetch_related`` on services (with their
    treatment and organization selected)."""
    return [
        *_service_parts(),
        _read("at_locations", ServiceAtLocation.objects.select_related("location__address")),
        _read(f"at_locations{READ}__location__phones"),
        _read(f"at_locations{READ}__location__schedules"),
    ]


SERVICE_AT_LOCATION_RELATED = ("service__organization", "location")


def organization_prefetch(*, full_service: bool) -> list:
    """What ``organization_record`` reads, for ``prefetch_related``."""
    prefetch = [
        _read("licenses"),
        Prefetch("phones", queryset=Phone.objects.filter(location=None), to_attr="own_phones"),
        _read("locations", Location.objects.order_by("id").select_related("address")),
        _read(f"locations{READ}__phones"),
        _read(f"locations{READ}__schedules"),
        _read("services", Service.objects.order_by("id").select_related("treatment")),
    ]
    if full_service:
        prefetch += [*_service_parts(f"services{READ}__"), _read(f"services{READ}__at_locations")]
    return prefetch


def organizations(*, full_service: bool):
    """Organizations in id order, with what their records read."""
    return Organization.objects.order_by("id").prefetch_related(
        *organization_prefetch(full_service=full_service)
    )

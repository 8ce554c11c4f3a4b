"""A seeded, deterministic generator of demo listings at real ZIP centroids.

Demo listings are marked ``is_demo`` and labelled as demo wherever they show. They carry no real
credentials (no NPI, no licence numbers), fictional phone numbers (555-01xx) and example.org
e-mail addresses, so nobody can mistake one for a real provider or reach a real one through it.
"""

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from core import bulk
from directory import indexing
from directory.geocode import zip_codes_with_coordinates
from directory.insurers import ensure_insurers
from directory.models import (
    Address,
    CostOption,
    Insurer,
    Language,
    Location,
    Organization,
    Phone,
    RemoteEntry,
    Schedule,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
    TaxonomyTerm,
)
from directory.taxonomy import US_STATES

DEMO_DATE = date(2026, 11, 1)
VERIFIER = "Psycle demo data (not a real verification)"

WORDS = (
    "Cedar", "Harbor", "Clearview", "Northstar", "Willow", "Summit", "Riverbend", "Lakeside",
    "Bright Path", "Open Door", "Evergreen", "Beacon", "Still Water", "New Leaf", "Meadow",
    "Horizon", "Kindred", "Compass", "Lighthouse", "Juniper", "Aspen", "Sequoia", "Pinecrest",
)  # fmt: skip
STREETS = ("Main", "Oak", "Elm", "Maple", "Park", "Washington", "Lake", "Hill", "Center", "Pine")
STREET_KINDS = ("St", "Ave", "Blvd", "Rd", "Way")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")


@dataclass
class ServiceSpec:
    id: uuid.UUID
    name: str
    treatment: str
    terms: list[tuple[str, str]]
    costs: list[tuple[str, Decimal, bool, str]]  # option, amount, per session, includes
    is_remote: bool = False
    states: list[str] = field(default_factory=list)
    accepting: bool = True
    insurance_notes: str = ""
    dosing_approach: str = ""
    monitoring: str = ""
    integration_included: bool | None = None
    course_sessions: int | None = None
    course_price: Decimal | None = None
    refund_policy: str = ""
    languages: list[tuple[str, str]] = field(default_factory=list)
    insurers: list[tuple[str, str]] = field(default_factory=list)  # (carrier slug, plan)


@dataclass
class ListingSpec:
    index: int
    id: uuid.UUID
    location_id: uuid.UUID
    kind: str
    name: str
    slug: str
    description: str
    email: str
    phone: str
    verified: bool
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float
    street: str
    hours: list[tuple[str, time, time]]
    accessibility: str
    confirmed_on: date
    services: list[ServiceSpec]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _money(rng: random.Random, low: int, high: int, step: int = 25) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step))


def _common_conditions(rng: random.Random) -> list[tuple[str, str]]:
    terms = [("condition", "depression"), ("condition", "treatment-resistant-depression")]
    for code, chance in (
        ("anxiety", 0.6), ("ptsd", 0.5), ("chronic-pain", 0.35), ("addiction", 0.15),
        ("ocd", 0.2), ("bipolar-depression", 0.1),
    ):  # fmt: skip
        if rng.random() < chance:
            terms.append(("condition", code))
    return terms


def _languages(rng: random.Random) -> list[tuple[str, str]]:
    languages = [("en", "English")]
    if rng.random() < 0.3:
        languages.append(("es", "Spanish"))
    if rng.random() < 0.05:
        languages.append(("zh", "Chinese"))
    return languages


def _therapist(rng: random.Random) -> list[tuple[str, str]]:
    roll = rng.random()
    if roll < 0.3:
        return [("therapist", "included")]
    if roll < 0.6:
        return [("therapist", "available")]
    return []


def _clinic_services(rng: random.Random, with_kap: bool) -> list[ServiceSpec]:
    routes = [("route", "iv")] if rng.random() < 0.9 else [("route", "im")]
    for code, chance in (("im", 0.3), ("intranasal", 0.1), ("sublingual", 0.2)):
        if rng.random() < chance and ("route", code) not in routes:
            routes.append(("route", code))
    therapist = _therapist(rng)
    payment = [("payment", "self_pay")]
    for code, chance in (
        ("hsa_fsa", 0.6),
        ("superbill", 0.5),
        ("payment_plan", 0.4),
        ("private_insurance", 0.15),
    ):
        if rng.random() < chance:
            payment.append(("payment", code))
    infusion = _money(rng, 350, 900)
    sessions = rng.choice((4, 6, 6, 6, 8))
    discount = Decimal(rng.choice((0, 0, 5, 10))) / 100
    course = (infusion * sessions * (1 - discount)).quantize(Decimal("1"))
    services = [
        ServiceSpec(
            id=_uuid(rng),
            name="Ketamine infusion therapy",
            treatment="ketamine",
            terms=[*routes, ("setting", "clinic"), *therapist, *_common_conditions(rng), *payment],
            costs=[
                ("One infusion", infusion, True, "Medicine, monitoring and recovery time"),
                (
                    "First consultation",
                    _money(rng, 150, 300),
                    False,
                    "Medical and psychiatric assessment",
                ),
            ],
            accepting=rng.random() < 0.85,
            insurance_notes="Insurance rarely covers ketamine for depression; we can give you a superbill."
            if ("payment", "superbill") in payment
            else "",
            dosing_approach="A weight-based dose given slowly over about 40 minutes.",
            monitoring="Blood pressure, heart rate and oxygen are checked throughout and afterwards.",
            integration_included=bool(therapist and therapist[0][1] == "included"),
            course_sessions=sessions,
            course_price=course,
            refund_policy=rng.choice(
                (
                    "Unused prepaid sessions are refunded in full.",
                    "Sessions cancelled with 48 hours' notice are refunded.",
                    "No refunds for prepaid courses; sessions can be rescheduled.",
                )
            ),
            languages=_languages(rng),
        )
    ]
    if with_kap:
        services.append(
            ServiceSpec(
                id=_uuid(rng),
                name="Ketamine-assisted psychotherapy",
                treatment="kap",
                terms=[("route", "im"), ("route", "sublingual"), ("setting", "clinic"),
                       ("therapist", "included"), *_common_conditions(rng), *payment],
                costs=[("One KAP session", _money(rng, 450, 1100), True, "Medicine and a therapist for the session")],
                accepting=rng.random() < 0.85,
                dosing_approach="A lower dose alongside a psychotherapy session.",
                monitoring="A clinician stays with you throughout.",
                integration_included=True,
                languages=_languages(rng),
            )
        )  # fmt: skip
    return services


def _esketamine_service(rng: random.Random) -> ServiceSpec:
    payment = [("payment", "self_pay")]
    if rng.random() < 0.85:
        payment.append(("payment", "private_insurance"))
    return ServiceSpec(
        id=_uuid(rng),
        name="Spravato (esketamine) treatment",
        treatment="esketamine",
        terms=[("route", "intranasal"), ("setting", "clinic"), *_therapist(rng),
               ("condition", "depression"), ("condition", "treatment-resistant-depression"), *payment],
        costs=[("One esketamine session", _money(rng, 590, 900), True, "Medicine and two hours of monitoring")],
        accepting=rng.random() < 0.85,
        insurance_notes="Often covered after two antidepressants have not helped; we check your plan."
        if ("payment", "private_insurance") in payment
        else "",
        dosing_approach="The nasal spray is taken under supervision at the centre.",
        monitoring="You stay at least two hours after each dose and do not drive that day.",
        integration_included=False,
        languages=_languages(rng),
    )  # fmt: skip


def _remote_service(rng: random.Random, home_state: str) -> ServiceSpec:
    states = sorted({home_state, *rng.sample(sorted(US_STATES), rng.randint(2, 15))})
    monthly = _money(rng, 129, 500, 1)
    return ServiceSpec(
        id=_uuid(rng),
        name="At-home ketamine programme",
        treatment="ketamine",
        terms=[("route", rng.choice(("sublingual", "oral"))), ("setting", "home"), ("setting", "telehealth"),
               *_therapist(rng), *_common_conditions(rng), ("payment", "self_pay"), ("payment", "hsa_fsa")],
        costs=[
            ("One at-home session", (monthly / 4).quantize(Decimal("1")), True, "Medicine and a video check-in"),
            ("One month", monthly, False, "Medicine, video visits and messaging"),
        ],
        is_remote=True,
        states=states,
        accepting=rng.random() < 0.9,
        dosing_approach="Tablets dissolved under the tongue at home, after a video assessment.",
        monitoring="A sitter must be with you; a clinician reviews each session by video or app.",
        integration_included=rng.random() < 0.4,
        course_sessions=6,
        course_price=monthly * 2,
        refund_policy="Cancel any time; the current month is not refunded.",
        languages=_languages(rng),
    )  # fmt: skip


def _talk_therapy_service(rng: random.Random, online: bool) -> ServiceSpec:
    conditions = [("condition", "depression"), ("condition", "anxiety")]
    for code, chance in (
        ("ptsd", 0.6),
        ("ocd", 0.3),
        ("addiction", 0.3),
        ("bipolar-depression", 0.2),
    ):
        if rng.random() < chance:
            conditions.append(("condition", code))
    payment = [("payment", "self_pay"), ("payment", "hsa_fsa")]
    if rng.random() < 0.7:
        payment.append(("payment", "private_insurance"))
    if rng.random() < 0.5:
        payment.append(("payment", "superbill"))
    settings = [("setting", "clinic")] + ([("setting", "telehealth")] if online else [])
    return ServiceSpec(
        id=_uuid(rng),
        name="Talk therapy (psychotherapy)",
        treatment="talk-therapy",
        terms=[*settings, *conditions, *payment],
        costs=[("One therapy session", _money(rng, 90, 225, 5), True, "A session with a licensed therapist")],
        accepting=rng.random() < 0.8,
        insurance_notes="We can check whether your plan covers therapy." if ("payment", "private_insurance") in payment else "",
        languages=_languages(rng),
    )  # fmt: skip


def _psychiatry_services(rng: random.Random) -> list[ServiceSpec]:
    conditions = [("condition", "depression"), ("condition", "anxiety")]
    for code, chance in (
        ("treatment-resistant-depression", 0.6),
        ("bipolar-depression", 0.5),
        ("ptsd", 0.5),
        ("ocd", 0.4),
        ("addiction", 0.3),
    ):
        if rng.random() < chance:
            conditions.append(("condition", code))
    payment = (
        [("payment", "self_pay"), ("payment", "private_insurance")]
        if rng.random() < 0.8
        else [("payment", "self_pay")]
    )
    services = [
        ServiceSpec(
            id=_uuid(rng),
            name="Psychiatric evaluation and medication management",
            treatment="ssri",
            terms=[
                ("route", "oral"),
                ("setting", "clinic"),
                ("setting", "telehealth"),
                *conditions,
                *payment,
            ],
            costs=[
                (
                    "Follow-up visit",
                    _money(rng, 100, 250, 5),
                    True,
                    "Medication review with a psychiatric prescriber",
                ),
                (
                    "First evaluation",
                    _money(rng, 200, 450, 5),
                    False,
                    "A full psychiatric assessment",
                ),
            ],
            accepting=rng.random() < 0.75,
            languages=_languages(rng),
        )
    ]
    if rng.random() < 0.3:
        services.append(_talk_therapy_service(rng, online=True))
    return services  # fmt: skip


def _tms_service(rng: random.Random) -> ServiceSpec:
    payment = [("payment", "self_pay"), ("payment", "private_insurance")]
    if rng.random() < 0.4:
        payment.append(("payment", "payment_plan"))
    conditions = [("condition", "depression"), ("condition", "treatment-resistant-depression")]
    if rng.random() < 0.3:
        conditions.append(("condition", "ocd"))
    return ServiceSpec(
        id=_uuid(rng),
        name="TMS therapy",
        treatment="tms",
        terms=[("setting", "clinic"), *conditions, *payment],
        costs=[("One TMS session", _money(rng, 200, 450), True, "One treatment session in the clinic")],
        accepting=rng.random() < 0.85,
        insurance_notes="Many plans cover TMS after other treatments; we ask your plan first.",
        dosing_approach="Magnetic pulses from a coil held against the head, in weekday sessions over several weeks.",
        monitoring="A trained technician stays with you; you are awake throughout.",
        languages=_languages(rng),
    )  # fmt: skip


def _ect_service(rng: random.Random) -> ServiceSpec:
    conditions = [("condition", "depression"), ("condition", "treatment-resistant-depression")]
    if rng.random() < 0.5:
        conditions.append(("condition", "bipolar-depression"))
    return ServiceSpec(
        id=_uuid(rng),
        name="Electroconvulsive therapy (ECT) programme",
        treatment="ect",
        terms=[("setting", "clinic"), *conditions, ("payment", "private_insurance"), ("payment", "self_pay")],
        costs=[("One ECT treatment", _money(rng, 600, 1500, 50), True, "Anaesthesia, the treatment and recovery")],
        accepting=rng.random() < 0.9,
        insurance_notes="Usually covered by insurance when a psychiatrist refers you.",
        dosing_approach="Given under general anaesthesia by a hospital team, as a course of several sessions.",
        monitoring="An anaesthetist and a psychiatrist watch you throughout; someone must take you home.",
        languages=_languages(rng),
    )  # fmt: skip


#: Downtown ZIPs of major US cities. The first listings generated put every kind of local care
#: in each of them (180 listings), so that no treatment the finder offers is an empty page in a
#: big city.
MAJOR_CITY_ZIPS = (
    "10001", "60601", "90012", "77002", "85004", "19103", "78205", "92101", "75201", "78701",
    "32202", "98101", "80202", "02108", "30303", "33130", "55401", "48226", "20001", "94102",
    "97204", "37203", "28202", "43215", "46204", "89101", "64106", "63101", "21202", "84111",
)  # fmt: skip
#: Kinds of listing at a place (a remote programme has none), each with its name.
NAMES = {
    "clinic": "{word} Ketamine Clinic",
    "esketamine": "{word} Esketamine Center",
    "tms": "{word} TMS Center",
    "ect": "{word} Regional Hospital",
    "therapist": "{word} Counseling",
    "psychiatrist": "{word} Psychiatry",
    "remote": "{word} Home Ketamine Care",
}
LOCAL_KINDS = ("clinic", "esketamine", "tms", "ect", "therapist", "psychiatrist")
#: How often each kind is generated elsewhere: the upper end of its share of [0, 1).
KIND_SHARES = (
    ("clinic", 0.50), ("esketamine", 0.62), ("remote", 0.80), ("tms", 0.86), ("ect", 0.90),
    ("therapist", 0.95), ("psychiatrist", 1.0),
)  # fmt: skip


def _services_of(kind: str, rng: random.Random, state: str, anchored: bool) -> list[ServiceSpec]:
    if kind == "clinic":
        # A clinic in a major city always offers ketamine-assisted psychotherapy too.
        return _clinic_services(rng, with_kap=anchored or rng.random() < 0.25)
    builders = {
        "esketamine": lambda: [_esketamine_service(rng)],
        "remote": lambda: [_remote_service(rng, state)],
        "tms": lambda: [_tms_service(rng)],
        "ect": lambda: [_ect_service(rng)],
        "therapist": lambda: [_talk_therapy_service(rng, online=rng.random() < 0.6)],
        "psychiatrist": lambda: _psychiatry_services(rng),
    }
    return builders[kind]()


def _place_and_kind(index: int, rng: random.Random, places: list, by_zip: dict):
    """Where the listing is and what kind it is. Every other listing of the first ones puts one
    of each local kind in each major city; the rest go to random ZIPs."""
    anchor, odd = divmod(index, 2)
    if not odd and anchor < len(MAJOR_CITY_ZIPS) * len(LOCAL_KINDS):
        city, kind = divmod(anchor, len(LOCAL_KINDS))
        return by_zip[MAJOR_CITY_ZIPS[city]], LOCAL_KINDS[kind], True
    roll = rng.random()
    kind = next(kind for kind, upper in KIND_SHARES if roll < upper)
    return rng.choice(places), kind, False


# Carriers in the demo, the larger national ones more often (names only: see directory.insurers).
DEMO_CARRIERS = (
    ("unitedhealthcare", 5), ("aetna", 5), ("cigna", 5), ("blue-cross-blue-shield", 6),
    ("anthem", 3), ("humana", 3), ("kaiser-permanente", 2), ("optum", 2), ("molina", 2),
    ("ambetter", 1), ("highmark", 1), ("florida-blue", 1), ("health-net", 1), ("oscar", 1),
    ("magellan", 1), ("carelon", 1),
)  # fmt: skip
DEMO_PLANS = ("PPO plans", "HMO plans", "Commercial plans only", "Medicare Advantage plans")
# More payment options by treatment: (code, chance), when the service takes private insurance
# (the public programmes) or always (sliding scale).
EXTRA_PAYMENT = {
    "esketamine": (("medicare", 0.5), ("medicaid", 0.35), ("tricare", 0.15)),
    "ketamine": (("sliding_scale", 0.1), ("tricare", 0.02)),
    "kap": (("sliding_scale", 0.2),),
}


def _add_payment_extras(spec: ServiceSpec) -> None:
    """The newer payment options and the carriers taken, drawn from the service's own seed so
    the rest of the demo data stays as it was."""
    rng = random.Random(spec.id.int)
    insured = ("payment", "private_insurance") in spec.terms
    for code, chance in EXTRA_PAYMENT.get(spec.treatment, ()):
        public = code in {"medicare", "medicaid", "tricare"}
        if (insured or not public) and rng.random() < chance and not spec.is_remote:
            spec.terms.append(("payment", code))
    if not insured:
        return
    slugs, weights = zip(*DEMO_CARRIERS, strict=True)
    wanted = rng.randint(3, 7) if spec.treatment == "esketamine" else rng.randint(1, 3)
    chosen = dict.fromkeys(rng.choices(slugs, weights=weights, k=wanted))
    spec.insurers = [
        (slug, rng.choice(DEMO_PLANS) if rng.random() < 0.2 else "") for slug in chosen
    ]


def generate(count: int, seed: int = 1):
    """Yield ``count`` listings, the same ones for the same seed."""
    rng = random.Random(seed)
    places = zip_codes_with_coordinates()
    by_zip = {place[0]: place for place in places}
    for index in range(count):
        place, kind, anchored = _place_and_kind(index, rng, places, by_zip)
        zip_code, city, state, latitude, longitude = place
        name = NAMES[kind].format(word=rng.choice(WORDS))
        slug = f"{slugify(name)}-{slugify(city)}-{state.lower()}-{index + 1}"
        services = _services_of(kind, rng, state, anchored)
        for spec in services:
            _add_payment_extras(spec)
        opens = time(rng.choice((8, 9)))
        closes = time(rng.choice((17, 18)))
        hours = [(day, opens, closes) for day in WEEKDAYS]
        if rng.random() < 0.3:
            hours.append(("SA", time(9), time(13)))
        yield ListingSpec(
            index=index,
            id=_uuid(rng),
            location_id=_uuid(rng),
            kind=kind,
            name=name,
            slug=slug,
            description=f"A demo listing for {city}, {state}. It is generated, not a real provider.",
            email=f"demo-{index + 1}@example.org",
            phone=f"(555) 555-01{rng.randrange(100):02d}",
            verified=rng.random() < 0.6,
            zip_code=zip_code,
            city=city,
            state=state,
            latitude=latitude,
            longitude=longitude,
            street=f"{rng.randint(10, 9999)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
            hours=hours if kind != "remote" else [],
            accessibility="Step-free entrance; parking on site." if rng.random() < 0.6 else "",
            confirmed_on=DEMO_DATE - timedelta(days=rng.randint(0, 180)),
            services=services,
        )


def write(listings, batch_size: int = 2000, lean: bool = False) -> int:
    """Store generated listings and their search rows; returns how many were written.

    ``lean`` stores only what search reads (organizations, services, locations and the search
    rows), which is how the benchmark loads a million listings in minutes.
    """
    ensure_insurers(None)
    terms = {(t.taxonomy, t.code): t for t in TaxonomyTerm.objects.all()}
    terms.update({("insurer", i.slug): i for i in Insurer.objects.all()})
    written = 0
    batch: list[ListingSpec] = []
    for listing in listings:
        batch.append(listing)
        written += 1
        if len(batch) >= batch_size:
            _store(batch, terms, lean)
            batch.clear()
    if batch:
        _store(batch, terms, lean)
    return written


def _store(batch: list[ListingSpec], terms: dict, lean: bool) -> None:
    """Insert one batch of listings, every model's rows at once, parents first."""
    rows: dict[type, list] = defaultdict(list)
    for listing in batch:
        for instance in _listing_rows(listing, terms, lean):
            rows[type(instance)].append(instance)
    order = (
        Organization, Location, Address, Phone, Schedule, Service, ServiceAttribute, CostOption,
        ServiceInsurer, Language, ServiceArea, ServiceAtLocation, SearchEntry, RemoteEntry,
    )  # fmt: skip
    with transaction.atomic():
        for model in order:
            bulk.insert(model, rows[model])


def _listing_rows(listing: ListingSpec, terms: dict, lean: bool):
    """Every row one listing is stored as (``lean``: only what search reads)."""
    organization = _organization(listing)
    yield organization
    location = _location(listing, organization)
    yield location
    if not lean:
        if location.location_type == location.Type.PHYSICAL:
            yield _address(listing, location)
        yield _phone(listing, organization, location)
        yield from _schedules(listing, location)
    for spec in listing.services:
        service = _service(spec, listing, organization, terms)
        yield service
        if not lean:
            yield from _attributes(spec, service, terms, listing.confirmed_on)
            yield from _cost_options(spec, service, listing.confirmed_on)
            yield from _insurer_links(spec, service, terms, listing.confirmed_on)
            yield from _language_rows(spec, service)
        yield from _service_areas(spec, service)
        link = _service_at_location(spec, service, location)
        yield link
        yield from _search_rows(spec, listing, organization, location, service, link, terms)


def _organization(listing: ListingSpec):

    return Organization(
        id=listing.id,
        slug=listing.slug,
        name=listing.name,
        description=listing.description,
        email=listing.email,
        is_demo=True,
        source=Organization.Source.DEMO,
        verification=Organization.Verification.VERIFIED
        if listing.verified
        else Organization.Verification.UNVERIFIED,
        verified_by_name=VERIFIER if listing.verified else "",
        verified_on=listing.confirmed_on if listing.verified else None,
    )


def _location(listing: ListingSpec, organization):

    physical = listing.kind != "remote"
    return Location(
        id=listing.location_id,
        organization=organization,
        name=listing.name if physical else f"{listing.name} (online)",
        location_type=Location.Type.PHYSICAL if physical else Location.Type.VIRTUAL,
        latitude=listing.latitude if physical else None,
        longitude=listing.longitude if physical else None,
        accessibility=listing.accessibility if physical else "",
    )


def _address(listing: ListingSpec, location):

    return Address(
        id=uuid.uuid5(listing.location_id, "address"),
        location=location,
        address_1=listing.street,
        city=listing.city,
        state_province=listing.state,
        postal_code=listing.zip_code,
    )


def _phone(listing: ListingSpec, organization, location):

    return Phone(
        id=uuid.uuid5(listing.id, "phone"),
        organization=organization,
        location=location,
        number=listing.phone,
        description="Front desk (demo number)",
    )


def _schedules(listing: ListingSpec, location):

    for day, opens, closes in listing.hours:
        yield Schedule(
            id=uuid.uuid5(listing.location_id, day),
            location=location,
            byday=day,
            opens_at=opens,
            closes_at=closes,
        )


def _service(spec: ServiceSpec, listing: ListingSpec, organization, terms: dict):

    return Service(
        id=spec.id,
        organization=organization,
        name=spec.name,
        treatment=terms[("treatment", spec.treatment)],
        is_remote=spec.is_remote,
        accepting_new_patients=spec.accepting,
        accepting_confirmed_on=listing.confirmed_on,
        insurance_notes=spec.insurance_notes,
        dosing_approach=spec.dosing_approach,
        monitoring=spec.monitoring,
        integration_therapy_included=spec.integration_included,
        first_course_sessions=spec.course_sessions,
        first_course_price=spec.course_price,
        refund_policy=spec.refund_policy,
        protocol_confirmed_on=listing.confirmed_on,
    )


def _attributes(spec: ServiceSpec, service, terms: dict, confirmed_on: date):

    for facet, code in spec.terms:
        yield ServiceAttribute(
            id=uuid.uuid5(spec.id, f"{facet}:{code}"),
            service=service,
            taxonomy_term=terms[(facet, code)],
            confirmed_on=confirmed_on,
        )


def _insurer_links(spec: ServiceSpec, service, terms: dict, confirmed_on: date):

    for slug, plan in spec.insurers:
        yield ServiceInsurer(
            id=uuid.uuid5(spec.id, f"insurer:{slug}"),
            service=service,
            insurer=terms[("insurer", slug)],
            plan=plan,
            confirmed_on=confirmed_on,
        )


def _cost_options(spec: ServiceSpec, service, confirmed_on: date):

    for option, amount, per_session, includes in spec.costs:
        yield CostOption(
            id=uuid.uuid5(spec.id, option),
            service=service,
            option=option,
            amount=amount,
            per_session=per_session,
            includes=includes,
            confirmed_on=confirmed_on,
        )


def _language_rows(spec: ServiceSpec, service):

    for code, name in spec.languages:
        yield Language(id=uuid.uuid5(spec.id, code), service=service, code=code, name=name)


def _service_areas(spec: ServiceSpec, service):

    for state in spec.states:
        yield ServiceArea(id=uuid.uuid5(spec.id, state), service=service, state=state)


def _service_at_location(spec: ServiceSpec, service, location):

    return ServiceAtLocation(id=uuid.uuid5(spec.id, "at"), service=service, location=location)


def _search_rows(
    spec: ServiceSpec, listing: ListingSpec, organization, location, service, link, terms: dict
):
    """The service's search rows, from the same functions the indexer uses."""
    features = indexing.features_of(spec.terms)
    costs = [(amount, listing.confirmed_on) for _o, amount, per, _i in spec.costs if per]
    insurers = [
        (carrier.pk, slug, carrier.name, plan, listing.confirmed_on)
        for slug, plan in spec.insurers
        for carrier in [terms[("insurer", slug)]]
    ]
    if location.location_type == location.Type.PHYSICAL:
        yield SearchEntry(
            service_at_location=link,
            **indexing.search_entry_values(
                service=service,
                organization=organization,
                location=location,
                city=listing.city,
                state=listing.state,
                features=features,
                costs=costs,
                insurers=insurers,
            ),
        )
    if spec.is_remote:
        for state in spec.states:
            yield RemoteEntry(
                **indexing.remote_entry_values(
                    service=service,
                    organization=organization,
                    state=state,
                    features=features,
                    costs=costs,
                    insurers=insurers,
                )
            )

"""A provider's profile: everything the page and its structured data show, gathered once."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from core.json_ld import as_json_ld
from directory import indexing, taxonomy
from directory.listings import FRESH_FOR, older
from directory.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAttribute,
    ServiceInsurer,
)

DAY_ORDER = [day for day, _label in Schedule.Day.choices]
SCHEMA_DAYS = dict(
    zip(
        DAY_ORDER,
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        strict=True,
    )
)


@dataclass
class ServiceProfile:
    service: Service
    terms: dict[str, list[str]]  # facet code -> term names
    session_costs: list
    other_costs: list
    states: list[str]
    languages: list[str]
    payment: list = field(default_factory=list)  # (term name, confirmed on), as a seeker reads
    insurers: list = field(default_factory=list)  # ServiceInsurer rows
    course_total: int | None = None  # whole dollars, from the listing's own prices and protocol
    course_sessions: int | None = None

    @property
    def course_worked_out(self) -> bool:
        """True when the total is per-session price times sessions, not a listed course price."""
        return self.course_total is not None and self.service.first_course_price is None

    @property
    def lowest_session(self):
        return min(self.session_costs, key=lambda cost: cost.amount, default=None)


@dataclass
class Profile:
    services: list[ServiceProfile]
    physical_locations: list[Location]
    virtual: bool
    hours: dict = field(default_factory=dict)  # location id -> [(day label, opens, closes)]
    price_range: tuple[int, int] | None = None

    @property
    def accepting(self) -> bool:
        """Whether any of its services takes new patients (a clinic with none listed does not)."""
        return any(item.service.accepting_new_patients for item in self.services)

    @property
    def accepting_confirmed_on(self):
        """When it last confirmed whether it takes new patients (the latest of its services)."""
        dates = [i.service.accepting_confirmed_on for i in self.services]
        return max((d for d in dates if d), default=None)

    @property
    def accepting_may_be_out_of_date(self) -> bool:
        """Confirmed longer ago than the finder trusts a fact without saying so (90 days)."""
        return older(self.accepting_confirmed_on, FRESH_FOR, None)


def profile_queryset():
    return Organization.objects.prefetch_related(
        Prefetch(
            "services",
            queryset=Service.objects.filter(status=Service.Status.ACTIVE)
            .select_related("treatment")
            .prefetch_related(
                Prefetch(
                    "attribute_links",
                    queryset=ServiceAttribute.objects.select_related("taxonomy_term"),
                ),
                "cost_options",
                Prefetch(
                    "insurer_links", queryset=ServiceInsurer.objects.select_related("insurer")
                ),
                "languages",
                "service_areas",
            ),
        ),
        Prefetch(
            "locations",
            queryset=Location.objects.select_related("address").prefetch_related(
                "schedules", "phones"
            ),
        ),
        "licenses",
        "phones",
    )


def build(organization: Organization) -> Profile:
    services = []
    for service in organization.services.all():
        terms = defaultdict(list)
        for link in service.attribute_links.all():
            term = taxonomy.BY_CODE.get(link.taxonomy_term.taxonomy)
            if term is not None:
                terms[term.code].append(link.taxonomy_term.name)
        services.append(_service_profile(service, dict(terms)))
    locations = list(organization.locations.all())
    physical = [place for place in locations if place.location_type == Location.Type.PHYSICAL]
    hours = {
        place.id: sorted(
            ((schedule.get_byday_display(), schedule.opens_at, schedule.closes_at, schedule.byday)
             for schedule in place.schedules.all()),
            key=lambda row: DAY_ORDER.index(row[3]),
        )
        for place in physical
    }  # fmt: skip
    for place in physical:
        place.opening_hours = hours[place.id]
    amounts = [int(cost.amount) for profile in services for cost in profile.session_costs]
    return Profile(
        services=services,
        physical_locations=physical,
        virtual=any(place.location_type == Location.Type.VIRTUAL for place in locations),
        hours=hours,
        price_range=(min(amounts), max(amounts)) if amounts else None,
    )


def _payment(service: Service) -> list[tuple[str, object]]:
    """The service's payment options with the date each was confirmed, as a seeker reads them."""
    confirmed = {
        link.taxonomy_term.code: link.confirmed_on
        for link in service.attribute_links.all()
        if link.taxonomy_term.taxonomy == "payment"
    }
    return [
        (taxonomy.PAYMENT.term(code).name, confirmed[code])
        for code in taxonomy.PAYMENT_ORDER
        if code in confirmed
    ]


def _service_profile(service: Service, terms: dict) -> ServiceProfile:
    costs = list(service.cost_options.all())
    session_costs = [cost for cost in costs if cost.per_session]
    price, _confirmed_on = indexing.lowest_price((c.amount, c.confirmed_on) for c in session_costs)
    total, sessions = indexing.first_course(service, price)
    return ServiceProfile(
        service=service,
        terms=terms,
        session_costs=session_costs,
        other_costs=[cost for cost in costs if not cost.per_session],
        states=[taxonomy.US_STATES[area.state] for area in service.service_areas.all()],
        languages=[language.name for language in service.languages.all()],
        payment=_payment(service),
        insurers=list(service.insurer_links.all()),
        course_total=total,
        course_sessions=sessions,
    )


def json_ld(organization: Organization, profile: Profile, url: str) -> str:
    """schema.org MedicalClinic, escaped for use inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": organization.name,
        "url": url,
        "description": organization.description,
        "isAcceptingNewPatients": profile.accepting,
        "availableService": [
            {"@type": "MedicalTherapy", "name": p.service.name} for p in profile.services
        ],
        "medicalSpecialty": "Psychiatric",
    }
    if profile.price_range:
        data["priceRange"] = f"${profile.price_range[0]}-${profile.price_range[1]}"
    phones = [phone.number for phone in organization.phones.all()]
    if phones:
        data["telephone"] = phones[0]
    if profile.physical_locations:
        place = profile.physical_locations[0]
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
        address = getattr(place, "address", None)
        if address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": address.address_1,
                "addressLocality": address.city,
                "addressRegion": address.state_province,
                "postalCode": address.postal_code,
                "addressCountry": "US",
            }
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": SCHEMA_DAYS[day],
                "opens": opens.strftime("%H:%M"),
                "closes": closes.strftime("%H:%M"),
            }
            for _label, opens, closes, day in profile.hours.get(place.id, [])
        ]
    if organization.npi:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "NPI",
            "value": organization.npi,
        }
    return as_json_ld(data)

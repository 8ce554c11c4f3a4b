"""A provider's profile: everything the page and its structured data show, gathered once."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from core.json_ld import as_json_ld
from directory import taxonomy
from directory.listings import FRESH_FOR, older
from directory.models import Location, Organization, Schedule, Service, ServiceAttribute

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
        costs = list(service.cost_options.all())
        services.append(
            ServiceProfile(
                service=service,
                terms=dict(terms),
                session_costs=[cost for cost in costs if cost.per_session],
                other_costs=[cost for cost in costs if not cost.per_session],
                states=[taxonomy.US_STATES[area.state] for area in service.service_areas.all()],
                languages=[language.name for language in service.languages.all()],
            )
        )
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

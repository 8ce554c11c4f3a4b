"""The named people and places of the portal's tests.

Riverside and Lakeside are two clinics; Casey works at Riverside, Morgan at Lakeside, and Ada is
one of the site's administrators. Dana (consultations.tests.people) writes to Riverside.
"""

from datetime import date, time
from decimal import Decimal

from accounts.tests.people import make_account
from clinics.models import Membership
from directory import indexing
from directory.models import (
    Address,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

PASSWORD = "a long and quiet river 42"
# Valid NPIs (the check digit matches): one for each clinic.
RIVERSIDE_NPI = "1234567893"
LAKESIDE_NPI = "1245319599"
LONG_AGO = date(2024, 1, 15)


def listing(slug: str, name: str, npi: str, *, latitude=37.7749, longitude=-122.4194):
    """A clinic with one place, one ketamine service with a price, and weekday hours."""
    organization = Organization.objects.create(
        slug=slug, name=name, npi=npi, email=f"intake@{slug}.example"
    )
    location = Location.objects.create(
        organization=organization,
        name=f"{name}, Main Street",
        latitude=latitude,
        longitude=longitude,
    )
    Address.objects.create(
        location=location,
        address_1="1 Main Street",
        city="San Francisco",
        state_province="CA",
        postal_code="94103",
    )
    service = Service.objects.create(
        organization=organization,
        name="IV ketamine infusions",
        treatment=TaxonomyTerm.objects.get(taxonomy="treatment", code="ketamine"),
        accepting_confirmed_on=LONG_AGO,
        protocol_confirmed_on=LONG_AGO,
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    CostOption.objects.create(
        service=service, option="One infusion", amount=Decimal("450"), confirmed_on=LONG_AGO
    )
    for day in ("MO", "TU", "WE"):
        Schedule.objects.create(location=location, byday=day, opens_at=time(9), closes_at=time(17))
    indexing.reindex_services([service.pk])
    return organization


def riverside():
    return listing("riverside", "Riverside Ketamine Clinic", RIVERSIDE_NPI)


def lakeside():
    return listing("lakeside", "Lakeside Wellness", LAKESIDE_NPI, latitude=40.71, longitude=-74.0)


def staff_of(organization, email: str, role=Membership.Role.MANAGER):
    user = make_account(email, PASSWORD)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def administrator(email: str = "ada@psycle.example"):
    return make_account(email, PASSWORD, is_staff=True)

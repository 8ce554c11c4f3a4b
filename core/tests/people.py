"""The named people and places of every app's tests, made the way the site makes them.

One password for everyone who has one. Sam and Alex are seekers with accounts (Alex must never
see Sam's results). Riverside and Lakeside are two clinics: Casey manages Riverside's listing,
Morgan works at Lakeside and must never see anything of Riverside's, Ada is one of the site's
administrators. Dana is a seeker who writes to Riverside; what she writes must never show
outside the portal. Alice, Bob and Carol read the newsletter. Eddie edits pages, Rhea reviews
them (content/tests/conftest.py), Olive operates the site.
"""

from datetime import date, time
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from clinics.models import Membership
from consultations.models import ConsultationRequest
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
from newsletter.consent import CONSENT_TEXTS, CONSENT_VERSION
from newsletter.models import Campaign, ConsentRecord, Subscriber

PASSWORD = "a long and quiet river 42"


def make_account(email: str, password: str | None = PASSWORD, **fields):
    """An account as signing up leaves it: the address is the username, and it is verified."""
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


# Clinics and their staff.
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


def clinic(email: str = "intake@riverside.example") -> Organization:
    """Riverside, taking requests at this address ("" for a clinic with none on its listing)."""
    organization = riverside()
    if email != organization.email:
        organization.email = email
        organization.save(update_fields=["email"])
    return organization


def lakeside():
    return listing("lakeside", "Lakeside Wellness", LAKESIDE_NPI, latitude=40.71, longitude=-74.0)


def staff_of(organization, email: str, role=Membership.Role.MANAGER):
    user = make_account(email)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def administrator(email: str = "ada@psycle.example"):
    return make_account(email, is_staff=True)


# Dana and her requests.
# Dana is a seeker who writes to a clinic; what she writes must never show outside the portal.
DANA = {
    "name": "Dana Whitfield",
    "email": "dana.whitfield@example.net",
    "phone": "+14155550143",
    "message": "Two antidepressants have not helped my depression; is IV ketamine possible?",
}


def consultation_request(organization: Organization, **fields) -> ConsultationRequest:
    values = {
        **DANA,
        "email_hash": "",
        "preferred_contact": ConsultationRequest.ContactMethod.EMAIL,
        "state": "CA",
        "consent_at": timezone.now(),
        "privacy_notice_version": "2025-01",
        **fields,
    }
    return ConsultationRequest.objects.create(organization=organization, **values)


# Newsletter readers.
ALICE = "alice@example.com"
BOB = "bob@example.com"
CAROL = "carol@example.com"


def subscribed(email: str, **topics: bool) -> Subscriber:
    return Subscriber.objects.create(
        email=email,
        status=Subscriber.Status.SUBSCRIBED,
        confirmed_at=timezone.now(),
        research_news=topics.get("research_news", True),
        treatment_guides=topics.get("treatment_guides", True),
    )


def campaign(**fields) -> Campaign:
    values = {
        "subject": "What a new ketamine study found",
        "topic": "research_news",
        "body": "A new study is out.\n\nIf you need help now: https://psycle.example/crisis/",
    }
    values.update(fields)
    return Campaign.objects.create(**values)


def pending_consent(email: str = ALICE, topics=("research_news",), zip_code="") -> ConsentRecord:
    """Someone who filled in the sign-up form and has not yet followed the link."""
    subscriber, _created = Subscriber.objects.get_or_create(email=email)
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        form_name="subscribe_page",
        consent_text=str(CONSENT_TEXTS["subscribe_page"]),
        consent_version=CONSENT_VERSION,
        topics=list(topics),
        zip_code=zip_code,
    )

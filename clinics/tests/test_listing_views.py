"""The listing editor: each save confirms what it shows as of today, and the finder sees it."""

from datetime import time
from decimal import Decimal

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from directory.models import CostOption, RemoteEntry, Schedule, SearchEntry, Service

pytestmark = pytest.mark.django_db


def service_data(service, **changes) -> dict:
    """What the edit page posts when nothing is changed but what is given."""
    price = service.cost_options.get()
    data = {
        "name": service.name,
        "description": service.description,
        "treatment": str(service.treatment_id),
        "status": service.status,
        "accepting_new_patients": "on",
        "insurance_notes": "",
        "route": ["iv"],
        "condition": ["depression"],
        "payment": ["self_pay"],
        "locations": [str(service.at_locations.get().location_id)],
        "dosing_approach": "0.5 mg/kg over 40 minutes",
        "monitoring": "Blood pressure every 15 minutes",
        "integration_therapy_included": "true",
        "first_course_sessions": "6",
        "first_course_price": "2400",
        "refund_policy": "",
        "prices-TOTAL_FORMS": "2",
        "prices-INITIAL_FORMS": "1",
        "prices-MIN_NUM_FORMS": "0",
        "prices-MAX_NUM_FORMS": "1000",
        "prices-0-id": str(price.pk),
        "prices-0-option": price.option,
        "prices-0-amount": str(price.amount),
        "prices-0-per_session": "on",
        "prices-0-includes": "",
        "prices-1-option": "",
        "prices-1-amount": "",
        "prices-1-per_session": "on",
        "prices-1-includes": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def edit_url(service):
    return f"/clinic/organizations/riverside/services/{service.pk}/"


def test_saving_confirms_prices_protocol_and_availability_today(as_casey, riverside):
    service = riverside.services.get()
    response = as_casey.post(edit_url(service), service_data(service))
    assert response.url == "/clinic/organizations/riverside/listing/"
    today = timezone.localdate()
    service.refresh_from_db()
    assert service.accepting_confirmed_on == today and service.protocol_confirmed_on == today
    assert service.cost_options.get().confirmed_on == today
    assert service.first_course_sessions == 6 and service.integration_therapy_included is True
    profile = as_casey.get("/providers/riverside/").content.decode()
    assert f"Last confirmed {today.strftime('%-d %b %Y')}" in profile


def test_the_finder_sees_a_new_price_and_availability_at_once(as_casey, riverside):
    service = riverside.services.get()
    assert SearchEntry.objects.get(service=service).price == 450
    as_casey.post(
        edit_url(service),
        service_data(service, **{"prices-0-amount": "395", "accepting_new_patients": None}),
    )
    entry = SearchEntry.objects.get(service=service)
    assert entry.price == 395 and entry.accepting is False
    found = as_casey.get("/find/?near=94103&radius=25").content.decode()
    assert "Riverside Ketamine Clinic" in found and "From $395 a session" in found


def test_prices_can_be_added_and_removed(as_casey, riverside):
    service = riverside.services.get()
    as_casey.post(
        edit_url(service),
        service_data(
            service,
            **{
                "prices-0-DELETE": "on",
                "prices-1-option": "Course of six",
                "prices-1-amount": "2400",
                "prices-1-includes": "Six infusions and a follow-up",
                "prices-1-per_session": None,
            },
        ),
    )
    (price,) = CostOption.objects.filter(service=service)
    assert (price.option, price.amount, price.per_session) == (
        "Course of six",
        Decimal("2400"),
        False,
    )
    assert price.confirmed_on == timezone.localdate()


def test_routes_and_conditions_become_search_filters(as_casey, riverside):
    service = riverside.services.get()
    as_casey.post(edit_url(service), service_data(service, route=["im"], condition=["ptsd"]))
    codes = set(service.attribute_links.values_list("taxonomy_term__code", flat=True))
    assert codes == {"im", "ptsd", "self_pay"}
    assert (
        "Riverside Ketamine Clinic" in as_casey.get("/find/?near=94103&route=im").content.decode()
    )
    assert (
        "Riverside Ketamine Clinic"
        not in as_casey.get("/find/?near=94103&route=iv").content.decode()
    )


def test_a_telehealth_service_lists_its_states(as_casey, riverside):
    service = riverside.services.get()
    as_casey.post(
        edit_url(service),
        service_data(service, is_remote="on", service_areas=["CA", "OR"], locations=None),
    )
    assert set(RemoteEntry.objects.filter(service=service).values_list("state", flat=True)) == {
        "CA",
        "OR",
    }
    assert not SearchEntry.objects.filter(service=service).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Service name: This field is required."),
        ({"prices-0-amount": "-5"}, "Prices, row 1: Price (USD): A price cannot be below zero."),
        ({"prices-0-amount": "lots"}, "Prices, row 1: Price (USD): Enter a number."),
        ({"first_course_sessions": "six"}, "Sessions in a first course: Enter a whole number."),
        ({"first_course_sessions": "\u0666"}, "Sessions in a first course: Enter a whole number."),
        ({"prices-0-amount": "\u0664\u0665\u0660"}, "Prices, row 1: Price (USD): Enter a number."),
        ({"first_course_price": "2\u00b2"}, "Total price of a first course (USD): Enter a number."),
        ({"locations": None}, "Offered at: Choose where it is offered"),
        ({"is_remote": "on"}, "States served by telehealth: Choose at least one state"),
    ],
)
def test_each_mistake_names_its_field_and_nothing_is_saved(as_casey, riverside, changes, message):
    service = riverside.services.get()
    response = as_casey.post(edit_url(service), service_data(service, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    service.refresh_from_db()
    assert service.protocol_confirmed_on.year == 2024
    assert not AuditEvent.objects.exists()


def test_a_save_is_in_the_audit_log_with_the_fields_changed(as_casey, casey, riverside):
    service = riverside.services.get()
    as_casey.post(edit_url(service), service_data(service, name="IV ketamine"))
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.target_type) == (casey, "listing.edited", "service")
    assert event.target_id == str(service.pk) and event.organization == riverside
    assert "name" in event.details["fields"] and event.details["created"] is False


def test_adding_a_service(as_casey, riverside):
    service = riverside.services.get()
    data = service_data(service, name="Spravato sessions")
    data["treatment"] = str(Service.treatment.field.related_model.objects.get(code="esketamine").pk)
    for key in [k for k in data if k.startswith("prices-")]:
        del data[key]
    data.update(
        {
            "prices-TOTAL_FORMS": "1",
            "prices-INITIAL_FORMS": "0",
            "prices-MIN_NUM_FORMS": "0",
            "prices-MAX_NUM_FORMS": "1000",
            "prices-0-option": "One session",
            "prices-0-amount": "350",
            "prices-0-per_session": "on",
        }
    )
    response = as_casey.post("/clinic/organizations/riverside/services/new/", data)
    assert response.status_code == 302
    added = riverside.services.get(name="Spravato sessions")
    assert added.cost_options.get().amount == Decimal("350")
    assert SearchEntry.objects.filter(service=added).exists()
    assert AuditEvent.objects.get().details["created"] is True


def hours_data(location, rows):
    data = {
        "hours-TOTAL_FORMS": str(len(rows)),
        "hours-INITIAL_FORMS": str(location.schedules.count()),
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"hours-{index}-{key}"] = value
    return data


def test_opening_hours(as_casey, riverside):
    location = riverside.locations.get()
    existing = list(location.schedules.order_by("byday"))
    rows = [
        {"id": str(slot.pk), "byday": slot.byday, "opens_at": "09:00", "closes_at": "17:00"}
        for slot in existing
    ]
    rows[0]["DELETE"] = "on"
    rows.append({"byday": "SA", "opens_at": "10:00", "closes_at": "14:00"})
    url = f"/clinic/organizations/riverside/locations/{location.pk}/hours/"
    response = as_casey.post(url, hours_data(location, rows))
    assert response.url == "/clinic/organizations/riverside/listing/"
    days = set(Schedule.objects.filter(location=location).values_list("byday", flat=True))
    assert "SA" in days and existing[0].byday not in days
    saturday = Schedule.objects.get(location=location, byday="SA")
    assert (saturday.opens_at, saturday.closes_at) == (time(10), time(14))
    assert AuditEvent.objects.get().details == {"fields": ["hours"]}


def test_closing_before_opening_is_named(as_casey, riverside):
    location = riverside.locations.get()
    rows = [{"byday": "SU", "opens_at": "14:00", "closes_at": "10:00"}]
    data = hours_data(location, rows)
    data["hours-INITIAL_FORMS"] = "0"
    url = f"/clinic/organizations/riverside/locations/{location.pk}/hours/"
    response = as_casey.post(url, data)
    assert response.status_code == 400
    assert (
        "Hours, row 1: Closes at: The closing time must be after the opening time."
        in response.content.decode()
    )


def test_the_clinics_details(as_casey, riverside):
    response = as_casey.post(
        "/clinic/organizations/riverside/listing/",
        {"description": "Calm rooms.", "website": "riverside.example", "email": "new@r.example"},
    )
    assert response.status_code == 302
    riverside.refresh_from_db()
    assert riverside.website == "https://riverside.example" and riverside.email == "new@r.example"
    assert AuditEvent.objects.get().details == {"fields": ["description", "email", "website"]}


def test_a_bad_email_is_named(as_casey, riverside):
    response = as_casey.post(
        "/clinic/organizations/riverside/listing/", {"email": "nope", "website": ""}
    )
    assert "E-mail for new requests: Enter a valid email address." in response.content.decode()


def test_what_the_clinic_saves_is_marked_as_its_own_on_the_profile(as_casey, riverside):
    service = riverside.services.get()
    as_casey.post(edit_url(service), service_data(service))
    riverside.refresh_from_db()
    assert riverside.clinic_edited_fields == ["services"]
    today = timezone.localdate().strftime("%-d %b %Y")
    profile = as_casey.get("/providers/riverside/").content.decode()
    assert f"The provider&#x27;s staff set its services on {today}." in profile


def test_payment_options_and_insurers_are_confirmed_today_and_searchable(as_casey, riverside):
    service = riverside.services.get()
    response = as_casey.post(
        edit_url(service),
        service_data(
            service,
            payment=["self_pay", "private_insurance", "superbill"],
            insurers=["aetna", "cigna"],
            insurer_plans="Aetna: PPO plans\n",
        ),
    )
    assert response.status_code == 302
    today = timezone.localdate()
    links = service.insurer_links.select_related("insurer")
    assert sorted((link.insurer.slug, link.plan, link.confirmed_on) for link in links) == [
        ("aetna", "PPO plans", today),
        ("cigna", "", today),
    ]
    payment = service.attribute_links.filter(taxonomy_term__taxonomy="payment")
    assert {link.confirmed_on for link in payment} == {today}
    found = as_casey.get("/api/v1/search?near=94103&insurer=cigna").json()["results"]
    assert [result["name"] for result in found] == ["Riverside Ketamine Clinic"]
    assert found[0]["payment"] == ["self_pay", "private_insurance", "superbill"]
    assert [item["slug"] for item in found[0]["insurers"]] == ["aetna", "cigna"]
    assert not as_casey.get("/api/v1/search?near=94103&insurer=humana").json()["results"]
    edit_page = as_casey.get(edit_url(service)).content.decode()
    assert "Aetna: PPO plans" in edit_page


def test_a_plan_for_a_carrier_not_ticked_is_refused_by_name(as_casey, riverside):
    service = riverside.services.get()
    response = as_casey.post(
        edit_url(service),
        service_data(service, insurers=["cigna"], insurer_plans="Aetna: PPO plans"),
    )
    assert response.status_code == 400
    assert "Only some plans or networks?: Line 1: write a carrier ticked above" in (
        response.content.decode()
    )
    assert not service.insurer_links.exists()

"""A clinic not taking new patients says so before anything else, and points to the nearest
clinics that are."""

from django.utils import timezone

from directory import geo
from directory.models import SearchEntry, Service


def nearest_accepting(organization, count):
    """The nearest other accepting ketamine clinics, worked out the slow way."""
    place = organization.locations.filter(location_type="physical").first()
    miles = {}
    for entry in SearchEntry.objects.filter(accepting=True, treatment=0).exclude(
        organization=organization
    ):
        distance = geo.great_circle_miles(
            place.latitude, place.longitude, entry.latitude, entry.longitude
        )
        miles[entry.name, entry.slug] = min(distance, miles.get((entry.name, entry.slug), 1e9))
    return sorted(miles.items(), key=lambda item: item[1])[:count]


def test_the_profile_says_first_that_it_is_not_accepting(client, closed_clinic):
    page = client.get(f"/providers/{closed_clinic.slug}/").content.decode()
    warning = page.index("Not accepting new patients")
    assert warning < page.index("How to get in touch") < page.index("Request a consultation")
    assert f"{closed_clinic.name} told us on 27 May 2026 that they are not taking new" in page
    assert f"{closed_clinic.name} is not taking new patients." in page
    # The form is folded away, not offered as if they would answer.
    assert "<summary>Send a request anyway, for instance to ask about a waiting list" in page
    assert page.index("<details") < page.index('<form class="form request-form"')


def test_the_nearest_accepting_clinics_are_offered_with_their_distance(client, closed_clinic):
    page = client.get(f"/providers/{closed_clinic.slug}/").content.decode()
    start = page.index("The nearest clinics that are accepting")
    offered = page[start : page.index("</ul>", start)]
    expected = nearest_accepting(closed_clinic, 3)
    assert len(expected) == 3
    positions = []
    for (name, slug), miles in expected:
        assert f'<a href="/providers/{slug}/">{name}</a>' in offered
        assert f"{miles:.1f} miles away" in offered
        positions.append(offered.index(f"/providers/{slug}/"))
    assert positions == sorted(positions)
    assert f"/providers/{closed_clinic.slug}/" not in offered
    assert "/find/?near=" in page and "accepting=on" in page


def test_an_accepting_clinic_shows_no_warning_and_the_form_open(client, demo_listings):
    entry = SearchEntry.objects.filter(accepting=True).first()
    organization = entry.organization
    Service.objects.filter(organization=organization).update(accepting_new_patients=True)
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    assert "Not accepting new patients" not in page
    assert "The nearest clinics that are accepting" not in page
    assert "Send a request anyway" not in page
    assert '<form class="form request-form"' in page


def test_an_old_not_accepting_claim_says_it_may_have_changed(client, closed_clinic):
    may_have_changed = "That was some time ago and may have changed"
    page = client.get(f"/providers/{closed_clinic.slug}/").content.decode()
    assert may_have_changed in page  # confirmed 27 May 2026, more than 90 days ago

    for service in Service.objects.filter(organization=closed_clinic):
        service.accepting_confirmed_on = timezone.localdate()
        service.save()
    page = client.get(f"/providers/{closed_clinic.slug}/").content.decode()
    assert "that they are not taking new patients." in page
    assert may_have_changed not in page

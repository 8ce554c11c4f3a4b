import json
import re

from directory.models import Organization


def test_a_profile_shows_services_prices_protocol_hours_and_dates(client, demo_listings):
    organization = Organization.objects.filter(locations__location_type="physical").first()
    response = client.get(f"/providers/{organization.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{organization.name}</h1>" in page
    assert "Demo listing." in page and "It is not a real clinic" in page
    service = organization.services.first()
    assert service.name in page
    cost = service.cost_options.first()
    assert cost.option in page
    assert cost.confirmed_on.strftime("%-d %b %Y") in page
    assert "Protocol and total price" in page
    assert f"Last confirmed {service.protocol_confirmed_on.strftime('%-d %b %Y')}" in page
    assert "Opening hours" in page and "Monday" in page
    assert "Credentials and verification" in page
    assert 'href="tel:' in page


def test_the_profile_emits_medical_clinic_json_ld(client, demo_listings):
    organization = Organization.objects.filter(locations__location_type="physical").first()
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    block = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.+?)</script>', page)
    data = json.loads(block.group(1))
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == organization.name
    assert data["geo"]["@type"] == "GeoCoordinates"
    assert data["address"]["addressCountry"] == "US"
    assert data["availableService"][0]["@type"] == "MedicalTherapy"
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "Monday"


def test_a_remote_programme_lists_the_states_it_serves(client, demo_listings):
    organization = Organization.objects.filter(services__is_remote=True).first()
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    assert "Serves people in" in page
    assert "at home, by telehealth" in page


def test_an_unknown_provider_is_a_404(client, db):
    assert client.get("/providers/no-such-clinic/").status_code == 404

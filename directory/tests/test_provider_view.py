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
    assert "Protocol" in page and "What you may pay" in page
    assert f"Last confirmed {service.protocol_confirmed_on.strftime('%-d %b %Y')}" in page
    assert "Opening hours" in page and "Monday" in page
    assert "Credentials and verification" in page
    assert 'href="tel:' in page


def test_the_profile_emits_medical_clinic_json_ld(client, demo_listings):
    organization = Organization.objects.filter(locations__location_type="physical").first()
    Organization.objects.filter(pk=organization.pk).update(is_demo=False)
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


def test_a_demo_profile_is_kept_out_of_search_engines(client, demo_listings):
    demo = Organization.objects.filter(locations__location_type="physical").first()
    page = client.get(f"/providers/{demo.slug}/").content.decode()
    assert '<meta name="robots" content="noindex">' in page
    assert "application/ld+json" not in page
    demo.is_demo = False
    demo.save()
    page = client.get(f"/providers/{demo.slug}/").content.decode()
    assert "noindex" not in page
    assert "application/ld+json" in page


def test_only_real_profiles_are_in_the_sitemap(client, demo_listings):
    real, demo = Organization.objects.filter(services__status="active").distinct()[:2]
    Organization.objects.filter(pk=real.pk).update(is_demo=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://127.0.0.1:8000/providers/{real.slug}/</loc>" in sitemap
    assert f"/providers/{demo.slug}/" not in sitemap
    assert sitemap.count("/providers/") == 1


def test_prices_and_hours_come_before_the_request_form(client, demo_listings):
    organization = (
        Organization.objects.filter(
            locations__location_type="physical", services__accepting_new_patients=True
        )
        .exclude(email="")
        .first()
    )
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    form = page.index('<h2 id="request-heading">')
    assert page.index("<h3>Prices</h3>") < page.index("<h3>Opening hours</h3>") < form
    assert page.index('<a href="#request-heading">Request a consultation through Psycle') < form


def back_link(client, slug, **headers) -> str:
    page = client.get(f"/providers/{slug}/", **headers).content.decode()
    return re.search(r'<p class="back-link"><a href="([^"]*)">([^<]*)</a>', page).groups()


def test_back_to_results_returns_to_the_search_the_person_came_from(client, demo_listings):
    slug = Organization.objects.first().slug
    came_from = "http://testserver/find/?near=10001&radius=25&treatment=ketamine"
    assert back_link(client, slug, HTTP_REFERER=came_from) == (
        "/find/?near=10001&amp;radius=25&amp;treatment=ketamine",
        "Back to your results",
    )
    assert back_link(client, slug) == ("/find/", "Find other providers")
    # Another site's address, or another page of ours, is never linked as "your results".
    elsewhere = "https://evil.example/find/?near=10001"
    assert back_link(client, slug, HTTP_REFERER=elsewhere) == ("/find/", "Find other providers")
    assert back_link(client, slug, HTTP_REFERER="http://testserver/crisis/")[0] == "/find/"

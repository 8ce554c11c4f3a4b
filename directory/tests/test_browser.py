"""The finder and a profile in Chromium: axe finds nothing, search works with and without JS."""

import pytest

from core.tests.browser import assert_no_axe_violations
from directory.geocode import locate
from directory.listings import listings_for
from directory.models import Organization
from directory.search import Filters, Query, nearby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [False, True])
def test_a_search_from_a_zip_code(browser, live_server, demo_listings, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + "/find/")
    if javascript:
        assert_no_axe_violations(page)
    page.get_by_label("Where", exact=True).fill("10001")
    page.get_by_label("Within (miles)", exact=True).fill("300")
    page.get_by_label("Treatment", exact=True).select_option("ketamine")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/find/?near=10001*")
    assert "radius=300" in page.url and "treatment=ketamine" in page.url
    assert page.get_by_role("heading", name="Within 300 miles of 10001 (New York, NY)").is_visible()
    expected = nearby(
        Query(place=locate("10001"), radius=300, filters=Filters(treatment="ketamine"))
    )
    assert expected.has_next, "the demo data should fill more than one page here"
    results = page.locator("ol.listings > li h3 a")
    assert results.all_inner_texts() == [listing.name for listing in listings_for(expected.hits)]
    assert page.locator("#results-map").is_visible() is javascript
    if javascript:
        assert page.locator(".leaflet-interactive").count() == 20
        # No tile server is set: the map draws the state outlines shipped with the site.
        page.wait_for_selector("#results-map path.map__outline", state="attached")
        assert page.get_by_text("State outlines: U.S. Census Bureau").is_visible()
        assert_no_axe_violations(page)
    assert all(url.startswith(live_server.url) for url in requested), "no third-party request"
    page.get_by_role("link", name="Next page").click()
    assert "page=2" in page.url
    assert page.locator("ol.listings").get_attribute("start") == "21"
    page.go_back()
    assert "page=2" not in page.url
    context.close()


def test_an_unknown_place_is_explained_accessibly(page, live_server, db):
    page.goto(live_server.url + "/find/?near=Austn%2C+TX")
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_role("link", name="Austin, TX").is_visible()
    assert_no_axe_violations(page)


def test_a_profile_has_no_violations(page, live_server, demo_listings):
    organization = Organization.objects.filter(locations__location_type="physical").first()
    page.goto(f"{live_server.url}/providers/{organization.slug}/")
    assert page.get_by_role("heading", name=organization.name, level=1).is_visible()
    assert_no_axe_violations(page)

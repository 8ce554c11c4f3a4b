"""The finder and a profile in Chromium: axe finds nothing, search works with and without JS."""

import pytest

from core.tests.browser import assert_no_axe_violations
from directory.geocode import locate
from directory.listings import clinics_for
from directory.models import Organization
from directory.search import Filters, Query, clinic_count, nearby

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
    query = Query(
        place=locate("10001"), radius=300, filters=Filters(treatment="ketamine"), by_clinic=True
    )
    total = clinic_count(query)
    heading = f"{total} providers within 300 miles of 10001 (New York, NY)"
    assert page.get_by_role("heading", name=heading).is_visible()
    expected = nearby(query)
    assert expected.has_next, "the demo data should fill more than one page here"
    results = page.locator("ol.listings > li h3 a")
    assert results.all_inner_texts() == [clinic.name for clinic in clinics_for(expected.clinics, 1)]
    assert page.locator("#results-map").is_visible() is javascript
    if javascript:
        assert page.locator(".map__number").all_inner_texts() == [str(n) for n in range(1, 21)]
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


def test_the_results_and_the_price_box_fit_every_width(browser, live_server, demo_listings):
    """With any treatment the price box is a table of treatments: it stays inside its box and
    the page never scrolls sideways, from a phone to a wide desktop."""
    for width in (375, 768, 1024, 1280, 1440):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(live_server.url + "/find/?near=10001&radius=100")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
        table = page.locator(".price-table").first.bounding_box()
        box = page.locator(".finder__aside").bounding_box()
        assert table["x"] + table["width"] <= box["x"] + box["width"] + 1, width
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_map_at_city_zoom_shows_the_place_and_numbered_clinics(
    browser, live_server, demo_listings, width
):
    """Denver at 25 miles: the map is not a blank white square; it names the searched place,
    numbers the clinics as the list does and holds them all in view."""
    from django.db.models import Count

    from directory.models import SearchEntry

    # The demo city with the most clinics, as Denver is among real ones.
    busiest = (
        SearchEntry.objects.values("city", "state")
        .annotate(clinics=Count("organization", distinct=True))
        .order_by("-clinics", "city")
        .first()
    )
    assert busiest["clinics"] > 1
    near = f"{busiest['city']}, {busiest['state']}"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/find/?near={near}&radius=25")
    # The map loads when it comes near the screen (below the list's start on a phone).
    page.locator("#results-map").scroll_into_view_if_needed()
    page.wait_for_selector("#results-map path.map__outline", state="attached")
    assert page.locator(".map__centre-label").inner_text() == locate(near).label
    numbers = page.locator(".map__number")
    listed = page.locator("ol.listings > li h3 a").all_inner_texts()
    assert numbers.count() == len(listed) >= 1
    assert numbers.first.get_attribute("aria-label") == f"1. {listed[0]} (demo)"
    box = page.locator("#results-map").bounding_box()
    for index in range(numbers.count()):
        pin = numbers.nth(index).bounding_box()
        assert box["x"] <= pin["x"] and pin["x"] + pin["width"] <= box["x"] + box["width"]
        assert box["y"] <= pin["y"] and pin["y"] + pin["height"] <= box["y"] + box["height"]
    # The state under the search is drawn (filled, not the page's white) at this zoom.
    fill = page.locator("#results-map path.map__outline").first.get_attribute("fill")
    assert fill and fill.lower() not in ("#fff", "#ffffff", "white", "none")
    assert_no_axe_violations(page)
    numbers.first.focus()
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-popup-content a").first.inner_text().startswith("1. ")
    context.close()


def test_the_map_fetches_leaflet_only_when_it_comes_near_the_screen(
    browser, live_server, demo_listings
):
    """On a phone the results list comes first: until the visitor scrolls towards the map, the
    page has fetched none of Leaflet's code or style and no state outlines. Scrolled there, the
    map loads them from this site and draws the outlines and every numbered clinic."""
    context = browser.new_context(viewport={"width": 375, "height": 640})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + "/find/?near=10001&radius=100")
    page.wait_for_load_state("networkidle")
    assert page.locator("#results-map").bounding_box()["y"] > 640 * 1.5, "map below the fold"
    map_files = ("/leaflet/leaflet.js", "/leaflet/leaflet.css", "/directory/us-states.json")
    assert [url for url in requested if any(name in url for name in map_files)] == []
    assert page.locator("#results-map.leaflet-container").count() == 0
    page.locator("#results-map").scroll_into_view_if_needed()
    page.wait_for_selector("#results-map path.map__outline", state="attached")
    for name in map_files:
        assert any(url.startswith(live_server.url) and name in url for url in requested), name
    assert all(url.startswith(live_server.url) for url in requested), "no third-party request"
    listed = page.locator("ol.listings > li h3 a").count()
    assert page.locator(".map__number").all_inner_texts() == [str(n) for n in range(1, listed + 1)]
    # Leaflet's style sheet comes before the finder's, as a <link> in the head would: the
    # numbers stay centred in their round markers.
    style = page.locator(".map__number").first.evaluate(
        "element => [getComputedStyle(element).display, getComputedStyle(element).alignItems]"
    )
    assert style == ["flex", "center"]
    assert page.get_by_text("State outlines: U.S. Census Bureau").is_visible()
    assert_no_axe_violations(page)
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

"""A provider's profile in Chromium at a phone's and a desktop's width."""

import pytest

from core.tests.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_a_clinic_not_accepting_says_so_first_and_leads_elsewhere(
    browser, live_server, closed_clinic, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/providers/{closed_clinic.slug}/")
    warning = page.get_by_role("heading", name="Not accepting new patients")
    assert warning.is_visible()
    # It is on the first screen, above the request form.
    assert warning.bounding_box()["y"] < 900
    form = page.locator("form.request-form")
    assert not form.is_visible()
    assert_no_axe_violations(page)
    page.get_by_text("Send a request anyway").click()
    assert form.is_visible()
    assert_no_axe_violations(page)
    first = page.locator(".alternatives a").first
    name = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert page.get_by_role("heading", name="Not accepting new patients").count() == 0
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_profile_from_the_results_reads_well_and_leads_back(
    browser, live_server, demo_listings, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/find/?near=10001&radius=100&accepting=on")
    results_url = page.url
    page.locator("ol.listings > li h3 a").first.click()
    page.wait_for_url("**/providers/**")
    assert_no_axe_violations(page)
    prices = page.locator("table.prices").first
    first_price = prices.locator("tbody td").first
    if width == 375:
        # Rows stack, and each value keeps its column's name above it.
        assert prices.locator("thead").bounding_box()["height"] <= 1
        label = first_price.locator(".stack-label")
        assert label.is_visible() and label.inner_text() == "Price"
        assert label.bounding_box()["y"] < first_price.bounding_box()["y"] + 30
    else:
        assert prices.get_by_role("columnheader", name="Price").is_visible()
        assert not first_price.locator(".stack-label").is_visible()
    form = page.locator("#request-heading").bounding_box()["y"]
    assert page.get_by_role("heading", name="Opening hours").bounding_box()["y"] < form
    page.get_by_role("link", name="Back to your results").click()
    page.wait_for_url(results_url)
    context.close()

"""The shortlist in Chromium at a phone's and a desktop's width: saved in the browser, compared
on a page whose address holds the list."""

import re

import pytest
from playwright.sync_api import expect

from core.tests.browser import assert_no_axe_violations
from directory.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE = re.compile(r"^Save to shortlist")


def _two_clinics():
    return list(Organization.objects.filter(locations__location_type="physical").distinct()[:2])


@pytest.mark.parametrize("width", [375, 1280])
def test_providers_saved_from_their_profiles_are_compared(
    browser, live_server, demo_listings, width
):
    first, second = _two_clinics()
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(f"{live_server.url}/providers/{first.slug}/")
    assert page.locator("#shortlist-link").count() == 0
    page.get_by_role("button", name=SAVE).click()
    assert page.get_by_role("status").inner_text().startswith(f"{first.name} saved.")
    assert page.get_by_role("link", name="Shortlist (1)").is_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/providers/{second.slug}/")
    page.get_by_role("button", name=SAVE).click()
    page.get_by_role("link", name="Shortlist (2)").click()
    page.wait_for_url(f"**/providers/compare/?p={first.slug},{second.slug}")
    table = page.locator("table.comparison")
    for organization in (first, second):
        assert page.get_by_role("link", name=organization.name).first.is_visible()
        # Each value is under its provider's name: the column heading, or on a phone a label.
        label = table.locator(".stack-label", has_text=organization.name).first
        heading = table.get_by_role("columnheader", name=re.compile(re.escape(organization.name)))
        assert label.is_visible() == (width == 375)
        if width == 1280:
            assert heading.is_visible()
    if width == 375:
        # The headings are there for screen readers, but take no room on the screen.
        assert table.locator("thead").bounding_box()["height"] <= 1
    assert table.get_by_role("rowheader", name="Price per session").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)
    compare_url = page.url
    # Someone sent the link can save from it; here, the list's owner removes one.
    actions = table.locator("tr.comparison__actions")
    actions.get_by_role("button", name=f"Remove from shortlist: {second.name}").click()
    assert page.get_by_role("link", name="Shortlist (1)").is_visible()
    actions.get_by_role("button", name=f"Save to shortlist: {second.name}").click()
    assert page.get_by_role("link", name="Shortlist (2)").is_visible()
    page.get_by_role("button", name="Copy link to this list").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == compare_url
    # The list stays in the browser: back on a profile, the button offers to remove it.
    page.goto(f"{live_server.url}/providers/{first.slug}/")
    page.get_by_role("button", name=re.compile("^Remove from shortlist")).click()
    assert page.get_by_role("link", name="Shortlist (1)").is_visible()
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_comparison_renders_from_its_link_without_javascript(
    browser, live_server, demo_listings, width
):
    first, second = _two_clinics()
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/providers/compare/?p={first.slug},{second.slug},nobody-here")
    assert page.get_by_role("heading", level=1).inner_text() == "Compare your shortlist"
    assert page.get_by_text("We could not find a provider called “nobody-here”").is_visible()
    for organization in (first, second):
        assert page.get_by_role("link", name=organization.name).first.is_visible()
    assert page.get_by_role("rowheader", name="Accepting new patients").is_visible()
    assert not page.get_by_role("rowheader", name="Your shortlist").is_visible()
    # No button that could not work.
    page.goto(f"{live_server.url}/providers/{first.slug}/")
    assert page.get_by_role("button", name=SAVE).count() == 0
    context.close()


def test_results_cards_save_up_to_four_and_the_link_follows_on_every_page(
    browser, live_server, demo_listings
):
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/find/?near=10001&radius=100")
    cards = page.locator("ol.listings > li")
    names = [cards.nth(i).locator("h3 a").inner_text() for i in range(5)]
    # Demo names repeat from city to city: the profiles' addresses tell the clinics apart.
    profiles = [cards.nth(i).locator("h3 a").get_attribute("href") for i in range(5)]
    for i in range(4):
        cards.nth(i).get_by_role("button", name=SAVE).click()
    assert_no_axe_violations(page)
    cards.nth(4).get_by_role("button", name=SAVE).click()
    status = cards.nth(4).get_by_role("status")
    assert status.inner_text() == f"Your shortlist holds 4 already: remove one to add {names[4]}."
    # The link is in the header of any page, not only the directory's.
    page.goto(f"{live_server.url}/conditions/")
    page.get_by_role("link", name="Shortlist (4)").click()
    page.wait_for_url("**/providers/compare/**")
    for profile in profiles[:4]:
        assert page.locator(f'.compare__providers a[href="{profile}"]').count() == 1
    assert page.locator(f'a[href="{profiles[4]}"]').count() == 0
    context.close()

"""The pages in a real Chromium: no accessibility violations, no request to another host."""

from urllib.parse import urlsplit

import pytest

from core.tests.browser import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def served_site(live_server, site_pages):
    return live_server.url


@pytest.mark.parametrize("path", ["/", "/crisis/"])
def test_page_has_no_axe_violations_and_stays_on_our_host(page, served_site, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(served_site + path)
    assert response.status == 200

    assert_no_axe_violations(page)

    our_host = urlsplit(served_site).netloc
    other_hosts = {urlsplit(url).netloc for url in requested} - {our_host}
    assert other_hosts == set()
    assert len(requested) >= 3  # the page, its stylesheet and its icon all came from us


def test_keyboard_users_can_skip_straight_to_the_content(page, served_site):
    page.goto(served_site + "/crisis/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_crisis_page_works_on_a_phone_without_javascript(browser, served_site):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto(served_site + "/crisis/")
    call = page.locator(".crisis-card--lifeline").get_by_role("link", name="Call 988")
    assert call.get_attribute("href") == "tel:988"
    assert call.bounding_box()["height"] >= 44  # a comfortable tap target
    text = page.locator(".crisis-card--lifeline").get_by_role("link", name="Text 988")
    assert text.get_attribute("href") == "sms:988"
    in_the_bar = page.locator(".crisis-bar").get_by_role("link", name="Call 988")
    assert in_the_bar.bounding_box()["height"] >= 24  # WCAG 2.2 minimum target size
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()

"""Every page type in a real Chromium on a phone-sized screen, and the editor under the CSP."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from accounts.tests.second_factor import sign_in_with_second_factor
from content.models import TreatmentPage
from core.tests.browser import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True}


@pytest.fixture
def served_site(live_server, site_pages):
    return live_server.url


# Every page type once; one test, so the library is written and the browser started once.
PAGE_TYPES = (
    "/",
    "/treatments/",
    "/treatments/ketamine/",
    "/conditions/",
    "/conditions/ptsd/",
    "/conditions/ocd/",
    "/conditions/bipolar-depression/",
    "/treatments/esketamine/",
    "/compare/",
    "/compare/ketamine-vs-ect/",
    "/about/",
    "/search/?q=ketamine",
)


def test_each_page_type_is_accessible_and_fits_a_phone(browser, served_site, subtests):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    our_host = urlsplit(served_site).netloc
    for path in PAGE_TYPES:
        with subtests.test(path=path):
            requested.clear()
            response = page.goto(served_site + path)
            assert response.status == 200

            assert_no_axe_violations(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            assert {urlsplit(url).netloc for url in requested} == {our_host}
    context.close()


def test_a_reader_can_follow_a_citation_to_its_source_and_back(browser, served_site):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served_site + "/compare/ketamine-vs-ect/")
    first = page.locator("sup.cite a").first
    first.click()
    target = page.evaluate("location.hash")
    assert target.startswith("#ref-")
    reference = page.locator(target)
    assert reference.is_visible()
    reference.get_by_role("link", name="Back to the text").or_(
        reference.get_by_role("link", name="place 1")
    ).first.click()
    assert page.evaluate("location.hash") == "#" + first.get_attribute("id")
    context.close()


def test_the_treatment_table_reads_as_cards_on_a_phone(browser, served_site):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served_site + "/treatments/")
    label = page.locator(".treatment-table tbody tr").first.locator(".stack-label").first
    assert label.is_visible()
    assert label.inner_text() == "How soon it may help"
    context.close()


def test_editing_a_treatment_breaks_no_content_security_policy(browser, served_site):
    operator = User.objects.create_superuser("olive", "olive@example.org", password=None)
    client = Client()
    sign_in_with_second_factor(client, operator)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": served_site}]
    )
    # The editor pings its editing session while open and releases it with a beacon as it
    # closes; a beacon the live server answers after the test would race the database's flush.
    context.route("**/admin/editing-sessions/**", lambda route: route.abort())
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    treatment = TreatmentPage.objects.get(slug="ketamine")

    page.goto(f"{served_site}/admin/pages/{treatment.pk}/edit/")
    page.locator("#id_summary").fill("Edited while testing the CSP.")
    page.get_by_role("tab", name="Settings").click()
    date_input = page.locator('input[name="last_reviewed"]')
    date_input.click()

    assert date_input.get_attribute("data-psycle-chooser-started") is not None
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    violations = [text for text in console if "Content Security Policy" in text]
    assert violations == []
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_contents_list_jumps_to_each_section(browser, served_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served_site + "/treatments/ketamine/")
    assert_no_axe_violations(page)
    contents = page.get_by_role("navigation", name="On this page")
    links = contents.get_by_role("link")
    assert links.count() >= 8
    if width >= 1280:
        # Beside the text on a wide screen, not above it.
        body = page.locator(".article__body").bounding_box()
        assert contents.bounding_box()["x"] + contents.bounding_box()["width"] <= body["x"]
    for index in range(links.count()):
        link = contents.get_by_role("link").nth(index)
        name, target = link.inner_text(), link.get_attribute("href")
        if width < 1280:
            contents.scroll_into_view_if_needed()
        link.click()
        expect(page).to_have_url(served_site + "/treatments/ketamine/" + target)
        heading = page.locator(f"{target} h2" if target == "#sources" else target)
        expect(heading).to_have_text(name)
        top = heading.bounding_box()["y"]
        assert 0 <= top < 200, f"{name} is at {top}px, not at the top of the window"
    context.close()

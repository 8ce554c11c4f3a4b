"""A seeker sends a request from a demo profile in a real Chromium, with JavaScript off and on;
axe finds nothing on the form (with and without errors), the success page or the deletion pages."""

import pytest
from playwright.sync_api import expect

from consultations import links
from consultations.models import ConsultationRequest
from core.tests.browser import assert_no_axe_violations
from core.tests.people import DANA, consultation_request
from directory import demo
from directory.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_clinic():
    """A demo clinic that takes new patients, so its request form shows at once."""
    demo.write(demo.generate(6, seed=1))
    return (
        Organization.objects.filter(email__endswith="@example.org")
        .filter(services__accepting_new_patients=True)
        .order_by("email")
        .distinct()
        .first()
    )


def fill_in(form, *, message: str = DANA["message"]) -> None:
    form.get_by_label("Your name").fill(DANA["name"])
    form.get_by_label("E-mail address").fill(DANA["email"])
    form.get_by_label("Phone number").fill("(415) 555-0143")
    form.get_by_label("Text message").check()
    form.get_by_label("Evening").check()
    form.get_by_label("The state you are in").select_option("CA")
    form.get_by_label("Message (optional)").fill(message)
    form.get_by_role("checkbox", name="I agree to share this request").check()


@pytest.mark.parametrize("javascript", [False, True])
def test_a_seeker_sends_a_request_from_a_demo_profile(
    browser, live_server, demo_clinic, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/providers/{demo_clinic.slug}/")
    form = page.locator("form.request-form")
    assert page.get_by_role("heading", name="Request a consultation").is_visible()
    assert page.get_by_text("If you are in crisis, do not wait for a clinic.").first.is_visible()
    assert not page.locator("#request-website").is_visible()  # the honeypot
    if javascript:
        assert_no_axe_violations(page)
    fill_in(form)
    if javascript:
        left = 1000 - len(DANA["message"])
        assert form.locator(".field__counter").inner_text() == f"Characters left: {left}"
    form.get_by_role("button", name=f"Send my request to {demo_clinic.name}").click()

    page.wait_for_url(f"**/providers/{demo_clinic.slug}/request/sent/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your request is on its way"
    if javascript:
        assert_no_axe_violations(page)
    request = ConsultationRequest.objects.get()
    assert request.organization == demo_clinic
    assert request.phone == "+14155550143"
    assert request.preferred_contact == "text"
    assert request.preferred_time == "evening"
    context.close()


@pytest.mark.parametrize("javascript", [False, True])
def test_mistakes_are_listed_and_each_link_leads_to_its_field(
    browser, live_server, demo_clinic, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/providers/{demo_clinic.slug}/")
    form = page.locator("form.request-form")
    fill_in(form, message="x" * 1005)
    form.get_by_label("Phone number").fill("")
    form.get_by_role("checkbox", name="I agree to share this request").uncheck()
    if javascript:
        assert form.locator(".field__counter").inner_text() == "Characters over the limit: 5"
    form.get_by_role("button", name=f"Send my request to {demo_clinic.name}").click()

    page.wait_for_url(f"**/providers/{demo_clinic.slug}/request/")
    summary = page.get_by_role("alert").filter(has_text="Please check what you entered")
    assert summary.get_by_role("link").all_inner_texts() == [
        "Enter your phone number: you asked for a text message.",
        "Shorten your message to 1000 characters or fewer (it has 1005).",
        "Tick the box to agree to share your request with this clinic.",
    ]
    assert page.get_by_label("Your name").input_value() == DANA["name"]
    assert page.get_by_label("Phone number").get_attribute("aria-invalid") == "true"
    summary.get_by_role("link", name="Enter your phone number").click()
    assert page.evaluate("document.activeElement.id") == "request-phone"
    if javascript:
        assert_no_axe_violations(page)
    assert not ConsultationRequest.objects.exists()
    context.close()


def test_the_deletion_pages_have_no_axe_violations(page, live_server, demo_clinic):
    request = consultation_request(demo_clinic)
    page.goto(f"{live_server.url}/requests/delete/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send me deletion links").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("main").get_by_label("The e-mail address you gave").fill(DANA["email"])
    page.get_by_role("button", name="Send me deletion links").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your e-mail"
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/requests/delete/{links.deletion_token(request.pk)}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Delete my request").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your request is deleted"
    assert_no_axe_violations(page)
    assert not ConsultationRequest.objects.exists()

    page.goto(f"{live_server.url}/requests/delete/broken/")
    assert page.get_by_role("heading", level=1).inner_text() == "This link does not work"
    assert_no_axe_violations(page)


def test_a_provider_without_an_address_explains_itself_accessibly(page, live_server, demo_clinic):
    Organization.objects.filter(pk=demo_clinic.pk).update(email="")
    page.goto(f"{live_server.url}/providers/{demo_clinic.slug}/request/")
    assert "does not take requests through Psycle" in page.get_by_role("heading").first.inner_text()
    assert_no_axe_violations(page)


def assert_each_radio_beside_its_label(page) -> int:
    """Each radio of the form and its label share one line: the label starts just after the
    radio, on the same row, and the label's text is not wrapped onto a second line."""
    pairs = page.locator("form.request-form input[type=radio]")
    assert pairs.count() >= 5
    for index in range(pairs.count()):
        radio = pairs.nth(index)
        label = page.locator(f"label[for='{radio.get_attribute('id')}']")
        box, text = radio.bounding_box(), label.bounding_box()
        name = label.inner_text()
        assert box["width"] < 40, f"the radio for {name!r} is stretched"
        assert text["x"] >= box["x"] + box["width"], f"{name!r} is not right of its radio"
        assert text["x"] - (box["x"] + box["width"]) < 24, f"{name!r} is far from its radio"
        middle = box["y"] + box["height"] / 2
        assert text["y"] <= middle <= text["y"] + text["height"], f"{name!r} is on another line"
        line_height = float(label.evaluate("l => parseFloat(getComputedStyle(l).lineHeight)"))
        assert text["height"] < 2 * line_height, f"{name!r} wraps"
    return pairs.count()


@pytest.mark.parametrize("width", [375, 1280])
def test_each_radio_sits_beside_its_label_on_one_line(browser, live_server, demo_clinic, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/providers/{demo_clinic.slug}/")
    assert_each_radio_beside_its_label(page)
    page.goto(f"{live_server.url}/providers/{demo_clinic.slug}/request/")
    assert_each_radio_beside_its_label(page)
    context.close()

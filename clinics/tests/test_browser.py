"""The clinic portal in a real Chromium: a seeker's request reaches Riverside's staff, who sign in
with a password and a code from their authenticator app; Lakeside's staff get a 404; and axe-core
finds nothing wrong on any portal or sign-in page."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.second_factor import activate_authenticator_app, code_for
from clinics.models import Claim, Membership
from consultations.models import ConsultationRequest
from core.tests import people
from core.tests.browser import assert_no_axe_violations
from core.tests.people import DANA, make_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, email, secret):
    """Password first, then the code the authenticator app shows."""
    page.goto(base + "/clinic/")
    assert "/account/login/" in page.url
    page.locator("main").get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clinic portal")


def test_a_request_reaches_its_clinic_and_no_other(browser, live_server):
    base = live_server.url
    riverside = people.riverside()
    lakeside = people.lakeside()
    casey = people.staff_of(riverside, "casey@riverside.example")
    casey_secret = activate_authenticator_app(casey)
    morgan = people.staff_of(lakeside, "morgan@lakeside.example")
    morgan_secret = activate_authenticator_app(morgan)

    seeker = browser.new_context()
    page = seeker.new_page()
    page.goto(base + "/providers/riverside/")
    page.get_by_label("Your name").fill(DANA["name"])
    page.locator("main").get_by_label("E-mail address").fill(DANA["email"])
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_label("The state you are in").select_option("CA")
    page.get_by_label("Message (optional)").fill(DANA["message"])
    page.get_by_label("I agree to share this request").check()
    page.get_by_role("button", name="Send my request to Riverside Ketamine Clinic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request is on its way")
    request = ConsultationRequest.objects.get()
    seeker.close()

    staff = browser.new_context()
    page = staff.new_page()
    sign_in(page, base, "casey@riverside.example", casey_secret)
    assert "1 new request" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Requests for Riverside Ketamine Clinic").click()
    expect(page.get_by_role("link", name=DANA["name"])).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=DANA["name"]).click()
    assert page.url == f"{base}/clinic/requests/{request.pk}/"
    expect(page.get_by_role("link", name=DANA["email"])).to_be_visible()
    expect(page.get_by_text("is IV ketamine possible?")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Status").select_option("contacted")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Status changed to “Contacted”.")).to_be_visible()
    staff.close()

    other = browser.new_context()
    page = other.new_page()
    sign_in(page, base, "morgan@lakeside.example", morgan_secret)
    response = page.goto(f"{base}/clinic/requests/{request.pk}/")
    assert response.status == 404
    assert DANA["name"] not in page.content()
    other.close()


def test_setting_up_two_step_sign_in_works_without_javascript(browser, live_server, riverside):
    people.staff_of(riverside, "casey@riverside.example")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/clinic/organizations/riverside/requests/")
    page.locator("main").get_by_label("E-mail address").fill("casey@riverside.example")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    expect(page.locator("img.qr-code")).to_be_visible()
    secret = page.locator("#authenticator-secret").inner_text()
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Requests for Riverside Ketamine Clinic"
    )
    context.close()


def test_the_sign_in_and_set_up_pages_have_no_violations(page, live_server, riverside):
    people.staff_of(riverside, "casey@riverside.example")
    console = []
    page.on("console", lambda message: console.append(message.text))
    base = live_server.url
    page.goto(base + "/account/login/")
    assert_no_axe_violations(page)
    page.locator("main").get_by_label("E-mail address").fill("casey@riverside.example")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(base + "/clinic/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    assert_no_axe_violations(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not right.")
    assert_no_axe_violations(page)
    secret = page.locator("#authenticator-secret").inner_text()
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    assert_no_axe_violations(page)
    page.goto(base + "/account/2fa/")
    assert_no_axe_violations(page)
    page.goto(base + "/account/logout/")
    assert_no_axe_violations(page)
    page.locator("main").get_by_role("button", name="Sign out").click()

    page.goto(base + "/account/login/")
    page.locator("main").get_by_label("E-mail address").fill("casey@riverside.example")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    assert_no_axe_violations(page)
    assert [text for text in console if "Content Security Policy" in text] == []


def test_the_portal_pages_have_no_violations(browser, live_server, riverside):
    base = live_server.url
    ada = make_account("ada@psycle.example", people.PASSWORD, is_staff=True)
    Membership.objects.create(user=ada, organization=riverside)
    secret = activate_authenticator_app(ada)
    jordan = make_account("jordan@lakeside.example", people.PASSWORD)
    Claim.objects.create(
        organization=riverside, user=jordan, npi=people.RIVERSIDE_NPI, role_at_clinic="Manager"
    )
    context = browser.new_context()
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in(page, base, "ada@psycle.example", secret)
    service = riverside.services.get()
    location = riverside.locations.get()
    for path in (
        "/clinic/organizations/riverside/listing/",
        f"/clinic/organizations/riverside/services/{service.pk}/",
        f"/clinic/organizations/riverside/locations/{location.pk}/hours/",
        "/clinic/organizations/riverside/export/",
        "/clinic/claim/?q=riverside",
        "/clinic/claim/riverside/",
        "/clinic/admin/",
        "/clinic/admin/audit/",
    ):
        page.goto(base + path)
        assert_no_axe_violations(page)

    page.goto(f"{base}/clinic/organizations/riverside/services/{service.pk}/")
    page.get_by_label("Service name").fill("")
    page.get_by_label("Price (USD)").first.fill("-5")
    page.get_by_role("button", name="Save and confirm as correct today").click()
    expect(page.get_by_role("alert")).to_contain_text("Service name: This field is required.")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Service name: This field is required.")).click()
    assert [text for text in console if "Content Security Policy" in text] == []
    context.close()

"""The newsletter pages and the campaign admin in a real Chromium: no accessibility violations,
sign-up without JavaScript, and no Content Security Policy violation while composing."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from accounts.tests.second_factor import activate_authenticator_app, code_for
from core.tests.browser import assert_no_axe_violations
from core.tests.people import ALICE, make_account, pending_consent, subscribed
from newsletter.models import Campaign, ConsentRecord
from newsletter.tokens import confirmation_token, manage_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def page_paths() -> dict[str, callable]:
    return {
        "sign-up": lambda: "/subscribe/",
        "check your e-mail": lambda: "/subscribe/check-your-email/",
        "confirmation": lambda: f"/newsletter/confirm/{confirmation_token(pending_consent().pk)}/",
        "preferences": lambda: f"/newsletter/preferences/{manage_token(subscribed(ALICE).pk)}/",
        "unsubscribe": lambda: f"/newsletter/unsubscribe/{manage_token(subscribed(ALICE).pk)}/",
        "expired or broken link": lambda: "/newsletter/confirm/broken/",
    }


@pytest.mark.parametrize("name", page_paths())
def test_the_page_has_no_axe_violations(page, live_server, name):
    path = page_paths()[name]()
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)


def test_errors_on_the_sign_up_form_have_no_axe_violations(page, live_server):
    page.goto(live_server.url + "/subscribe/")
    page.get_by_label("E-mail address").fill("alice@")
    # Only the topic that needs a ZIP code, and no ZIP code.
    page.get_by_label("Research news").uncheck()
    page.get_by_label("Treatment guides").uncheck()
    assert page.get_by_label("New providers near me").is_checked()
    page.get_by_role("button", name="Subscribe").click()
    assert page.get_by_text("Enter a ZIP code of 5 digits", exact=False).count() == 0
    assert page.locator("#id_zip_code_error").inner_text() == (
        "Enter your ZIP code to hear about new providers near you."
    )
    assert page.get_by_label("E-mail address").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)


@override_settings(NEWSLETTER_SIGNUP_LIMIT_PER_IP=1)
def test_the_sign_up_limit_message_has_no_axe_violations(page, live_server):
    for address in ("alice@example.org", "bob@example.org"):
        page.goto(live_server.url + "/subscribe/")
        page.get_by_label("E-mail address").fill(address)
        page.get_by_label("Research news").check()
        page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Please wait before signing up again")).to_be_visible()
    assert page.get_by_label("E-mail address").input_value() == "bob@example.org"
    assert_no_axe_violations(page)


def test_the_pages_after_a_confirmation_and_a_save_have_no_axe_violations(page, live_server):
    page.goto(live_server.url + f"/newsletter/confirm/{confirmation_token(pending_consent().pk)}/")
    page.get_by_role("button", name="Confirm my subscription").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are subscribed"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Change your topics").click()
    page.get_by_role("button", name="Save my preferences").click()
    assert page.get_by_role("status").inner_text() == "Your preferences are saved."
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Unsubscribe from everything").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are unsubscribed"
    assert_no_axe_violations(page)


def test_confirming_and_saving_preferences_by_keyboard_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/find/")  # any page but the crisis page, which has no sign-up
    page.locator("#footer-signup-email").fill(ALICE)
    page.locator("#footer-signup-email").press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your e-mail"
    consent = ConsentRecord.objects.get()
    assert consent.form_name == "footer"

    page.goto(live_server.url + f"/newsletter/confirm/{confirmation_token(consent.pk)}/")
    page.get_by_label("Treatment guides").uncheck()
    page.get_by_role("button", name="Confirm my subscription").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are subscribed"

    page.get_by_role("link", name="Change your topics").click()
    assert page.get_by_label("Research news").is_checked()
    assert not page.get_by_label("Treatment guides").is_checked()
    page.get_by_label("New providers near me").check()
    page.get_by_label("ZIP code (for new providers near you)").fill("10001")
    page.get_by_role("button", name="Save my preferences").click()
    assert page.get_by_role("status").inner_text() == "Your preferences are saved."
    context.close()


def test_composing_a_campaign_in_the_admin_breaks_no_content_security_rule(
    page, live_server, site_pages
):
    edith = make_account("edith@example.com", "a long test passphrase", is_staff=True)
    edith.is_superuser = True
    edith.save()
    secret = activate_authenticator_app(edith)
    # The editor pings its editing session and releases it with a beacon as the page closes; a
    # beacon the live server answers after the test would race the database's flush.
    page.route("**/admin/editing-sessions/**", lambda route: route.abort())
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + "/admin/login/")
    page.locator("main").get_by_label("E-mail address").fill("edith@example.com")
    page.get_by_label("Password").fill("a long test passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(live_server.url + "/admin/snippets/newsletter/campaign/add/")
    page.locator("#id_subject").fill("What a new ketamine study found")
    page.locator("#id_topic").select_option("research_news")
    page.locator("#id_body").fill("A new study is out.\n\n- It was small.")
    page.locator("#id_send_at").fill("2031-05-04T09:30")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(live_server.url + "/admin/snippets/newsletter/campaign/")

    issue = Campaign.objects.get()
    assert issue.send_at.isoformat() == "2031-05-04T09:30:00+00:00"
    assert "A new study is out." in issue.body

    page.goto(live_server.url + f"/admin/newsletter/campaigns/{issue.pk}/")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Scheduled. Sending starts at the time set.")).to_be_visible()
    assert Campaign.objects.get().status == Campaign.Status.SCHEDULED
    page.goto(live_server.url + f"/admin/snippets/newsletter/campaign/edit/{issue.pk}/")
    assert violations == []

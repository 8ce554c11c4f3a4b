"""The report form in Chromium, with JavaScript off and on: reached from a page's footer, its
errors lead to their fields, and axe finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from core.tests.browser import assert_no_axe_violations
from feedback.models import ProblemReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("javascript", "width"), [(False, 375), (True, 375), (True, 1280)])
def test_a_reader_reports_a_problem_from_the_page_itself(
    browser, live_server, site_pages, javascript, width
):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/treatments/ketamine/")
    page.get_by_role("link", name="Report a problem with this page").click()
    page.wait_for_url(re.compile(r"/report/\?page=/treatments/ketamine/$"))
    if javascript:
        assert_no_axe_violations(page)
    page.get_by_role("button", name="Send the report").click()
    summary = page.get_by_role("alert").filter(has_text="Please check what you entered")
    expect(summary).to_be_visible()
    if javascript:
        assert_no_axe_violations(page)
    summary.get_by_role("link", name="Describe the problem.").click()
    page.get_by_label("What is the problem?").fill("The price figure is out of date.")
    page.get_by_label("Something is wrong or out of date").check()
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url(re.compile(r"/report/thanks/\?page="))
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your report"
    if javascript:
        assert_no_axe_violations(page)
    page.get_by_role("link", name="Back to the page").click()
    page.wait_for_url("**/treatments/ketamine/")
    assert ProblemReport.objects.get().message == "The price figure is out of date."
    context.close()

"""The whole self-assessment in a real Chromium, with JavaScript off and on, checked by axe-core."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from assessments.models import SavedResult
from assessments.safety import SAFETY_QUESTIONS
from core.tests.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHQ9_WITH_ITEM9 = [1, 1, 0, 1, 0, 1, 0, 0, 1]  # a low total, but question 9 above zero
GAD7 = [2, 2, 1, 1, 1, 1, 2]
SAFETY = [question.code for question in SAFETY_QUESTIONS]


def answer(page, name, value):
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def next_step(page):
    """Submits the step. Playwright's click returns once the next page starts to arrive, so it
    waits for that page to load: without JavaScript a check straight after could read a page
    half parsed."""
    page.get_by_role("button", name=re.compile("^(Next|See my results)$")).click()
    page.wait_for_load_state()


def take_the_whole_assessment(page, base_url, *, check_each_step, javascript=True):
    """Answers every step as a person would, checking each page before moving on."""
    seen = []

    def on_step(title):
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == title
        seen.append(page.locator(".progress__count").inner_text())
        if check_each_step:
            assert_no_axe_violations(page)

    page.goto(base_url + "/assessment/")
    if check_each_step:
        assert_no_axe_violations(page)
    page.get_by_role("link", name="Start the self-assessment").click()

    on_step("About you")
    answer(page, "age", "25_plus")
    next_step(page)

    on_step("Depression (PHQ-9)")
    for number, value in enumerate(PHQ9_WITH_ITEM9, start=1):
        answer(page, f"item_{number}", value)
    # With JavaScript, crisis help shows on this very step; without, on the next one.
    assert page.locator("[data-self-harm-help]").is_visible() == javascript
    next_step(page)

    on_step("Anxiety (GAD-7)")
    assert page.get_by_text("You mentioned thoughts of being better off dead").is_visible()
    for number, value in enumerate(GAD7[:3], start=1):
        answer(page, f"item_{number}", value)
    page.get_by_role("button", name="Back").click()  # half done: back, then forward again
    on_step("Depression (PHQ-9)")
    assert page.locator('input[name="item_9"][value="1"]').is_checked()
    next_step(page)
    on_step("Anxiety (GAD-7)")
    assert page.locator('input[name="item_3"][value="1"]').is_checked()
    for number, value in enumerate(GAD7, start=1):
        answer(page, f"item_{number}", value)
    next_step(page)

    on_step("Trauma (PC-PTSD-5)")
    answer(page, "trauma_exposure", "yes")
    for number in range(1, 6):
        answer(page, f"item_{number}", "yes" if number <= 3 else "no")
    next_step(page)

    on_step("Treatments you have tried")
    answer(page, "antidepressant_trials", "2")
    page.get_by_label("Talk therapy (counseling or psychotherapy)").check()
    next_step(page)

    on_step("Health and safety")
    for code in SAFETY:
        answer(page, code, "not_sure" if code == "blood_pressure" else "no")
    next_step(page)

    page.wait_for_load_state()
    assert page.url == base_url + "/assessment/full/result/"
    assert seen[0] == "Step 1 of 6" and seen[-1] == "Step 6 of 6"
    return seen


def check_the_result(page, *, check_accessibility):
    main = page.locator("main")
    headings = main.get_by_role("heading", level=2).all_inner_texts()
    assert headings[0] == "Please reach out now: you do not have to face this alone"
    assert headings.index("Your scores") > 0
    panel = main.locator(".crisis-panel")
    assert panel.get_by_role("link", name="Call 988", exact=True).get_attribute("href") == "tel:988"
    assert panel.get_by_role("link", name="Text HOME to 741741").is_visible()
    assert main.get_by_text("This is a screen, not a diagnosis.").is_visible()
    assert main.locator("svg.scale__picture").count() == 3
    fits = main.locator(".option--may_fit h3").all_inner_texts()
    # PHQ-9 of 5 is mild; GAD-7 of 10 is moderate: first-line care for anxiety, and therapy.
    assert fits == ["Medicine, talk therapy or both, through your doctor", "Talk therapy"]
    assert main.get_by_text(
        "You were not sure about: high blood pressure that is not under control; a doctor can check"
    ).first.is_visible()
    if check_accessibility:
        assert_no_axe_violations(page)


def test_the_whole_flow_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    take_the_whole_assessment(page, live_server.url, check_each_step=False, javascript=False)
    # axe-core runs as JavaScript in the page, so the test with JavaScript on checks each page.
    check_the_result(page, check_accessibility=False)
    assert page.get_by_role("button", name="Print this summary").is_hidden()
    page.reload()  # the result is a page of its own, so reloading shows it again
    assert page.locator(".crisis-panel").is_visible()
    context.close()


def test_the_whole_flow_with_javascript_and_no_accessibility_violations(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    take_the_whole_assessment(page, live_server.url, check_each_step=True)
    check_the_result(page, check_accessibility=True)
    assert page.get_by_role("button", name="Print this summary").is_visible()
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(live_server.url).netloc}


def test_crisis_help_shows_on_the_question_9_step_as_soon_as_it_is_answered(page, live_server):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/assessment/phq9/")
    answer(page, "age", "25_plus")
    next_step(page)
    help_now = page.locator("[data-self-harm-help]")
    assert help_now.is_hidden()
    # The quiet line beside question 9 is there for everyone, with or without an answer.
    assert page.locator(".item9-hint").get_by_role("link", name="call 988").is_visible()
    answer(page, "item_9", 1)
    assert help_now.is_visible()
    assert help_now.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
    assert help_now.get_by_role("link", name="Text HOME to 741741").is_visible()
    assert page.url.endswith("/assessment/phq9/phq9/")  # still on the same step
    assert_no_axe_violations(page)
    answer(page, "item_9", 0)
    assert help_now.is_hidden()


def test_without_javascript_question_9_help_shows_when_the_step_comes_back(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/assessment/phq9/")
    answer(page, "age", "25_plus")
    next_step(page)
    answer(page, "item_9", 2)
    next_step(page)  # the other questions are missing: the same step comes back
    expect(page.get_by_text("Question 1: choose an answer.").first).to_be_visible()
    expect(page.locator("[data-self-harm-help]")).to_be_visible()
    context.close()


def test_javascript_asks_the_pc_ptsd_5_questions_only_after_yes(page, live_server):
    page.goto(live_server.url + "/assessment/pc-ptsd-5/")
    answer(page, "age", "25_plus")
    next_step(page)
    questions = page.locator("[data-gated-by]")
    assert questions.is_hidden()
    answer(page, "trauma_exposure", "yes")
    assert questions.is_visible()
    answer(page, "trauma_exposure", "no")
    assert questions.is_hidden()
    next_step(page)
    assert page.url.endswith("/assessment/pc-ptsd-5/result/")
    assert page.locator(".score-card__total").inner_text() == "0 out of 5: Negative screen"


def test_a_refused_step_names_what_is_missing_and_focuses_the_summary(page, live_server):
    page.goto(live_server.url + "/assessment/gad7/")
    answer(page, "age", "25_plus")
    next_step(page)
    answer(page, "item_1", 1)
    next_step(page)
    summary = page.locator(".error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.get_by_role("link", name="Question 2: choose an answer.").is_visible()
    assert page.title().startswith("Error:")
    assert_no_axe_violations(page)


def test_the_printout_is_one_page(page, live_server):
    take_the_whole_assessment(page, live_server.url, check_each_step=False)
    page.emulate_media(media="print")
    assert page.locator(".print-summary").is_visible()
    assert page.locator(".options").first.is_hidden() and page.locator(".site-header").is_hidden()
    pdf = page.pdf(format="Letter")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_under_18s_get_a_page_that_points_to_help(page, live_server):
    page.goto(live_server.url + "/assessment/full/")
    answer(page, "age", "under_18")
    next_step(page)
    assert page.get_by_role("heading", level=1).inner_text() == "This self-assessment is for adults"
    assert_no_axe_violations(page)


def test_a_seeker_signs_up_saves_and_sees_the_history(page, live_server):
    base = live_server.url
    page.goto(base + "/assessment/phq9/")
    answer(page, "age", "25_plus")
    next_step(page)
    for number in range(1, 10):
        answer(page, f"item_{number}", 2 if number < 9 else 0)
    next_step(page)
    page.get_by_role("link", name="create an account").click()
    assert_no_axe_violations(page)
    page.locator("main").get_by_label("E-mail address").fill("jo@example.com")
    page.get_by_label("Password").fill("a quiet lake at dawn 19")
    page.get_by_label("I am 18 or older.").check()
    page.get_by_role("button", name="Create account").click()
    assert page.url == base + "/account/confirm-email/"
    assert_no_axe_violations(page)
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.MULTILINE).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    assert page.url == base + "/assessment/phq9/result/"
    page.get_by_label(re.compile("^Keep these questionnaire answers")).check()
    page.get_by_role("button", name="Save to my history").click()
    assert page.url == base + "/assessment/history/"
    assert SavedResult.objects.get().total == 16
    assert page.locator("svg.history__chart").count() == 1
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Delete everything").click()
    assert_no_axe_violations(page)
    page.goto(base + "/assessment/history/")
    page.get_by_role("button", name="Sign out").click()
    assert page.url == base + "/assessment/"
    page.goto(base + "/account/login/")
    assert_no_axe_violations(page)


def test_the_pcl5_step_and_its_result_with_clusters_have_no_violations(page, live_server):
    page.goto(live_server.url + "/assessment/pcl5/")
    answer(page, "age", "25_plus")
    next_step(page)
    assert page.get_by_role("heading", level=1).inner_text() == "PTSD checklist (PCL-5)"
    assert_no_axe_violations(page)
    for number in range(1, 21):
        answer(page, f"item_{number}", 2)
    answer(page, "stressful_experience", 1)
    next_step(page)
    assert page.locator(".score-card__total").inner_text() == "40 out of 80: Positive screen"
    assert page.get_by_role("table", name="Your answers by symptom group").is_visible()
    assert_no_axe_violations(page)

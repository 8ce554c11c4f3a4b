"""One questionnaire per step: progress, errors that name the question, back and forward."""

import pytest

from assessments.flows import SESSION_KEY, Answers
from assessments.models import SavedResult
from assessments.tests.conftest import checked, items, pc_ptsd_5

pytestmark = pytest.mark.django_db


def test_the_flow_starts_with_the_age_question(client):
    response = client.get("/assessment/full/")
    assert response.status_code == 302 and response.url == "/assessment/full/age/"
    page = client.get(response.url).content.decode()
    assert "How old are you?" in page
    assert "Some medicines carry warnings for people under 25." in page
    assert "Step 1 of 6" in page
    assert '<progress class="progress__bar" max="6" value="1"' in page


def test_a_later_step_cannot_be_opened_before_the_earlier_ones(client):
    response = client.get("/assessment/full/safety/")
    assert response.status_code == 302 and response.url == "/assessment/full/age/"


def test_under_18s_are_told_the_tool_is_for_adults_and_where_to_find_help(client):
    response = client.post("/assessment/full/age/", {"age": "under_18"})
    assert response.url == "/assessment/adults-only/"
    page = client.get(response.url).content.decode()
    assert "This self-assessment is for adults" in page
    assert "school counselor" in page and "988" in page and 'href="/crisis/"' in page
    assert SESSION_KEY not in client.session


def test_each_questionnaire_step_shows_its_questions_progress_and_credit(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    page = client.get("/assessment/full/phq9/").content.decode()
    assert "Step 2 of 6" in page
    assert "Over the last 2 weeks, how often have you been bothered" in page
    assert "Thoughts that you would be better off dead or of hurting yourself" in page
    # Nine scored questions, then the published, unscored difficulty question.
    assert page.count('type="radio"') == 9 * 4 + 4
    assert "how difficult have these problems made it for you" in page
    assert "is not part of the score" in page
    assert "No permission required to reproduce" in page
    assert '<a href="/assessment/full/age/">About you</a>' in page


def test_missing_answers_are_named_and_the_given_ones_kept(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    given = items([2, 1, 0, 1, 1, 1, 1, 1, 0])
    del given["item_3"], given["item_7"]
    response = client.post("/assessment/full/phq9/", given)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Some answers are missing" in page
    assert '<a href="#id_item_3">Question 3: choose an answer.</a>' in page
    assert '<a href="#id_item_7">Question 7: choose an answer.</a>' in page
    assert checked(page, "item_1", 2) and not checked(page, "item_1", 0)
    assert client.get("/assessment/full/gad7/").url == "/assessment/full/phq9/"


def test_back_keeps_what_was_answered_even_half_done(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    response = client.post("/assessment/full/phq9/", {"item_1": "3", "direction": "back"})
    assert response.url == "/assessment/full/age/"
    page = client.get("/assessment/full/phq9/").content.decode()
    assert checked(page, "item_1", 3)
    assert "Some answers are missing" not in page


def test_forward_and_back_again_shows_every_answer(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    client.post("/assessment/full/phq9/", items([0, 1, 2, 3, 0, 1, 2, 3, 0]))
    page = client.get("/assessment/full/phq9/").content.decode()
    for number, value in enumerate([0, 1, 2, 3, 0, 1, 2, 3, 0], start=1):
        assert checked(page, f"item_{number}", value)
    age_page = client.get("/assessment/full/age/").content.decode()
    assert checked(age_page, "age", "25_plus") and not checked(age_page, "age", "18_24")


def test_the_pc_ptsd_5_skips_its_questions_after_no(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    client.post("/assessment/full/phq9/", items([0] * 9))
    client.post("/assessment/full/gad7/", items([0] * 7))
    response = client.post("/assessment/full/pc-ptsd-5/", pc_ptsd_5(None))
    assert response.url == "/assessment/full/treatments/"


def test_the_pc_ptsd_5_needs_its_five_answers_after_yes(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    client.post("/assessment/full/phq9/", items([0] * 9))
    client.post("/assessment/full/gad7/", items([0] * 7))
    response = client.post(
        "/assessment/full/pc-ptsd-5/", {"trauma_exposure": "yes", "item_1": "yes"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Question 2: choose an answer." in page and "Question 5: choose an answer." in page
    assert "Question 1: choose an answer." not in page


def test_question_9_offers_988_on_its_own_step(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    page = client.get("/assessment/full/phq9/").content.decode()
    question_9 = page[page.index("Thoughts that you would be better off dead") :]
    hint = question_9[: question_9.index("</fieldset>") + 400]
    assert 'href="tel:988"' in hint and 'href="sms:988"' in hint
    # The fuller note waits, hidden, for an answer above "Not at all" (shown by the script).
    assert "data-self-harm-help hidden" in page


def test_a_self_harm_answer_sent_with_a_gap_shows_crisis_help_on_the_same_step(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    response = client.post("/assessment/full/phq9/", {"item_9": "2"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "data-self-harm-help>" in page and "data-self-harm-help hidden" not in page
    assert "You said you have had thoughts that you would be better off dead" in page


def test_after_a_self_harm_answer_later_steps_offer_988(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    client.post("/assessment/full/phq9/", items([0, 0, 0, 0, 0, 0, 0, 0, 1]))
    page = client.get("/assessment/full/gad7/").content.decode()
    assert "You mentioned thoughts of being better off dead" in page
    assert 'href="tel:988"' in page.split('<main id="main"')[1]


def test_the_safety_step_asks_about_each_caution(client, finish_full):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    client.post("/assessment/full/phq9/", items([0] * 9))
    client.post("/assessment/full/gad7/", items([0] * 7))
    client.post("/assessment/full/pc-ptsd-5/", pc_ptsd_5(None))
    client.post("/assessment/full/treatments/", {"antidepressant_trials": "1"})
    page = client.get("/assessment/full/safety/").content.decode()
    for words in (
        "psychosis",
        "bipolar disorder",
        "blood pressure",
        "aneurysm",
        "pregnant",
        "used ketamine other than as prescribed",
        "liver disease",
        "glaucoma",
        "MAOI",
    ):
        assert words in page
    response = client.post("/assessment/full/safety/", {"psychosis_mania": "no"})
    assert (
        "Do you have high blood pressure that is not under control? Choose yes, no or not sure."
        in (response.content.decode())
    )


def test_answers_live_in_the_session_only(client, finish_full):
    finish_full()
    assert set(Answers(client.session).steps) == {
        "age",
        "phq9",
        "gad7",
        "pc-ptsd-5",
        "treatments",
        "safety",
    }
    assert SavedResult.objects.count() == 0
    assert client.session.get_expiry_age() <= 3600


@pytest.mark.parametrize(
    "path", ["/assessment/nope/", "/assessment/full/nope/", "/assessment/gad7/phq9/"]
)
def test_unknown_flows_and_steps_are_not_found(client, path):
    assert client.get(path).status_code == 404

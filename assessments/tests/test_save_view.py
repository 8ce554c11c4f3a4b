"""Saving is a choice a signed-in person makes on the result page, and is recorded as one."""

import pytest

from assessments.flows import SESSION_KEY
from assessments.models import SaveConsent, SavedResult

pytestmark = pytest.mark.django_db


def test_signed_out_people_are_sent_to_sign_in_and_nothing_is_saved(client, finish_full):
    finish_full()
    response = client.post("/assessment/full/save/", {"consent": "on"})
    assert response.status_code == 302
    assert response.url.startswith("/account/login/?next=/assessment/full/save/")
    assert SavedResult.objects.count() == 0


def test_arriving_at_save_after_signing_in_shows_the_result_again(client, seeker, finish_full):
    client.force_login(seeker)
    finish_full()
    response = client.get("/assessment/full/save/")
    assert response.status_code == 302 and response.url == "/assessment/full/result/"
    assert SavedResult.objects.count() == 0


def test_saving_needs_the_box_ticked(client, seeker, finish_full):
    client.force_login(seeker)
    finish_full()
    response = client.post("/assessment/full/save/", {})
    assert response.status_code == 200
    assert "Tick the box to say you want us to keep them." in response.content.decode()
    assert SavedResult.objects.count() == 0 and SaveConsent.objects.count() == 0


def test_saving_keeps_each_questionnaire_and_the_consent_then_forgets_the_session(
    client, seeker, finish_full
):
    client.force_login(seeker)
    finish_full(phq9=(3, 3, 3, 1, 1, 1, 1, 1, 1), gad7=(0, 0, 0, 0, 0, 0, 1), ptsd=2)
    assert "Save to my history" in client.get("/assessment/full/result/").content.decode()
    response = client.post("/assessment/full/save/", {"consent": "on"})
    assert response.url == "/assessment/history/"
    saved = {r.instrument: r for r in SavedResult.objects.filter(user=seeker)}
    assert set(saved) == {"phq9", "gad7", "pc-ptsd-5"}
    assert (saved["phq9"].total, saved["phq9"].band) == (15, "moderately_severe")
    assert saved["phq9"].answers == {"answers": [3, 3, 3, 1, 1, 1, 1, 1, 1]}
    assert saved["pc-ptsd-5"].answers == {
        "trauma_exposure": True,
        "answers": [True, True, False, False, False],
    }
    assert (saved["pc-ptsd-5"].total, saved["pc-ptsd-5"].band) == (2, "negative")
    consent = SaveConsent.objects.get(user=seeker)
    assert consent.statement.startswith("Keep these questionnaire answers and scores")
    assert SESSION_KEY not in client.session
    assert "Your results are saved." in client.get(response.url).content.decode()


def test_answers_wait_while_a_person_signs_in_to_save_them(client, seeker, finish_full, password):
    finish_full()
    response = client.post(
        "/account/login/",
        {"login": "Sam@Example.com", "password": password, "next": "/assessment/full/result/"},
    )
    assert response.url == "/assessment/full/result/"
    client.post("/assessment/full/save/", {"consent": "on"})
    assert SavedResult.objects.filter(user=seeker).count() == 3

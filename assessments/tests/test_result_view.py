"""The result: crisis help first when needed, each score explained and pictured, options, doctor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.flows import SESSION_KEY
from assessments.tests.conftest import items

pytestmark = pytest.mark.django_db


def main_of(response) -> str:
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


def test_the_result_waits_for_every_step(client):
    client.post("/assessment/full/age/", {"age": "25_plus"})
    response = client.get("/assessment/full/result/")
    assert response.status_code == 302 and response.url == "/assessment/full/phq9/"


@pytest.mark.parametrize(
    "phq9",
    [(0, 0, 0, 0, 0, 0, 0, 0, 1), (3, 3, 3, 3, 3, 3, 3, 3, 3)],
    ids=["lowest total", "highest total"],
)
def test_a_self_harm_answer_puts_the_crisis_panel_before_any_score(client, finish_full, phq9):
    finish_full(phq9=phq9)
    page = main_of(client.get("/assessment/full/result/"))
    panel = page.index('class="crisis-panel"')
    assert panel < page.index("Your scores") < page.index("out of 27")
    crisis = page[panel : page.index("</section>", panel)]
    for link in (
        'href="tel:988"',
        'href="sms:988"',
        'href="sms:741741?&amp;body=HOME"',
        'href="tel:911"',
    ):
        assert link in crisis
    assert "press 3" not in crisis.lower()


def test_without_a_self_harm_answer_there_is_no_crisis_panel_even_when_severe(client, finish_full):
    finish_full(phq9=(3, 3, 3, 3, 3, 3, 3, 3, 0))
    page = main_of(client.get("/assessment/full/result/"))
    assert "crisis-panel" not in page
    assert "<strong>24</strong> out of 27: <strong>Severe</strong>" in page


def test_each_score_has_its_band_meaning_picture_and_credit(client, finish_full):
    finish_full(phq9=(2, 2, 2, 2, 1, 1, 1, 1, 0), gad7=(1, 1, 1, 1, 1, 0, 0), ptsd=3)
    page = main_of(client.get("/assessment/full/result/"))
    assert "<strong>12</strong> out of 27: <strong>Moderate</strong>" in page
    assert "<strong>5</strong> out of 21: <strong>Mild</strong>" in page
    assert "<strong>3</strong> out of 5: <strong>Positive screen</strong>" in page
    assert "Your answers suggest moderate depression." in page
    assert "This site counts 3 or more as a positive screen" in page
    assert page.count('<svg class="scale__picture"') == 3
    assert 'role="img"' in page and "is in the Moderate range.</title>" in page
    assert "style=" not in page
    assert page.count("No permission required to reproduce") == 2
    assert "National Center for PTSD" in page
    assert "doi:10.1046/j.1525-1497.2001.016009606.x" in page  # Kroenke 2001, PHQ-9 bands


def test_the_result_says_plainly_it_is_not_a_diagnosis(client, finish_full):
    finish_full()
    assert "This is a screen, not a diagnosis." in main_of(client.get("/assessment/full/result/"))


def section(page: str, heading: str) -> str:
    start = page.index(heading)
    return page[start : page.index("</section>", start)]


def test_options_reasons_finder_links_and_doctor_first(client, finish_full):
    finish_full(
        phq9=(3, 3, 2, 2, 2, 2, 2, 1, 0),
        trials="3",
        other=("therapy",),
        safety={"blood_pressure": "yes"},
    )
    page = main_of(client.get("/assessment/full/result/"))
    fits = section(page, "Options that may fit you")
    for title in ("TMS (transcranial magnetic stimulation)", "ECT (electroconvulsive therapy)"):
        assert title in fits
    assert "Changing or adding a medicine" in fits and "Talk therapy" in fits
    assert 'href="/find/?treatment=tms&amp;condition=depression"' in fits
    assert "A ketamine clinic" not in fits
    doctor_first = section(page, "Not right now: talk to a doctor first")
    assert "A ketamine clinic" in doctor_first and "Esketamine nasal spray" in doctor_first
    assert "You answered yes to: high blood pressure that is not under control" in doctor_first
    assert "/find/?treatment=ketamine" not in page and "/find/?treatment=esketamine" not in page
    assert 'href="/treatments/ketamine/"' in doctor_first
    talk_first = section(page, "Reasons to talk to a doctor first")
    assert "high blood pressure that is not under control" in talk_first
    assert "Sanacora G, Frye MA" in page  # the consensus statement, cited by name
    summary = page[page.index("Summary to show your clinician") :]
    assert "Three or more" in summary and "Talk therapy" in summary
    assert (
        "Do you have high blood pressure that is not under control? <strong>Yes</strong>" in summary
    )
    assert "Options a doctor needs to decide on first" in summary


def test_not_sure_keeps_ketamine_with_the_caution_beside_it(client, finish_full):
    finish_full(phq9=(3, 3, 2, 2, 2, 2, 2, 1, 0), trials="2", safety={"pregnancy": "not_sure"})
    page = main_of(client.get("/assessment/full/result/"))
    fits = section(page, "Options that may fit you")
    assert 'href="/find/?treatment=ketamine&amp;condition=depression"' in fits
    card = fits[fits.index("A ketamine clinic") :]
    card = card[: card.index("</article>")]
    assert "Ask about this first" in card
    assert "You were not sure about: pregnancy, a planned pregnancy or breastfeeding;" in card
    assert "Not right now: talk to a doctor first" not in page
    next_steps = section(page, "Where to go next")
    assert 'href="/coverage/"' in next_steps
    assert '<form method="get" action="/coverage/#costs"' in next_steps
    assert '<input type="text" name="near" id="cost-near"' in next_steps


def test_all_zero_answers_show_no_option_cards_and_no_ketamine_links(client, finish_full):
    finish_full(phq9=(0,) * 9, gad7=(0,) * 7)
    page = main_of(client.get("/assessment/full/result/"))
    assert '<article class="option' not in page
    assert "Your answers do not point to a treatment right now." in page
    assert "Your answers do not point to that now." in page
    assert "/treatments/ketamine/" not in page and "/treatments/esketamine/" not in page
    assert "Options that do not fit your answers" not in page


def test_the_ketamine_pages_are_linked_only_when_ketamine_is_in_play(client, finish_full):
    finish_full(phq9=(2, 2, 2, 2, 2, 1, 1, 1, 0), trials="1")
    page = main_of(client.get("/assessment/full/result/"))
    next_steps = section(page, "Where to go next")
    assert "/treatments/ketamine/" not in next_steps
    assert "/coverage/" not in next_steps
    not_fitting = section(page, "Options that do not fit your answers right now, and why")
    assert "A ketamine clinic" in not_fitting and "fewer than two" in not_fitting
    assert "/treatments/ketamine/" not in page and "/treatments/esketamine/" not in page
    assert 'href="/conditions/depression/"' in next_steps


def test_young_adults_see_the_antidepressant_boxed_warning(client, finish_full):
    finish_full(phq9=(3, 3, 2, 2, 2, 2, 2, 1, 0), trials="2", age="18_24")
    page = main_of(client.get("/assessment/full/result/"))
    assert page.count("You are under 25.") == 2  # esketamine and the change of medicine


def test_the_result_can_be_reloaded_and_then_cleared(client, finish_full):
    finish_full()
    assert client.get("/assessment/full/result/").status_code == 200
    assert client.get("/assessment/full/result/").status_code == 200
    response = client.post("/assessment/clear/")
    assert response.url == "/assessment/"
    assert "Your answers have been cleared." in client.get("/assessment/").content.decode()
    assert SESSION_KEY not in client.session
    assert client.get("/assessment/full/result/").url == "/assessment/full/age/"


def test_answers_left_alone_for_an_hour_are_forgotten(client, finish_full):
    finish_full()
    session = client.session
    session[SESSION_KEY]["updated"] = (timezone.now() - timedelta(minutes=61)).isoformat()
    session.save()
    assert client.get("/assessment/full/result/").url == "/assessment/full/age/"
    assert SESSION_KEY not in client.session


def test_a_positive_pc_ptsd_5_offers_the_longer_checklist(client, finish_full):
    finish_full(ptsd=4)
    page = main_of(client.get("/assessment/full/result/"))
    assert 'href="/assessment/pcl5/"' in page


def test_the_pcl5_on_its_own_shows_clusters_and_the_dsm5_pattern(client, finish_single):
    # One B, one C, two D and two E symptoms rated "moderately": the pattern, below the cut-point.
    finish_single(
        "pcl5",
        {
            **items([2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0]),
            "stressful_experience": "1",
        },
    )
    page = main_of(client.get("/assessment/pcl5/result/"))
    assert "<strong>12</strong> out of 80: <strong>Negative screen</strong>" in page
    assert "B: Intrusion (1\N{EN DASH}5)</th><td>2</td><td>1</td><td>1</td>" in page
    assert "Your answers match the DSM-5 symptom pattern of PTSD" in page
    assert "Only a clinician can say whether this is PTSD." in page
    assert "provisional PTSD diagnosis" not in page
    assert "Options that may fit you" not in page  # no candidacy questions were asked


def test_the_pcl5_asks_about_the_event_and_says_what_a_no_means(client, finish_single):
    finish_single("pcl5", {**items([3] * 20), "stressful_experience": "0"})
    page = main_of(client.get("/assessment/pcl5/result/"))
    assert "<strong>60</strong> out of 80: <strong>Positive screen</strong>" in page
    assert "not part of the score" in page
    assert "these problems may have another cause" in page


def test_the_pcl5_event_question_must_be_answered(client):
    client.post("/assessment/pcl5/age/", {"age": "25_plus"})
    response = client.post("/assessment/pcl5/pcl5/", items([1] * 20))
    assert response.status_code == 200
    assert "The last question: choose an answer." in response.content.decode()


def test_signed_out_people_are_offered_an_account_to_save(client, finish_full):
    finish_full()
    page = main_of(client.get("/assessment/full/result/"))
    assert 'href="/account/signup/?next=/assessment/full/result/"' in page
    assert "Save to my history" not in page


def test_a_result_with_risk_offers_no_newsletter_sign_up(client, finish_full):
    finish_full(phq9=(0, 0, 0, 0, 0, 0, 0, 0, 1))
    page = client.get("/assessment/full/result/").content.decode()
    assert "crisis-panel" in page
    assert "footer-signup" not in page


def test_a_result_without_risk_keeps_the_footer_sign_up(client, finish_full):
    finish_full()
    assert "footer-signup" in client.get("/assessment/full/result/").content.decode()


def test_the_finder_links_search_near_the_place_the_seeker_gives(client, finish_full):
    finish_full(phq9=(2, 2, 2, 1, 1, 1, 1, 1, 0), trials="1")
    page = main_of(client.get("/assessment/full/result/"))
    fits = section(page, "Options that may fit you")
    assert '<label for="result-near">Where are you?</label>' in fits
    assert 'href="/find/?treatment=ssri&amp;condition=depression"' in fits
    assert 'href="/find/?treatment=talk-therapy&amp;condition=depression"' in fits

    near = section(main_of(client.get("/assessment/full/result/?near=Austin,+TX")), "Options that")
    assert "The buttons below search near Austin, TX." in near
    assert 'href="/find/?treatment=ssri&amp;condition=depression&amp;near=Austin%2C%20TX"' in near
    assert (
        'href="/find/?treatment=talk-therapy&amp;condition=depression&amp;near=Austin%2C%20TX"'
        in near
    )

    unknown = section(main_of(client.get("/assessment/full/result/?near=Atlantis")), "Options that")
    assert 'aria-invalid="true"' in unknown
    assert "We could not find “Atlantis”" in unknown
    assert "near=" not in unknown.split("</form>", 1)[1]

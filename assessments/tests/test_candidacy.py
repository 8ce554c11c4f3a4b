"""Which options the answers point to, how each fits, why, and what to raise with a doctor first.

The rules are judged by their consequences: for each answer, what the result then tells the
person to do, and whether it offers a route to book.
"""

import pytest

from assessments.candidacy import (
    MAY_FIT,
    NOT_NOW,
    TALK_FIRST,
    advise,
    references_used,
)
from assessments.references import REFERENCES
from assessments.safety import EXCLUSION, NO, NOT_SURE, SAFETY_QUESTIONS, YES
from assessments.scoring import InvalidAnswers, score_gad7, score_pc_ptsd_5, score_phq9

NO_CONCERNS = {question.code: NO for question in SAFETY_QUESTIONS}
EXCLUSIONS = [q.code for q in SAFETY_QUESTIONS if q.kind == EXCLUSION]
CAUTIONS = [q.code for q in SAFETY_QUESTIONS if q.kind != EXCLUSION]
KETAMINE = ("ketamine_clinic", "esketamine")


def scores(phq9_total=0, gad7_total=0, ptsd_yes=0, item9=0):
    phq9 = [min(3, max(0, phq9_total - item9 - 3 * n)) for n in range(8)] + [item9]
    gad7 = [min(3, max(0, gad7_total - 3 * n)) for n in range(7)]
    ptsd = [n < ptsd_yes for n in range(5)]
    return {
        "phq9": score_phq9(phq9),
        "gad7": score_gad7(gad7),
        "pc-ptsd-5": score_pc_ptsd_5(True, ptsd, cut_point=3),
    }


def resistant_depression(safety=None, **kwargs):
    return advise(
        scores(phq9_total=18), antidepressant_trials="2", safety=safety or NO_CONCERNS, **kwargs
    )


def option(advice, code):
    return next(option for option in advice.options if option.code == code)


def texts(reasons):
    return " ".join(str(reason.text) for reason in reasons)


def test_resistant_depression_offers_every_standard_next_step_not_only_ketamine():
    advice = resistant_depression()
    assert advice.treatment_resistant
    assert [o.code for o in advice.fitting] == [
        "ketamine_clinic",
        "esketamine",
        "tms",
        "ect",
        "first_line",
        "therapy",
    ]
    assert option(advice, "tms").finder_url == "/find/?treatment=tms&condition=depression"
    assert option(advice, "ect").finder_url == "/find/?treatment=ect&condition=depression"
    assert option(advice, "ketamine_clinic").finder_url == (
        "/find/?treatment=ketamine&condition=depression"
    )
    assert option(advice, "esketamine").finder_url == (
        "/find/?treatment=esketamine&condition=depression"
    )
    medicine = option(advice, "first_line")
    assert medicine.title == "Changing or adding a medicine, through your doctor"
    assert "STAR*D" in texts(medicine.reasons)
    assert "sham" in texts(option(advice, "tms").reasons)
    assert "review of the trials" in texts(option(advice, "ect").reasons)
    assert advice.talk_first == ()


def test_every_option_shown_says_why():
    for advice in (
        resistant_depression(),
        advise(scores(phq9_total=12), antidepressant_trials="1", safety=NO_CONCERNS),
        advise(scores(phq9_total=7), antidepressant_trials="3", safety=NO_CONCERNS),
        advise(scores(gad7_total=12), antidepressant_trials="0", safety=NO_CONCERNS),
    ):
        for shown in advice.options:
            assert shown.reasons, shown.code
            assert (shown.finder_url is not None) == (shown.fit == MAY_FIT), shown.code


@pytest.mark.parametrize("code", EXCLUSIONS)
def test_a_yes_to_any_exclusion_means_a_doctor_first_and_no_route_to_book(code):
    advice = resistant_depression({**NO_CONCERNS, code: YES})
    for ketamine in KETAMINE:
        shown = option(advice, ketamine)
        assert shown.fit == TALK_FIRST
        assert shown.finder_url is None
        assert "Not right now" in texts(shown.reasons)
        assert "You answered yes to" in texts(shown.reasons)
    assert [o.code for o in advice.doctor_first] == ["ketamine_clinic", "esketamine"]
    # The other next steps stay open, with their links.
    assert {"tms", "ect", "first_line", "therapy"} <= {o.code for o in advice.fitting}
    assert "You answered yes to" in str(advice.talk_first[0].text)


@pytest.mark.parametrize("code", EXCLUSIONS)
def test_not_sure_about_an_exclusion_keeps_the_option_with_the_caution_beside_it(code):
    advice = resistant_depression({**NO_CONCERNS, code: NOT_SURE})
    for ketamine in KETAMINE:
        shown = option(advice, ketamine)
        assert shown.fit == MAY_FIT
        assert shown.finder_url
        assert "You were not sure about" in texts(shown.cautions)
        assert "You answered yes" not in texts(shown.cautions)
    assert "You were not sure about" in str(advice.talk_first[0].text)


def test_not_sure_about_blood_pressure_is_not_worded_as_a_fact():
    advice = resistant_depression({**NO_CONCERNS, "blood_pressure": NOT_SURE})
    caution = texts(option(advice, "ketamine_clinic").cautions)
    assert caution.startswith(
        "You were not sure about: high blood pressure that is not under control; a doctor can"
    )
    assert "a doctor can check this with you" in caution


@pytest.mark.parametrize("code", CAUTIONS)
@pytest.mark.parametrize("answer", [YES, NOT_SURE])
def test_liver_pressure_and_medicines_are_flags_for_the_doctor_never_a_rule_out(code, answer):
    advice = resistant_depression({**NO_CONCERNS, code: answer})
    for ketamine in KETAMINE:
        shown = option(advice, ketamine)
        assert shown.fit == MAY_FIT
        assert shown.finder_url
        assert shown.cautions
    assert advice.talk_first


def test_the_new_cautions_say_what_a_prescriber_will_weigh():
    advice = resistant_depression(
        {
            **NO_CONCERNS,
            "liver_disease": YES,
            "head_eye_pressure": YES,
            "interacting_medicines": YES,
        }
    )
    caution = texts(option(advice, "ketamine_clinic").cautions)
    assert "liver injury with repeated use" in caution
    assert "not a reason on its own to rule ketamine out" in caution
    assert "Sedatives add to the drowsiness" in caution
    assert "Do not stop or change a medicine on your own" in caution


def test_past_misuse_of_ketamine_at_any_time_is_an_exclusion():
    advice = resistant_depression({**NO_CONCERNS, "ketamine_misuse": YES})
    assert option(advice, "ketamine_clinic").fit == TALK_FIRST
    assert "past misuse of ketamine" in texts(option(advice, "ketamine_clinic").reasons)


def test_an_aneurysm_says_the_label_forbids_esketamine_and_ketamine_raises_pressure_alike():
    advice = resistant_depression({**NO_CONCERNS, "aneurysm_bleed": YES})
    ketamine = texts(option(advice, "ketamine_clinic").reasons)
    assert "must not be used" in ketamine
    assert "raises blood pressure in the same way" in ketamine
    # ECT needs an anaesthetic: the heart and vessel answers are weighed first, the link stays.
    ect = option(advice, "ect")
    assert ect.fit == MAY_FIT and "anaesthetist" in texts(ect.cautions)


def test_under_25_brings_the_boxed_warning_to_esketamine_and_to_antidepressants():
    young = resistant_depression(young_adult=True)
    assert "under 25" in texts(option(young, "esketamine").cautions)
    assert "boxed" in texts(option(young, "esketamine").cautions)
    assert "under 25" in texts(option(young, "first_line").cautions)
    assert "under 25" not in texts(option(young, "ketamine_clinic").cautions)
    older = resistant_depression(young_adult=False)
    assert "under 25" not in texts(option(older, "esketamine").cautions)
    assert "under 25" not in texts(option(older, "first_line").cautions)


def test_all_zero_answers_show_no_treatment_cards_and_no_ketamine():
    advice = advise(scores(), antidepressant_trials="0", safety=NO_CONCERNS)
    assert advice.options == ()
    assert not advice.ketamine_listed and not advice.ketamine_in_play
    assert advice.talk_first == ()
    assert not advice.crisis


def test_fewer_than_two_antidepressants_points_to_first_line_treatment_and_explains_ketamine():
    advice = advise(scores(phq9_total=12), antidepressant_trials="1", safety=NO_CONCERNS)
    assert not advice.treatment_resistant
    assert [o.code for o in advice.fitting] == ["first_line", "therapy"]
    assert option(advice, "first_line").title == (
        "Medicine, talk therapy or both, through your doctor"
    )
    assert option(advice, "first_line").finder_url == ("/find/?treatment=ssri&condition=depression")
    ketamine = option(advice, "ketamine_clinic")
    assert ketamine.fit == NOT_NOW and "fewer than two" in texts(ketamine.reasons)
    assert "Your answers do not point to either yet" in texts(option(advice, "esketamine").reasons)
    assert {"tms", "ect"}.isdisjoint(o.code for o in advice.options)
    assert not advice.ketamine_in_play


def test_esketamine_is_never_said_to_be_approved_only_after_two_antidepressants():
    advice = advise(scores(phq9_total=12), antidepressant_trials="0", safety=NO_CONCERNS)
    words = texts(option(advice, "esketamine").reasons)
    assert "approved only" not in words
    assert "acute suicidal thoughts or behaviour" in words


def test_thoughts_of_self_harm_without_resistant_depression_send_esketamine_to_a_psychiatrist():
    advice = advise(scores(phq9_total=14, item9=1), antidepressant_trials="0", safety=NO_CONCERNS)
    assert advice.crisis
    esketamine = option(advice, "esketamine")
    assert esketamine.fit == TALK_FIRST and esketamine.finder_url is None
    assert "psychiatrist" in texts(esketamine.reasons)
    assert "not been shown to prevent suicide" in texts(esketamine.reasons)
    assert "better off dead" in str(advice.talk_first[0].text)


def test_with_self_harm_thoughts_a_clinic_that_may_fit_is_said_not_to_be_a_crisis_service():
    advice = advise(scores(phq9_total=20, item9=2), antidepressant_trials="3", safety=NO_CONCERNS)
    assert advice.crisis
    for ketamine in KETAMINE:
        assert "not crisis services" in texts(option(advice, ketamine).cautions)


def test_mild_depression_does_not_point_to_ketamine_even_after_many_antidepressants():
    advice = advise(scores(phq9_total=7), antidepressant_trials="3", safety=NO_CONCERNS)
    assert [o.code for o in advice.fitting] == ["therapy"]
    assert option(advice, "therapy").finder_url == (
        "/find/?treatment=talk-therapy&condition=depression"
    )
    assert "moderate range or above" in texts(option(advice, "ketamine_clinic").reasons)
    mild = option(advice, "first_line")
    assert mild.fit == NOT_NOW and "repeating the questionnaire" in texts(mild.reasons)


def test_not_sure_about_antidepressants_is_an_answer_a_doctor_can_help_with():
    advice = advise(scores(phq9_total=15), antidepressant_trials="not_sure", safety=NO_CONCERNS)
    assert not advice.treatment_resistant
    ketamine = option(advice, "ketamine_clinic")
    assert ketamine.fit == NOT_NOW and "not sure" in texts(ketamine.reasons)


def test_anxiety_alone_points_to_first_line_care_for_anxiety_and_no_ketamine():
    advice = advise(scores(gad7_total=11), antidepressant_trials="0", safety=NO_CONCERNS)
    assert [o.code for o in advice.fitting] == ["first_line", "therapy"]
    assert option(advice, "first_line").finder_url == "/find/?treatment=ssri&condition=anxiety"
    assert not advice.ketamine_listed


def test_mania_or_psychosis_asks_a_psychiatrist_to_choose_any_antidepressant():
    advice = resistant_depression({**NO_CONCERNS, "psychosis_mania": YES})
    assert "bring on mania" in texts(option(advice, "first_line").cautions)
    assert option(advice, "ect").fit == MAY_FIT


def test_a_positive_ptsd_screen_brings_the_mixed_ketamine_evidence_and_therapy():
    advice = advise(
        scores(phq9_total=16, ptsd_yes=4), antidepressant_trials="2", safety=NO_CONCERNS
    )
    ketamine_reasons = option(advice, "ketamine_clinic").reasons
    assert any(r.references == ("feder2021", "abdallah2022") for r in ketamine_reasons)
    assert "/conditions/ptsd/" in [link.url for link in option(advice, "therapy").learn_more]
    assert "PTSD screen is positive" in texts(advice.talk_first)


def test_an_unanswered_safety_question_counts_as_not_sure_never_as_no():
    advice = advise(scores(phq9_total=18), antidepressant_trials="2", safety={})
    ketamine = option(advice, "ketamine_clinic")
    assert ketamine.fit == MAY_FIT
    assert texts(ketamine.cautions).count("You were not sure about") == len(SAFETY_QUESTIONS)


def test_an_unknown_answer_is_an_error_that_names_its_field():
    with pytest.raises(InvalidAnswers) as error:
        advise(scores(phq9_total=18), antidepressant_trials="four", safety=NO_CONCERNS)
    assert error.value.field == "antidepressant_trials"
    with pytest.raises(InvalidAnswers) as error:
        advise(scores(phq9_total=18), antidepressant_trials="2", safety={"allergy": "maybe"})
    assert error.value.field == "safety.allergy"
    with pytest.raises(InvalidAnswers) as error:
        advise(scores(phq9_total=18), antidepressant_trials="2", safety={"gout": YES})
    assert error.value.field == "safety.gout"


def test_every_cited_source_is_in_the_bibliography():
    advice = advise(
        scores(phq9_total=20, gad7_total=15, ptsd_yes=5, item9=2),
        antidepressant_trials="2",
        safety={question.code: YES for question in SAFETY_QUESTIONS},
        young_adult=True,
    )
    for every in (YES, NOT_SURE):
        more = resistant_depression({q.code: every for q in SAFETY_QUESTIONS}, young_adult=True)
        cited = references_used(list(scores(20, 15, 5, 2).values()), advice) + references_used(
            [], more
        )
        assert set(cited) <= set(REFERENCES), set(cited) - set(REFERENCES)
    assert {"kroenke2001", "sanacora2017", "fda-spravato-label", "oreardon2007"} <= set(cited)

"""Which options may fit, why, and what to raise with a doctor first."""

from assessments.candidacy import NO, NOT_SURE, SAFETY_QUESTIONS, YES, advise, references_used
from assessments.references import REFERENCES
from assessments.scoring import score_gad7, score_pc_ptsd_5, score_phq9

NO_CONCERNS = {question.code: NO for question in SAFETY_QUESTIONS}


def scores(phq9_total=0, gad7_total=0, ptsd_yes=0, item9=0):
    phq9 = [min(3, max(0, phq9_total - item9 - 3 * n)) for n in range(8)] + [item9]
    gad7 = [min(3, max(0, gad7_total - 3 * n)) for n in range(7)]
    ptsd = [n < ptsd_yes for n in range(5)]
    return {
        "phq9": score_phq9(phq9),
        "gad7": score_gad7(gad7),
        "pc-ptsd-5": score_pc_ptsd_5(True, ptsd, cut_point=3),
    }


def option(advice, code):
    return next(option for option in advice.options if option.code == code)


def test_moderate_depression_after_two_antidepressants_may_fit_ketamine_and_esketamine():
    advice = advise(scores(phq9_total=16), antidepressant_trials="2", safety=NO_CONCERNS)
    assert advice.treatment_resistant
    assert [o.code for o in advice.fitting] == ["ketamine_clinic", "esketamine", "therapy"]
    ketamine = option(advice, "ketamine_clinic")
    assert ketamine.finder_url == "/find/?treatment=ketamine&condition=depression"
    assert option(advice, "esketamine").finder_url == (
        "/find/?treatment=esketamine&condition=depression"
    )
    assert any("treatment-resistant" in str(reason.text) for reason in ketamine.reasons)
    assert advice.talk_first == ()


def test_fewer_than_two_antidepressants_points_to_first_line_treatment():
    advice = advise(scores(phq9_total=12), antidepressant_trials="1", safety=NO_CONCERNS)
    assert not advice.treatment_resistant
    assert [o.code for o in advice.fitting] == ["first_line", "therapy"]
    not_ketamine = option(advice, "ketamine_clinic")
    assert any("fewer than two" in str(reason.text) for reason in not_ketamine.reasons)
    assert option(advice, "first_line").finder_url == "/find/?condition=depression"


def test_mild_depression_does_not_point_to_ketamine_even_after_many_antidepressants():
    advice = advise(scores(phq9_total=7), antidepressant_trials="3", safety=NO_CONCERNS)
    assert [o.code for o in advice.fitting] == ["therapy"]
    assert any(
        "moderate range or above" in str(r.text) for r in option(advice, "ketamine_clinic").reasons
    )


def test_not_sure_about_antidepressants_is_an_answer_a_doctor_can_help_with():
    advice = advise(scores(phq9_total=15), antidepressant_trials=NOT_SURE, safety=NO_CONCERNS)
    assert not advice.treatment_resistant
    assert "ketamine_clinic" not in [o.code for o in advice.fitting]
    assert any("not sure" in str(r.text) for r in option(advice, "ketamine_clinic").reasons)


def test_anxiety_alone_points_to_first_line_care_for_anxiety():
    advice = advise(scores(gad7_total=11), antidepressant_trials="0", safety=NO_CONCERNS)
    assert [o.code for o in advice.fitting] == ["first_line", "therapy"]
    assert option(advice, "first_line").finder_url == "/find/?condition=anxiety"


def test_nothing_fits_when_every_score_is_low():
    advice = advise(scores(), antidepressant_trials="0", safety=NO_CONCERNS)
    assert advice.fitting == ()


def test_every_safety_concern_is_a_reason_to_talk_to_a_doctor_first():
    safety = {**NO_CONCERNS, "blood_pressure": YES, "pregnancy": NOT_SURE}
    advice = advise(scores(phq9_total=18), antidepressant_trials="2", safety=safety)
    talk_first = [str(reason.text) for reason in advice.talk_first]
    assert len(talk_first) == 2
    assert talk_first[0].startswith("High blood pressure that is not under control")
    assert talk_first[1].startswith("Pregnancy or breastfeeding")
    ketamine = option(advice, "ketamine_clinic")
    assert ketamine.may_fit and [q.code for q in ketamine.cautions] == [
        "blood_pressure",
        "pregnancy",
    ]


def test_an_aneurysm_or_brain_bleed_rules_out_esketamine_as_its_label_says():
    safety = {**NO_CONCERNS, "aneurysm_bleed": YES}
    advice = advise(scores(phq9_total=18), antidepressant_trials="2", safety=safety)
    esketamine = option(advice, "esketamine")
    assert not esketamine.may_fit
    assert any("must not be used" in str(r.text) for r in esketamine.reasons)
    assert option(advice, "ketamine_clinic").may_fit  # a caution for ketamine, not a bar


def test_self_harm_thoughts_come_first_among_the_reasons_to_talk_to_a_doctor():
    advice = advise(scores(phq9_total=3, item9=1), antidepressant_trials="0", safety=NO_CONCERNS)
    assert "better off dead" in str(advice.talk_first[0].text)


def test_a_positive_ptsd_screen_brings_the_mixed_ketamine_evidence_and_therapy():
    advice = advise(
        scores(phq9_total=16, ptsd_yes=4), antidepressant_trials="2", safety=NO_CONCERNS
    )
    ketamine_reasons = option(advice, "ketamine_clinic").reasons
    assert any(r.references == ("feder2021", "abdallah2022") for r in ketamine_reasons)
    assert "/conditions/ptsd/" in [link.url for link in option(advice, "therapy").learn_more]


def test_every_cited_source_is_a_verified_reference():
    advice = advise(
        scores(phq9_total=20, gad7_total=15, ptsd_yes=5, item9=2),
        antidepressant_trials="2",
        safety={question.code: YES for question in SAFETY_QUESTIONS},
    )
    cited = references_used(list(scores(20, 15, 5, 2).values()), advice)
    assert set(cited) <= set(REFERENCES)
    assert {"kroenke2001", "spitzer2006", "prins2016", "sanacora2017", "fda-spravato-label"} <= set(
        cited
    )

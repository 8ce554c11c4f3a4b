"""POST /api/v1/assessments/advice: the result page's options as JSON, with clear 400s."""

import json

import pytest

from assessments.models import SavedResult
from assessments.safety import SAFETY_QUESTIONS

pytestmark = pytest.mark.django_db

NO_CONCERNS = {question.code: "no" for question in SAFETY_QUESTIONS}
RESISTANT = {
    "phq9": [2, 2, 2, 2, 2, 2, 2, 2, 0],
    "antidepressant_trials": "2",
    "age": 40,
    "safety": NO_CONCERNS,
}


def post(client, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/api/v1/assessments/advice", data, content_type=content_type)


def fits(body):
    return {option["code"]: option["fit"] for option in body["options"]}


def test_resistant_depression_lists_every_next_step_with_reasons_and_links(client, settings):
    response = post(client, RESISTANT)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["crisis"] is False and body["treatment_resistant"] is True
    assert fits(body) == {
        "ketamine_clinic": "may_fit",
        "esketamine": "may_fit",
        "tms": "may_fit",
        "ect": "may_fit",
        "first_line": "may_fit",
        "therapy": "may_fit",
    }
    tms = next(option for option in body["options"] if option["code"] == "tms")
    assert tms["finder_url"] == f"{settings.SITE_URL}/find/?treatment=tms&condition=depression"
    assert body["context"][0]["text"] == "Your PHQ-9 score, 16, is in the moderately severe range."
    assert "transcranial magnetic stimulation" in tms["reasons"][0]["text"]
    assert "oreardon2007" in body["references"]
    cited = {key for o in body["options"] for r in o["reasons"] for key in r["references"]}
    cited |= {key for r in body["context"] for key in r["references"]}
    assert cited <= set(body["references"])
    assert any(
        resource["name"] == "988 Suicide & Crisis Lifeline" for resource in body["crisis_resources"]
    )
    assert SavedResult.objects.count() == 0


def test_a_yes_to_an_exclusion_answers_talk_to_a_doctor_first_with_no_finder_url(client):
    body = post(client, {**RESISTANT, "safety": {**NO_CONCERNS, "pregnancy": "yes"}}).json()
    for option in body["options"]:
        if option["code"] in ("ketamine_clinic", "esketamine"):
            assert option["fit"] == "talk_to_doctor_first"
            assert option["finder_url"] is None
    assert body["talk_first"][0]["text"].startswith(
        "You answered yes to: pregnancy, a planned pregnancy or breastfeeding."
    )


def test_not_sure_keeps_the_option_with_its_caution(client):
    body = post(client, {**RESISTANT, "safety": {**NO_CONCERNS, "allergy": "not_sure"}}).json()
    ketamine = next(o for o in body["options"] if o["code"] == "ketamine_clinic")
    assert ketamine["fit"] == "may_fit"
    assert ketamine["cautions"][0]["text"].startswith("You were not sure about: an allergic")


def test_item_9_above_zero_is_a_crisis_whatever_the_total(client):
    body = post(
        client,
        {**RESISTANT, "phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1], "antidepressant_trials": "0"},
    ).json()
    assert body["crisis"] is True
    assert "better off dead" in body["talk_first"][0]["text"]


def test_under_25_carries_the_boxed_warning(client):
    body = post(client, {**RESISTANT, "age": 22}).json()
    esketamine = next(o for o in body["options"] if o["code"] == "esketamine")
    assert any("under 25" in caution["text"] for caution in esketamine["cautions"])
    body = post(client, {**RESISTANT, "age": 25}).json()
    esketamine = next(o for o in body["options"] if o["code"] == "esketamine")
    assert not any("under 25" in caution["text"] for caution in esketamine["cautions"])


def test_all_zero_answers_show_no_options(client):
    body = post(
        client, {**RESISTANT, "phq9": [0] * 9, "gad7": [0] * 7, "antidepressant_trials": "0"}
    ).json()
    assert body["options"] == [] and body["talk_first"] == []


def test_the_gad7_and_pc_ptsd_5_are_optional_and_counted(client):
    body = post(
        client,
        {
            **RESISTANT,
            "phq9": [0] * 9,
            "antidepressant_trials": "0",
            "gad7": [2, 2, 2, 2, 2, 1, 1],
            "pc_ptsd_5": {"trauma_exposure": True, "answers": [True, True, True, True, False]},
        },
    ).json()
    assert fits(body) == {"first_line": "may_fit", "therapy": "may_fit"}
    assert any("PTSD screen is positive" in r["text"] for r in body["talk_first"])


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"safety": {**NO_CONCERNS, "gout": "yes"}}, "safety.gout", "Unknown safety question."),
        (
            {"safety": {**NO_CONCERNS, "allergy": "maybe"}},
            "safety.allergy",
            "Unknown answer; use one of yes, no, not_sure.",
        ),
        (
            {"antidepressant_trials": "4"},
            "antidepressant_trials",
            "Unknown answer; use one of 0, 1, 2, 3, not_sure.",
        ),
        ({"antidepressant_trials": 2}, "antidepressant_trials", "Give one of the codes as text."),
        (
            {"age": 17},
            "age",
            "This self-assessment is written and tested for adults (18 or older).",
        ),
        ({"age": "forty"}, "age", "Give the age in whole years."),
        ({"age": True}, "age", "Give the age in whole years."),
        ({"phq9": [1, 2, 3]}, "phq9", "Give exactly 9 answers, not 3."),
        ({"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 4]}, "phq9[8]", None),
        ({"gad7": "none"}, "gad7", None),
        ({"pc_ptsd_5": {"answers": []}}, "pc_ptsd_5.trauma_exposure", None),
        ({"colour": "blue"}, "colour", "Unknown field."),
        ({"safety": "fine"}, "safety", None),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, change, field, message):
    response = post(client, {**RESISTANT, **change})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert body["field"] == field
    if message:
        assert body["message"] == message


@pytest.mark.parametrize("missing", ["phq9", "antidepressant_trials", "age", "safety"])
def test_a_missing_required_field_is_named(client, missing):
    body = {key: value for key, value in RESISTANT.items() if key != missing}
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["field"] == missing


def test_every_safety_question_must_be_answered(client):
    safety = {key: value for key, value in NO_CONCERNS.items() if key != "liver_disease"}
    response = post(client, {**RESISTANT, "safety": safety})
    assert response.status_code == 400
    assert response.json()["field"] == "safety.liver_disease"


def test_the_body_must_be_a_json_object(client):
    assert post(client, "[1, 2]").json()["field"] == "body"
    assert post(client, "{not json").json()["field"] == "body"
    response = post(client, RESISTANT, content_type="text/plain")
    assert (response.status_code, response.json()["field"]) == (400, "Content-Type")


def test_only_post_is_allowed(client):
    assert client.get("/api/v1/assessments/advice").status_code == 405


def test_the_openapi_document_describes_the_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/assessments/advice"]["post"]
    assert operation["operationId"] == "adviseOnOptions"
    request = document["components"]["schemas"]["AdviceRequest"]
    assert set(request["properties"]["safety"]["required"]) == {q.code for q in SAFETY_QUESTIONS}
    fit = document["components"]["schemas"]["Advice"]["properties"]["options"]["items"]
    assert fit["properties"]["fit"]["enum"] == ["may_fit", "talk_to_doctor_first", "not_now"]


def test_an_unknown_field_inside_the_pc_ptsd_5_is_named(client):
    response = post(client, {**RESISTANT, "pc_ptsd_5": {"trauma_exposure": False, "colour": 1}})
    assert response.status_code == 400
    assert response.json()["field"] == "pc_ptsd_5.colour"


def test_an_age_written_as_a_whole_decimal_counts_as_that_age(client):
    assert post(client, {**RESISTANT, "age": 30.0}).status_code == 200
    assert post(client, {**RESISTANT, "age": 30.5}).json()["field"] == "age"

"""POST /api/v1/assessments/<instrument>/score: scores as published, stores nothing, clear 400s."""

import json

import pytest

from assessments.models import SavedResult

pytestmark = pytest.mark.django_db


def post(client, instrument, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"/api/v1/assessments/{instrument}/score", data, content_type=content_type)


def test_phq9_total_band_flag_and_phq2(client):
    response = post(client, "phq9", {"answers": [2, 2, 1, 1, 1, 1, 1, 1, 1]})
    assert response.status_code == 200
    assert response.json() == {
        "instrument": "phq9",
        "total": 11,
        "max_total": 27,
        "band": "moderate",
        "flags": ["self_harm"],
        "phq2": {"total": 4, "positive": True},
    }
    assert response["Cache-Control"] == "no-store"
    assert SavedResult.objects.count() == 0


def test_the_self_harm_flag_shows_at_a_minimal_total(client):
    body = post(client, "phq9", {"answers": [0, 0, 0, 0, 0, 0, 0, 0, 1]}).json()
    assert (body["total"], body["band"], body["flags"]) == (1, "minimal", ["self_harm"])


def test_gad7(client):
    body = post(client, "gad7", {"answers": [3, 3, 3, 3, 3, 0, 0]}).json()
    assert (body["total"], body["band"], body["flags"]) == (15, "severe", [])


def test_pc_ptsd_5_with_and_without_exposure(client, settings):
    body = post(
        client, "pc-ptsd-5", {"trauma_exposure": True, "answers": [True, True, True, False, False]}
    ).json()
    assert (body["total"], body["band"], body["cut_point"]) == (3, "positive", 3)
    body = post(client, "pc-ptsd-5", {"trauma_exposure": False}).json()
    assert (body["total"], body["band"], body["trauma_exposure"]) == (0, "negative", False)


def test_the_cut_points_are_settings(client, settings):
    settings.PC_PTSD_5_CUT_POINT = 4
    settings.PCL5_CUT_POINT = 31
    body = post(
        client, "pc-ptsd-5", {"trauma_exposure": True, "answers": [True, True, True, False, False]}
    ).json()
    assert (body["band"], body["cut_point"]) == ("negative", 4)
    body = post(client, "pcl5", {"answers": [2] * 15 + [1] * 1 + [0] * 4}).json()
    assert (body["total"], body["band"], body["cut_point"]) == (31, "positive", 31)


def test_pcl5_clusters_and_pattern(client):
    body = post(client, "pcl5", {"answers": [4] * 5 + [0, 0] + [2] * 7 + [3] * 6}).json()
    assert body["total"] == 52 and body["band"] == "positive"
    assert {code: c["total"] for code, c in body["clusters"].items()} == {
        "B": 20,
        "C": 0,
        "D": 14,
        "E": 18,
    }
    assert body["clusters"]["C"]["met"] is False
    assert body["dsm5_pattern"] is False


@pytest.mark.parametrize(
    ("instrument", "body", "field"),
    [
        ("phq9", {"answers": [0] * 8}, "answers"),
        ("phq9", {"answers": [0, 0, 0, 0, 0, 0, 0, 0, 4]}, "answers[8]"),
        ("phq9", {"answers": [0, 0, 0, 0, 0, 0, 0, 0, True]}, "answers[8]"),
        ("gad7", {"answers": [0, 0, 0, 1.5, 0, 0, 0]}, "answers[3]"),
        ("gad7", {}, "answers"),
        ("pcl5", {"answers": "all zero"}, "answers"),
        ("pc-ptsd-5", {"answers": [True] * 5}, "trauma_exposure"),
        ("pc-ptsd-5", {"trauma_exposure": True}, "answers"),
        ("pc-ptsd-5", {"trauma_exposure": True, "answers": [1, 1, 1, 0, 0]}, "answers[0]"),
        ("pc-ptsd-5", {"trauma_exposure": "yes"}, "trauma_exposure"),
        ("pc-ptsd-5", {"trauma_exposure": False, "answers": None}, "answers"),
        ("phq9", {"answers": [0] * 9, "answer": [1] * 9}, "answer"),
        ("phq9", "[0, 0, 0]", "body"),
        ("phq9", "{answers: [0]}", "body"),
    ],
)
def test_bad_requests_are_400s_naming_the_field(client, instrument, body, field):
    response = post(client, instrument, body)
    assert response.status_code == 400
    error = response.json()
    assert (error["error"], error["field"]) == ("invalid_request", field)
    assert error["message"]


def test_the_body_must_be_sent_as_json(client):
    response = post(client, "phq9", "answers=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.json()["field"] == "Content-Type"


def test_no_csrf_token_or_session_is_needed(seeker):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/api/v1/assessments/gad7/score",
        json.dumps({"answers": [0] * 7}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_an_unknown_questionnaire_is_a_json_404(client):
    response = post(client, "bdi-ii", {"answers": [0]})
    assert response.status_code == 404
    assert response.json()["field"] == "instrument"
    assert "phq9, gad7, pc-ptsd-5, pcl5" in response.json()["message"]


def test_only_post_is_allowed_and_options_lists_it(client):
    response = client.get("/api/v1/assessments/phq9/score")
    assert response.status_code == 405
    assert response["Allow"] == "OPTIONS, POST"
    assert response.json()["error"] == "method_not_allowed"
    options = client.options("/api/v1/assessments/phq9/score")
    assert options.status_code == 204
    assert options["Allow"] == "OPTIONS, POST"


def test_deeply_nested_json_is_a_400_not_a_crash(client):
    """10 kB of brackets once made the parser recurse until Python gave up: a 500 in HTML."""
    response = post(client, "phq9", "[" * 5000 + "]" * 5000)
    assert response.status_code == 400
    assert response.json()["field"] == "body"
    assert "nests too deeply" in response.json()["message"]
    nested = '{"answers": ' + "[" * 40 + "]" * 40 + "}"
    assert post(client, "phq9", nested).status_code == 400


def test_a_body_over_16_kb_is_refused_unread(client):
    response = post(client, "phq9", '{"answers": [' + "0," * 9000 + "0]}")
    assert response.status_code == 413
    assert response.json() == {
        "error": "too_large",
        "field": "body",
        "message": "The body is too large: send at most 16384 bytes.",
    }


def test_each_questionnaire_has_its_exact_schema_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    expected = {"phq9": (9, 3), "gad7": (7, 3), "pcl5": (20, 4)}
    for code, (count, highest) in expected.items():
        operation = document["paths"][f"/assessments/{code}/score"]["post"]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        answers = schema["properties"]["answers"]
        assert (answers["minItems"], answers["maxItems"]) == (count, count)
        assert (answers["items"]["minimum"], answers["items"]["maximum"]) == (0, highest)
        assert schema["additionalProperties"] is False
        assert set(operation["responses"]) == {"200", "400", "413"}
    pc_ptsd_5 = document["paths"]["/assessments/pc-ptsd-5/score"]["post"]["requestBody"]
    exposed, not_exposed = pc_ptsd_5["content"]["application/json"]["schema"]["oneOf"]
    assert exposed["required"] == ["trauma_exposure", "answers"]
    assert not_exposed["required"] == ["trauma_exposure"]
    schema = document["components"]["schemas"]["AssessmentScore"]
    assert "moderately_severe" in schema["properties"]["band"]["enum"]

"""Named people and a way to walk through the questionnaires as a person would."""

import re

import pytest

from assessments.safety import SAFETY_QUESTIONS

NO_CONCERNS = {question.code: "no" for question in SAFETY_QUESTIONS}


def items(values) -> dict:
    """Form data for a questionnaire's answers, question 1 first."""
    return {f"item_{number}": str(value) for number, value in enumerate(values, start=1)}


def pc_ptsd_5(yes_count: int | None) -> dict:
    """None for "no traumatic event"; otherwise that many of the five answered yes."""
    if yes_count is None:
        return {"trauma_exposure": "no"}
    answers = ["yes" if n < yes_count else "no" for n in range(5)]
    return {"trauma_exposure": "yes", **items(answers)}


def checked(page: str, name: str, value) -> bool:
    """Whether the radio button or checkbox for this answer is shown ticked."""
    pattern = rf'<input type="(?:radio|checkbox)" name="{re.escape(name)}" value="{value}"[^>]*>'
    found = re.search(pattern, page)
    assert found, f"no input {name}={value}"
    return " checked" in found.group(0)


@pytest.fixture
def finish_full(client, db):
    """Answers every step of the whole self-assessment and returns the last response."""

    def finish(
        phq9=(1, 1, 1, 1, 1, 1, 1, 1, 0),
        gad7=(1, 1, 1, 1, 1, 1, 1),
        ptsd=None,
        trials="0",
        other=(),
        safety=None,
        age="25_plus",
    ):
        steps = [
            ("age", {"age": age}),
            ("phq9", items(phq9)),
            ("gad7", items(gad7)),
            ("pc-ptsd-5", pc_ptsd_5(ptsd)),
            ("treatments", {"antidepressant_trials": trials, "other_treatments": list(other)}),
            ("safety", {**NO_CONCERNS, **(safety or {})}),
        ]
        for step, data in steps:
            response = client.post(f"/assessment/full/{step}/", {**data, "direction": "next"})
            assert response.status_code == 302, response.content.decode()[:2000]
        assert response.url == "/assessment/full/result/"
        return response

    return finish


@pytest.fixture
def finish_single(client, db):
    """Takes one questionnaire on its own and returns the last response."""

    def finish(code, data):
        client.post(f"/assessment/{code}/age/", {"age": "25_plus"})
        response = client.post(f"/assessment/{code}/{code}/", data)
        assert response.status_code == 302 and response.url == f"/assessment/{code}/result/"
        return response

    return finish

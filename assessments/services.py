"""What the views and commands share: scoring a session's answers, saving, exporting, deleting."""

import csv
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import scoring
from assessments.candidacy import ADULT_AT, NOT_SURE, YOUNG_ADULT_UNTIL, Advice, advise
from assessments.flows import AGE, SAFETY, TREATMENTS, YOUNG_ADULT, Answers, Flow
from assessments.instruments import (
    GAD7,
    INSTRUMENTS,
    PC_PTSD_5,
    PCL5_STRESSFUL_EXPERIENCE,
    PHQ9,
    UnscoredQuestion,
)
from assessments.models import SaveConsent, SavedResult
from assessments.safety import SAFETY_QUESTIONS


def bands(instrument: str) -> tuple[scoring.Band, ...]:
    return scoring.bands_for(
        instrument,
        pc_ptsd_5_cut_point=settings.PC_PTSD_5_CUT_POINT,
        pcl5_cut_point=settings.PCL5_CUT_POINT,
    )


def score(instrument: str, body: dict) -> scoring.Score:
    """Scores an API-shaped body with the cut-points this site is configured with."""
    return scoring.score(
        instrument,
        body,
        pc_ptsd_5_cut_point=settings.PC_PTSD_5_CUT_POINT,
        pcl5_cut_point=settings.PCL5_CUT_POINT,
    )


ADVICE_FIELDS = ("phq9", "gad7", "pc_ptsd_5", "antidepressant_trials", "age", "safety")
OLDEST_AGE = 120


def _renamed(error: scoring.InvalidAnswers, name: str) -> scoring.InvalidAnswers:
    """An instrument's error, named as the advice body names that instrument."""
    field = (
        error.field.replace("answers", name, 1)
        if error.field.startswith("answers")
        else (f"{name}.{error.field}")
    )
    return scoring.InvalidAnswers(field, error.message)


def advise_body(body: dict) -> Advice:
    """Advice for an API-shaped body (see ``api.assessments``); bad input raises
    ``InvalidAnswers`` naming the field."""
    _check_field_names(body)
    age = _age(body["age"])
    return advise(
        _scores(body),
        antidepressant_trials=_trials(body["antidepressant_trials"]),
        safety=_safety(body["safety"]),
        young_adult=age < YOUNG_ADULT_UNTIL,
    )


def _check_field_names(body: dict) -> None:
    for name in body:
        if name not in ADVICE_FIELDS:
            raise scoring.InvalidAnswers(name, _("Unknown field."))
    for name in ("phq9", "antidepressant_trials", "age", "safety"):
        if name not in body:
            raise scoring.InvalidAnswers(name, _("This field is required."))


def _scores(body: dict) -> dict:
    scores = {}
    for name, code in (("phq9", PHQ9.code), ("gad7", GAD7.code)):
        if name in body:
            scores[code] = _score_as(name, code, {"answers": body[name]})
    if "pc_ptsd_5" in body:
        gate = body["pc_ptsd_5"]
        if not isinstance(gate, dict):
            raise scoring.InvalidAnswers(
                "pc_ptsd_5", _('Give an object such as {"trauma_exposure": false}.')
            )
        unknown = sorted(set(gate) - {"trauma_exposure", "answers"})
        if unknown:
            raise scoring.InvalidAnswers(f"pc_ptsd_5.{unknown[0]}", _("Unknown field."))
        scores[PC_PTSD_5.code] = _score_as("pc_ptsd_5", PC_PTSD_5.code, gate)
    return scores


def _score_as(field: str, code: str, body: dict):
    """The instrument's score, with an error named after the advice body's own field."""
    try:
        return score(code, body)
    except scoring.InvalidAnswers as error:
        raise _renamed(error, field) from None


def _age(age) -> int:
    if type(age) is float and age.is_integer():
        age = int(age)  # JSON, and its schemas, count 30.0 as the whole number 30
    if type(age) is not int or not 0 <= age <= OLDEST_AGE:
        raise scoring.InvalidAnswers("age", _("Give the age in whole years."))
    if age < ADULT_AT:
        raise scoring.InvalidAnswers(
            "age", _("This self-assessment is written and tested for adults (18 or older).")
        )
    return age


def _trials(trials) -> str:
    if not isinstance(trials, str):
        raise scoring.InvalidAnswers("antidepressant_trials", _("Give one of the codes as text."))
    return trials


def _safety(safety) -> dict:
    if not isinstance(safety, dict):
        raise scoring.InvalidAnswers("safety", _('Give an object such as {"allergy": "no"}.'))
    for question in SAFETY_QUESTIONS:
        if question.code not in safety:
            raise scoring.InvalidAnswers(
                f"safety.{question.code}", _("Answer every safety question: yes, no or not_sure.")
            )
    return safety


def body_from_step(instrument: str, values: dict) -> dict:
    """The API-shaped body for a step's stored answers (``item_1`` ... and the PC-PTSD-5 gate)."""
    count = len(INSTRUMENTS[instrument].items)
    if instrument == PC_PTSD_5.code:
        body = {"trauma_exposure": values["trauma_exposure"]}
        if values["trauma_exposure"]:
            body["answers"] = [values[f"item_{n}"] for n in range(1, count + 1)]
        return body
    return {"answers": [values[f"item_{n}"] for n in range(1, count + 1)]}


@dataclass(frozen=True)
class UnscoredAnswer:
    question: UnscoredQuestion
    value: int | None

    @property
    def label(self) -> str | None:
        return next((c.label for c in self.question.choices if c.value == self.value), None)


@dataclass(frozen=True)
class Result:
    flow: Flow
    bodies: dict[str, dict]
    scores: dict[str, scoring.Score]
    advice: Advice | None
    treatments: dict
    safety: dict
    #: Per questionnaire, the answers to its unscored questions.
    unscored: dict[str, list["UnscoredAnswer"]]

    @property
    def denies_stressful_experience(self) -> bool:
        """The PCL-5's unscored question answered "no": PTSD cannot follow no such event."""
        return any(
            answer.question is PCL5_STRESSFUL_EXPERIENCE and answer.value == 0
            for answers in self.unscored.values()
            for answer in answers
        )

    @property
    def self_harm(self) -> bool:
        return any(scoring.SELF_HARM in score.flags for score in self.scores.values())


def result_for(flow: Flow, answers: Answers) -> Result:
    bodies = {code: body_from_step(code, answers.values(code)) for code in flow.instruments}
    scores = {code: score(code, body) for code, body in bodies.items()}
    treatments = answers.values(TREATMENTS) if flow.includes_candidacy else {}
    safety = answers.values(SAFETY) if flow.includes_candidacy else {}
    age = answers.values(AGE).get("age")
    advice = (
        advise(
            scores,
            antidepressant_trials=treatments.get("antidepressant_trials", NOT_SURE),
            safety=safety,
            young_adult=None if age is None else age == YOUNG_ADULT,
        )
        if flow.includes_candidacy
        else None
    )
    return Result(flow, bodies, scores, advice, treatments, safety, _unscored(flow, answers))


def _unscored(flow: Flow, answers: Answers) -> dict[str, list[UnscoredAnswer]]:
    return {
        code: [
            UnscoredAnswer(question, answers.values(code).get(question.code))
            for question in INSTRUMENTS[code].unscored
        ]
        for code in flow.instruments
    }


@transaction.atomic
def save_results(user, result: Result, statement: str) -> list[SavedResult]:
    """Keeps a result's questionnaires for a person who chose to, with a record of that choice."""
    SaveConsent.objects.create(user=user, statement=statement)
    return SavedResult.objects.bulk_create(
        SavedResult(
            user=user,
            instrument=code,
            answers=result.bodies[code],
            total=score.total,
            band=score.band.code,
        )
        for code, score in result.scores.items()
    )


def history(user) -> dict[str, list[SavedResult]]:
    """A person's saved results, oldest first, grouped by questionnaire in a fixed order."""
    grouped: dict[str, list[SavedResult]] = {}
    for saved in SavedResult.objects.filter(user=user).order_by("created_at", "pk"):
        grouped.setdefault(saved.instrument, []).append(saved)
    return {code: grouped[code] for code in INSTRUMENTS if code in grouped}


def export_json(user) -> str:
    return json.dumps(
        {
            "exported_at": timezone.now().isoformat(),
            "results": [
                {
                    "instrument": saved.instrument,
                    "created_at": saved.created_at.isoformat(),
                    "total": saved.total,
                    "band": saved.band,
                    "answers": saved.answers,
                }
                for saved in SavedResult.objects.filter(user=user).order_by("created_at", "pk")
            ],
            "consents": [
                {"given_at": consent.given_at.isoformat(), "statement": consent.statement}
                for consent in SaveConsent.objects.filter(user=user).order_by("given_at", "pk")
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def export_csv(user) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["created_at", "instrument", "total", "band", "answers"])
    for saved in SavedResult.objects.filter(user=user).order_by("created_at", "pk"):
        writer.writerow(
            [
                saved.created_at.isoformat(),
                saved.instrument,
                saved.total,
                saved.band,
                json.dumps(saved.answers),
            ]
        )
    return out.getvalue()


@transaction.atomic
def delete_everything(user, *, delete_account: bool) -> None:
    SavedResult.objects.filter(user=user).delete()
    SaveConsent.objects.filter(user=user).delete()
    if delete_account:
        user.delete()

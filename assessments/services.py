"""What the views and commands share: scoring a session's answers, saving, exporting, deleting."""

import csv
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessments import scoring
from assessments.candidacy import NOT_SURE, Advice, advise
from assessments.flows import SAFETY, TREATMENTS, Answers, Flow
from assessments.instruments import INSTRUMENTS, PC_PTSD_5
from assessments.models import SaveConsent, SavedResult


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
class Result:
    flow: Flow
    bodies: dict[str, dict]
    scores: dict[str, scoring.Score]
    advice: Advice | None
    treatments: dict
    safety: dict

    @property
    def self_harm(self) -> bool:
        return any(scoring.SELF_HARM in score.flags for score in self.scores.values())


def result_for(flow: Flow, answers: Answers) -> Result:
    bodies = {code: body_from_step(code, answers.values(code)) for code in flow.instruments}
    scores = {code: score(code, body) for code, body in bodies.items()}
    treatments = answers.values(TREATMENTS) if flow.includes_candidacy else {}
    safety = answers.values(SAFETY) if flow.includes_candidacy else {}
    advice = (
        advise(
            scores,
            antidepressant_trials=treatments.get("antidepressant_trials", NOT_SURE),
            safety=safety,
        )
        if flow.includes_candidacy
        else None
    )
    return Result(flow, bodies, scores, advice, treatments, safety)


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

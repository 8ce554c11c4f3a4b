"""POST /api/v1/assessments/<instrument>/score: scores a screener for clinics that embed them.

Nothing sent here is stored or logged, and no session or CSRF token is needed: the endpoint reads
JSON and answers JSON, and is a thin shell around the pure rules in ``assessments.scoring``.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from api.errors import error, invalid
from api.http import BadBody, endpoint, json_object
from api.openapi import BAD_REQUEST, TOO_LARGE, register
from assessments import services
from assessments.instruments import INSTRUMENTS, PC_PTSD_5
from assessments.scoring import InvalidAnswers

FIELDS = {code: {"answers"} for code in INSTRUMENTS} | {
    PC_PTSD_5.code: {"trauma_exposure", "answers"}
}


@endpoint("POST")
def score(request, instrument):
    if instrument not in INSTRUMENTS:
        return error(
            404,
            "instrument",
            _("Unknown questionnaire; use one of %(codes)s.") % {"codes": ", ".join(INSTRUMENTS)},
        )
    try:
        body = json_object(request)
    except BadBody as refusal:
        return refusal.response
    unknown = sorted(set(body) - FIELDS[instrument])
    if unknown:
        return invalid(
            unknown[0],
            _("Unknown field; send only %(fields)s.")
            % {"fields": ", ".join(sorted(FIELDS[instrument]))},
        )
    try:
        result = services.score(instrument, body)
    except InvalidAnswers as error_:
        return invalid(error_.field, error_.message)
    response = JsonResponse(result.as_json())
    response["Cache-Control"] = "no-store"
    return response


def _answers_schema(instrument) -> dict:
    """Exactly the answers an instrument takes: how many, and of which kind."""
    count = len(instrument.items)
    if instrument.code == PC_PTSD_5.code:
        items = {"type": "boolean"}
    else:
        items = {
            "type": "integer",
            "minimum": instrument.lowest_answer,
            "maximum": instrument.highest_answer,
        }
    return {"type": "array", "minItems": count, "maxItems": count, "items": items}


def _body_schema(instrument) -> dict:
    answers = _answers_schema(instrument)
    if instrument.code != PC_PTSD_5.code:
        return {
            "type": "object",
            "required": ["answers"],
            "properties": {"answers": answers},
            "additionalProperties": False,
        }
    # Without trauma exposure the five questions are not asked: answers may be left out.
    return {
        "oneOf": [
            {
                "type": "object",
                "required": ["trauma_exposure", "answers"],
                "properties": {"trauma_exposure": {"const": True}, "answers": answers},
                "additionalProperties": False,
            },
            {
                "type": "object",
                "required": ["trauma_exposure"],
                "properties": {"trauma_exposure": {"const": False}, "answers": answers},
                "additionalProperties": False,
            },
        ]
    }


EXAMPLES = {
    "phq9": {"answers": [1, 2, 1, 0, 1, 2, 0, 1, 0]},
    "gad7": {"answers": [1, 1, 0, 2, 1, 0, 1]},
    "pc-ptsd-5": {"trauma_exposure": True, "answers": [True, True, False, True, False]},
    "pcl5": {"answers": [1, 2, 0, 1, 3, 2, 1, 0, 0, 1, 2, 1, 0, 1, 2, 3, 1, 0, 1, 2]},
}


SCORE_SCHEMA = {
    "type": "object",
    "required": ["instrument", "total", "max_total", "band", "flags"],
    "properties": {
        "instrument": {"type": "string", "enum": list(INSTRUMENTS)},
        "total": {"type": "integer", "minimum": 0},
        "max_total": {"type": "integer"},
        "band": {
            "type": "string",
            "enum": [
                "minimal",
                "mild",
                "moderate",
                "moderately_severe",
                "severe",
                "negative",
                "positive",
            ],
            "description": (
                "PHQ-9: minimal, mild, moderate, moderately_severe, severe. GAD-7: "
                "minimal, mild, moderate, severe. PC-PTSD-5 and PCL-5: positive or "
                "negative at `cut_point`."
            ),
        },
        "flags": {"type": "array", "items": {"type": "string", "enum": ["self_harm"]}},
        "cut_point": {"type": "integer", "description": "PC-PTSD-5 and PCL-5 only."},
        "trauma_exposure": {"type": "boolean", "description": "PC-PTSD-5 only."},
        "phq2": {
            "type": "object",
            "description": "PHQ-9 only: questions 1 and 2; positive at 3 or more.",
            "properties": {
                "total": {"type": "integer"},
                "positive": {"type": "boolean"},
            },
        },
        "clusters": {
            "type": "object",
            "description": (
                "PCL-5 only: DSM-5 clusters B (items 1-5), C (6-7), D (8-14), E (15-20); "
                "a symptom counts when rated 2 (moderately) or more."
            ),
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "items": {"type": "array", "items": {"type": "integer"}},
                    "total": {"type": "integer"},
                    "symptoms": {"type": "integer"},
                    "symptoms_needed": {"type": "integer"},
                    "met": {"type": "boolean"},
                },
            },
        },
        "dsm5_pattern": {
            "type": "boolean",
            "description": "PCL-5 only: at least 1 B, 1 C, 2 D and 2 E symptoms.",
        },
    },
}


def _operation(instrument) -> dict:
    return {
        "post": {
            "operationId": f"score_{instrument.code.replace('-', '_')}",
            "summary": f"Score the {instrument.name}",
            "description": (
                f"Scores the {instrument.name} exactly as published. Nothing is stored. "
                "`flags` contains `self_harm` whenever PHQ-9 question 9 is above zero, whatever "
                "the total: show crisis help first. A screen is not a diagnosis."
            ),
            "tags": ["assessments"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": _body_schema(instrument),
                        "example": EXAMPLES[instrument.code],
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "The score, its band and any safety flags.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/AssessmentScore"}
                        }
                    },
                },
                "400": BAD_REQUEST,
                "413": TOO_LARGE,
            },
        }
    }


for _instrument in INSTRUMENTS.values():
    register(
        f"/assessments/{_instrument.code}/score",
        _operation(_instrument),
        schemas={"AssessmentScore": SCORE_SCHEMA},
    )

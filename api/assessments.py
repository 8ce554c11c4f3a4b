"""POST /api/v1/assessments/<instrument>/score: scores a screener for clinics that embed them.

Nothing sent here is stored or logged, and no session or CSRF token is needed: the endpoint reads
JSON and answers JSON, and is a thin shell around the pure rules in ``assessments.scoring``.
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from api.errors import invalid
from api.openapi import BAD_REQUEST, register
from assessments import services
from assessments.instruments import INSTRUMENTS
from assessments.scoring import InvalidAnswers


@csrf_exempt
@require_POST
def score(request, instrument):
    if instrument not in INSTRUMENTS:
        return invalid(
            "instrument",
            _("Unknown questionnaire; use one of %(codes)s.") % {"codes": ", ".join(INSTRUMENTS)},
        )
    if request.content_type != "application/json":
        return invalid(
            "Content-Type", _("Send the body as JSON with Content-Type: application/json.")
        )
    try:
        body = json.loads(request.body)
    except RequestDataTooBig:
        return invalid("body", _("The body is too large."))
    except (UnicodeDecodeError, ValueError):
        return invalid("body", _("The body is not valid JSON."))
    if not isinstance(body, dict):
        return invalid("body", _('The body must be a JSON object, such as {"answers": [...]}.'))
    try:
        result = services.score(instrument, body)
    except InvalidAnswers as error:
        return invalid(error.field, error.message)
    response = JsonResponse(result.as_json())
    response["Cache-Control"] = "no-store"
    return response


register(
    "/assessments/{instrument}/score",
    {
        "post": {
            "operationId": "scoreAssessment",
            "summary": "Score a screening questionnaire",
            "description": (
                "Scores the PHQ-9, GAD-7, PC-PTSD-5 or PCL-5 exactly as published. Nothing is "
                "stored. `flags` contains `self_harm` whenever PHQ-9 question 9 is above zero, "
                "whatever the total: show crisis help first. A screen is not a diagnosis."
            ),
            "tags": ["assessments"],
            "parameters": [
                {
                    "name": "instrument",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "enum": list(INSTRUMENTS)},
                }
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "oneOf": [
                                {"$ref": "#/components/schemas/ScaleAnswers"},
                                {"$ref": "#/components/schemas/PcPtsd5Answers"},
                            ]
                        },
                        "examples": {
                            "phq9": {"value": {"answers": [1, 2, 1, 0, 1, 2, 0, 1, 0]}},
                            "pc-ptsd-5": {
                                "value": {
                                    "trauma_exposure": True,
                                    "answers": [True, True, False, True, False],
                                }
                            },
                        },
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
            },
        }
    },
    schemas={
        "ScaleAnswers": {
            "type": "object",
            "description": (
                "PHQ-9: 9 answers 0-3. GAD-7: 7 answers 0-3. PCL-5: 20 answers 0-4. "
                "Booleans are not accepted as numbers."
            ),
            "required": ["answers"],
            "properties": {"answers": {"type": "array", "items": {"type": "integer"}}},
            "examples": [{"answers": [0, 1, 2, 3, 0, 1, 2, 0, 1]}],
        },
        "PcPtsd5Answers": {
            "type": "object",
            "description": (
                "The gate question, then five yes/no answers; without trauma exposure the "
                "answers may be left out and the score is 0."
            ),
            "required": ["trauma_exposure"],
            "properties": {
                "trauma_exposure": {"type": "boolean"},
                "answers": {
                    "type": "array",
                    "minItems": 5,
                    "maxItems": 5,
                    "items": {"type": "boolean"},
                },
            },
        },
        "AssessmentScore": {
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
        },
    },
)

"""POST /api/v1/assessments/<instrument>/score scores a screener for clinics that embed them;
POST /api/v1/assessments/advice gives the options the answers point to, as the result page does.

Nothing sent here is stored or logged, and no session or CSRF token is needed: the endpoints read
JSON and answer JSON, and are thin shells around the pure rules in ``assessments.scoring`` and
``assessments.candidacy``.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from api.errors import error, invalid
from api.http import BadBody, endpoint, json_object
from api.openapi import BAD_REQUEST, TOO_LARGE, register
from assessments import services
from assessments.candidacy import FITS, OPTION_CODES, references_used
from assessments.instruments import GAD7, INSTRUMENTS, PC_PTSD_5, PHQ9
from assessments.references import REFERENCES
from assessments.safety import ANSWER_CODES, SAFETY_QUESTIONS
from assessments.scoring import InvalidAnswers
from core.crisis import RESOURCES as CRISIS_RESOURCES

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
    return _private(JsonResponse(result.as_json()))


def _private(response: JsonResponse) -> JsonResponse:
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


def _reason(reason) -> dict:
    return {"text": str(reason.text), "references": list(reason.references)}


def _absolute(path: str | None) -> str | None:
    return None if path is None else f"{settings.SITE_URL}{path}"


def advice_json(advice) -> dict:
    cited = references_used((), advice)
    return {
        "crisis": advice.crisis,
        "treatment_resistant": advice.treatment_resistant,
        "context": [_reason(reason) for reason in advice.context],
        "options": [
            {
                "code": option.code,
                "title": str(option.title),
                "fit": option.fit,
                "reasons": [_reason(reason) for reason in option.reasons],
                "cautions": [_reason(reason) for reason in option.cautions],
                "finder_url": _absolute(option.finder_url),
                "learn_more": [
                    {"label": str(link.label), "url": _absolute(link.url)}
                    for link in option.learn_more
                ],
            }
            for option in advice.options
        ],
        "talk_first": [_reason(reason) for reason in advice.talk_first],
        "crisis_resources": [
            {
                "name": str(resource.name),
                "description": str(resource.description),
                "actions": [
                    {"label": str(action.label), "href": action.href} for action in resource.actions
                ],
            }
            for resource in CRISIS_RESOURCES
        ],
        "references": {
            key: {
                "citation": REFERENCES[key].citation,
                "doi": REFERENCES[key].doi or None,
                "pmid": REFERENCES[key].pmid or None,
                "url": REFERENCES[key].link or None,
            }
            for key in cited
        },
    }


@endpoint("POST")
def advice(request):
    try:
        body = json_object(request)
    except BadBody as refusal:
        return refusal.response
    try:
        result = services.advise_body(body)
    except InvalidAnswers as error_:
        return invalid(error_.field, error_.message)
    return _private(JsonResponse(advice_json(result)))


_REASON = {
    "type": "object",
    "required": ["text", "references"],
    "properties": {
        "text": {"type": "string"},
        "references": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Keys of `references` the statement rests on.",
        },
    },
}

register(
    "/assessments/advice",
    {
        "post": {
            "operationId": "adviseOnOptions",
            "summary": "Which treatment options the answers point to, and why",
            "description": (
                "The same rules as the self-assessment's result page. Send the PHQ-9 (and "
                "optionally the GAD-7 and PC-PTSD-5), the number of antidepressants tried "
                "without enough benefit in this episode, the age, and an answer to every safety "
                "question. Each option comes back with `fit`: `may_fit` (with a `finder_url` "
                "and any cautions beside it), `talk_to_doctor_first` (a safety answer means a "
                "doctor must decide first: never offer a way to book it) or `not_now`. When "
                "`crisis` is true (PHQ-9 question 9 above zero), show `crisis_resources` "
                "before anything else. Nothing is stored. A screen is not a diagnosis."
            ),
            "tags": ["assessments"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/AdviceRequest"},
                        "examples": {
                            "resistant": {
                                "value": {
                                    "phq9": [2, 2, 2, 2, 2, 2, 2, 2, 0],
                                    "gad7": [1, 1, 1, 1, 0, 0, 0],
                                    "antidepressant_trials": "2",
                                    "age": 34,
                                    "safety": {q.code: "no" for q in SAFETY_QUESTIONS},
                                }
                            }
                        },
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "The options, how each fits and why.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Advice"}}
                    },
                },
                "400": BAD_REQUEST,
                "413": TOO_LARGE,
            },
        }
    },
    schemas={
        "AdviceRequest": {
            "type": "object",
            "required": ["phq9", "antidepressant_trials", "age", "safety"],
            "additionalProperties": False,
            "properties": {
                "phq9": _answers_schema(PHQ9),
                "gad7": _answers_schema(GAD7),
                "pc_ptsd_5": _body_schema(PC_PTSD_5),
                "antidepressant_trials": {
                    "type": "string",
                    "enum": ["0", "1", "2", "3", "not_sure"],
                    "description": (
                        "Antidepressants taken at an adequate dose and length in the current "
                        "episode without enough benefit; 3 means three or more."
                    ),
                },
                "age": {"type": "integer", "minimum": 18, "maximum": 120},
                "safety": {
                    "type": "object",
                    "required": [q.code for q in SAFETY_QUESTIONS],
                    "additionalProperties": False,
                    "properties": {
                        q.code: {
                            "type": "string",
                            "enum": list(ANSWER_CODES),
                            "description": str(q.question),
                        }
                        for q in SAFETY_QUESTIONS
                    },
                },
            },
        },
        "AdviceReason": _REASON,
        "Advice": {
            "type": "object",
            "required": [
                "crisis",
                "treatment_resistant",
                "context",
                "options",
                "talk_first",
                "crisis_resources",
                "references",
            ],
            "properties": {
                "crisis": {
                    "type": "boolean",
                    "description": "PHQ-9 question 9 above zero: show crisis help first.",
                },
                "treatment_resistant": {"type": "boolean"},
                "context": {
                    "type": "array",
                    "description": "What every option rests on (scores, treatment history).",
                    "items": {"$ref": "#/components/schemas/AdviceReason"},
                },
                "options": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["code", "title", "fit", "reasons", "cautions", "finder_url"],
                        "properties": {
                            "code": {"type": "string", "enum": list(OPTION_CODES)},
                            "title": {"type": "string"},
                            "fit": {"type": "string", "enum": list(FITS)},
                            "reasons": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/AdviceReason"},
                            },
                            "cautions": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/AdviceReason"},
                            },
                            "finder_url": {
                                "type": ["string", "null"],
                                "description": "Only when `fit` is `may_fit`.",
                            },
                            "learn_more": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "label": {"type": "string"},
                                        "url": {"type": "string"},
                                    },
                                },
                            },
                        },
                    },
                },
                "talk_first": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/AdviceReason"},
                },
                "crisis_resources": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string"},
                            "description": {"type": "string"},
                            "actions": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "label": {"type": "string"},
                                        "href": {"type": "string"},
                                    },
                                },
                            },
                        },
                    },
                },
                "references": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "properties": {
                            "citation": {"type": "string"},
                            "doi": {"type": ["string", "null"]},
                            "pmid": {"type": ["string", "null"]},
                            "url": {"type": ["string", "null"]},
                        },
                    },
                },
            },
        },
    },
)

"""GET /api/v1/costs: what the listings a search finds ask, per session and for a first course.

The parameters are the search's (without its order and pages) and the figures rest on exactly
the listings that search finds, on every page. The API answers however few listings the
figures rest on and says how many; the pages show none resting on fewer than five."""

import copy

from django.http import JsonResponse

from api.errors import invalid
from api.http import endpoint
from api.openapi import BAD_REQUEST, NOT_FOUND, register
from api.search import FILTER_PARAMETERS, PLACE_PARAMETERS, refusal, unknown_parameter
from directory.finder import search_form
from directory.forms import SearchForm
from directory.prices import cost_figures

KNOWN_PARAMETERS = set(SearchForm.base_fields) - {"sort", "page"}


@endpoint("GET")
def costs(request):
    refused = unknown_parameter(request, KNOWN_PARAMETERS)
    if refused:
        return refused
    form = search_form(request.GET)
    if not form.is_valid():
        return refusal(form)
    if not form.cleaned_data.get("treatment"):
        return invalid("treatment", "Choose the treatment to price, e.g. treatment=ketamine.")
    return JsonResponse(cost_figures(form.query()).as_json())


def _figures(description: str, extra: dict | None = None) -> dict:
    money = {"type": ["number", "null"]}
    return {
        "type": "object",
        "description": description,
        "required": ["median", "min", "max", "listings", *(extra or {})],
        "properties": {
            "median": money,
            "min": money,
            "max": money,
            "listings": {"type": "integer", "description": "How many listings these rest on."},
            **(extra or {}),
        },
    }


def _parameters() -> list[dict]:
    parameters = copy.deepcopy([*PLACE_PARAMETERS, *FILTER_PARAMETERS])
    treatment = next(p for p in parameters if p["name"] == "treatment")
    treatment.update(required=True, description="The treatment to price.")
    return parameters


register(
    "/costs",
    {
        "get": {
            "summary": "What the listings a search finds ask: per session and a first course",
            "operationId": "costs",
            "description": (
                "Figures in whole US dollars from exactly the listings GET /search finds with "
                "the same parameters (every page). Per session: each listing's lowest listed "
                "per-session price. First course: the listing's own course price, else its "
                "per-session price times the sessions of its first course. Unpriced listings "
                "are counted, never priced; the figures are null when none is priced."
            ),
            "parameters": _parameters(),
            "responses": {
                "200": {
                    "description": "The figures and how many listings they rest on.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Costs"}}
                    },
                },
                "400": BAD_REQUEST,
                "404": NOT_FOUND,
            },
        }
    },
    schemas={
        "Costs": {
            "type": "object",
            "required": [
                "treatment", "listings", "priced", "unpriced", "per_session", "first_course",
                "as_of",
            ],
            "properties": {
                "treatment": {"type": "string"},
                "listings": {"type": "integer", "description": "Every listing found."},
                "priced": {"type": "integer", "description": "Listings with a per-session price."},
                "unpriced": {"type": "integer", "description": "Listings without one."},
                "per_session": _figures("Each listing's lowest per-session price."),
                "first_course": _figures(
                    "A first course's total.",
                    {"sessions": {"type": ["number", "null"], "description": "Median sessions."}},
                ),
                "as_of": {"type": "string", "format": "date"},
            },
        }
    },
)  # fmt: skip

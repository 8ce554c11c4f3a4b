"""GET /api/v1/insurers: the insurance carriers the directory knows, for the insurer filter."""

from django.http import JsonResponse

from api.http import endpoint
from api.openapi import register
from directory import insurers


@endpoint("GET")
def insurer_list(request):
    return JsonResponse(
        {
            "insurers": [
                {"slug": slug, "name": name} for slug, (_pk, name) in insurers.known().items()
            ]
        }
    )


register(
    "/insurers",
    {
        "get": {
            "summary": "The insurance carriers the directory knows",
            "operationId": "insurers",
            "description": (
                "Carriers by name, each with the slug the insurer filter of GET /search and "
                "GET /costs takes. A carrier listed here is one a clinic can say it takes; "
                "what a plan covers is for the plan to say."
            ),
            "responses": {
                "200": {
                    "description": "Every carrier, alphabetically.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Insurers"}}
                    },
                }
            },
        }
    },
    schemas={
        "Insurers": {
            "type": "object",
            "required": ["insurers"],
            "properties": {
                "insurers": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["slug", "name"],
                        "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
                    },
                }
            },
        }
    },
)

"""The OpenAPI 3.1 document of /api/hsds/: Open Referral's HSDS 3.0 document (CC BY-SA 4.0,
directory/hsds/schema/openapi.json), filled in for Psycle.

Upstream's document describes every HSDS endpoint and parameter with placeholders for the
publisher's details. Psycle's keeps the endpoints it serves, only the parameters each one
reads (so the document says exactly what a 400 refuses), the limits it applies, and its JSON
errors; the record schemas stay upstream's, by their published addresses.
"""

from copy import deepcopy

from api.openapi import _schemas as psycle_schemas
from directory.hsds import schemas

# Path, and the parameters it reads (beyond any in the path).
SERVED = {
    "/": (),
    "/services": (
        "search", "page", "per_page", "format", "taxonomy_term_id", "taxonomy_id",
        "organization_id", "modified_after", "full",
    ),
    "/services/{id}": (),
    "/organizations": ("search", "full_service", "full", "page", "per_page", "format"),
    "/organizations/{id}": ("full_service",),
    "/service_at_locations": (
        "search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after",
        "page", "per_page", "format", "postcode", "proximity",
    ),
    "/taxonomies": ("search", "page", "per_page", "format"),
    "/taxonomies/{id}": (),
    "/taxonomy_terms": (
        "search", "page", "per_page", "format", "taxonomy_id", "top_only", "parent_id",
    ),
    "/taxonomy_terms/{id}": (),
}  # fmt: skip

LIMITS = {
    "page": {"type": "integer", "minimum": 1, "default": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50},
    "format": {"type": "string", "enum": ["json", "ndjson"], "default": "json"},
    "proximity": {"type": "integer", "minimum": 1, "maximum": 804672, "default": 40234},
    "postcode": {"type": "string", "pattern": "^[0-9]{5}(-[0-9]{4})?$"},
    "modified_after": {"type": "string", "format": "date-time"},
}
NOTES = {
    "postcode": (
        " A US ZIP code. Results are services at places within `proximity` metres of its "
        "centre (40,234 m, 25 miles, when `proximity` is not given), nearest first; with it, "
        "only `taxonomy_term_id` (a term of a finder taxonomy) may filter."
    ),
    "format": " `ndjson` streams every matching record, one a line, without pages.",
    "modified_after": " A listing changes when its provider or any of its services does.",
}
ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _parameter(upstream: dict, reference: dict) -> dict:
    if "$ref" in reference:
        name = reference["$ref"].rsplit("/", 1)[1]
        parameter = deepcopy(upstream["components"]["parameters"][name])
    else:
        parameter = deepcopy(reference)
    name = parameter["name"]
    if name in LIMITS:
        parameter["schema"] = LIMITS[name]
    parameter["description"] = parameter.get("description", "") + NOTES.get(name, "")
    return parameter


def _operations(upstream: dict, path: str, item: dict) -> dict:
    item = deepcopy(item)
    operation = item["get"]
    listed = {
        p.get("name") or p["$ref"].rsplit("/", 1)[1]: p for p in operation.get("parameters", [])
    }
    operation["parameters"] = [_parameter(upstream, listed[name]) for name in SERVED[path]]
    operation["responses"]["400"] = {
        "description": "A parameter was refused; the body names it and says why.",
        "content": ERROR,
    }
    if "{id}" in path or path != "/":
        operation["responses"]["404"] = {
            "description": "No record has this id (or a page is past the end).",
            "content": ERROR,
        }
    return item


def document(server_url: str) -> dict:
    upstream = schemas.load("openapi")
    return {
        "openapi": upstream["openapi"],
        "jsonSchemaDialect": upstream["jsonSchemaDialect"],
        "info": {
            "title": "Psycle HSDS API",
            "version": "3.0",
            "summary": "Psycle's provider directory as Open Referral HSDS 3.0 data.",
            "description": (
                "Read-only, open and free of keys. Records follow HSDS 3.0; what HSDS has no field "
                "for travels as attributes with terms of the Psycle taxonomy (see /taxonomies). "
                "Listings marked as demo are generated, not real providers. Derived from the "
                "HSDS OpenAPI document (Human Services Data Specification: an Open Referral "
                "resource), CC BY-SA 4.0."
            ),
            # SPDX identifier; the licence's text is directory/hsds/schema/LICENSE.
            "license": {"name": "CC BY-SA 4.0", "identifier": "CC-BY-SA-4.0"},
        },
        "servers": [{"url": server_url}],
        "paths": {path: _operations(upstream, path, upstream["paths"][path]) for path in SERVED},
        "components": {
            "schemas": {
                "Page": deepcopy(upstream["components"]["schemas"]["Page"]),
                "Error": deepcopy(psycle_schemas["Error"]),
            }
        },
    }

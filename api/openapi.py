"""The OpenAPI 3.1 document for /api/v1/, assembled from what each endpoint module registers.

An endpoint module calls ``register`` at import time with its path, its operations and any schemas
it needs, so the description sits beside the code it describes and cannot be forgotten.
"""

from copy import deepcopy

_paths: dict[str, dict] = {}
_schemas: dict[str, dict] = {
    "Error": {
        "type": "object",
        "description": "Why a request was refused. `field` names the parameter or body field.",
        "required": ["error", "field", "message"],
        "properties": {
            "error": {
                "type": "string",
                "enum": [
                    "invalid_request",
                    "not_found",
                    "method_not_allowed",
                    "too_large",
                    "server_error",
                ],
            },
            "field": {"type": "string"},
            "message": {"type": "string"},
        },
    }
}

ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
BAD_REQUEST = {
    "description": "The request was refused; the body names the field and says why.",
    "content": ERROR_BODY,
}
NOT_FOUND = {"description": "Nothing matches; the body names the field.", "content": ERROR_BODY}
TOO_LARGE = {"description": "The body is larger than 16 kB.", "content": ERROR_BODY}


def register(path: str, operations: dict, schemas: dict | None = None) -> None:
    if path in _paths:
        raise ValueError(f"{path} is already described")
    _paths[path] = operations
    for name, schema in (schemas or {}).items():
        if name in _schemas and _schemas[name] != schema:
            raise ValueError(f"schema {name} is described twice, differently")
        _schemas[name] = schema


def document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Psycle API",
            "version": "1",
            "description": (
                "Open data and tools from Psycle. Requests need no key; nothing you send to a "
                "scoring endpoint is stored."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": deepcopy(dict(sorted(_paths.items()))),
        "components": {"schemas": deepcopy(_schemas)},
    }

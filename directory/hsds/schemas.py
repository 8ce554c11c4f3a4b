"""The HSDS 3.0 JSON Schemas in ``schema/`` (Open Referral, CC BY-SA 4.0: see schema/LICENSE
and schema/README.md), and validators for them.

``validator(name)`` checks records as upstream's own checks do: JSON Schema draft 2020-12 with
``additionalProperties: false`` on every object, so a misspelt field fails too. Names are
``compiled/service``, ``compiled/organization_list``, ``taxonomy_term`` and so on; the per-table
schemas refer to each other by file name, which resolves within ``schema/``.
"""

import json
from copy import deepcopy
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


@cache
def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text())


def table_schemas() -> dict[str, dict]:
    """The per-table schemas, by table name (``service``, ``phone``, ...)."""
    return {
        path.stem: load(path.stem)
        for path in sorted(SCHEMA_DIR.glob("*.json"))
        if path.stem not in ("openapi",) and "path" in load(path.stem)
    }


def _closed(schema):
    """A copy in which every object with declared properties allows no others."""
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {key: _closed(value) for key, value in schema.items()}
    if "properties" in closed and isinstance(closed["properties"], dict):
        closed.setdefault("additionalProperties", False)
    return closed


@cache
def _registry():
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (path.name, Resource.from_contents(_closed(load(path.stem)), DRAFT202012))
        for path in SCHEMA_DIR.glob("*.json")
        if path.stem != "openapi"
    ]
    return Registry().with_resources(resources)


@cache
def validator(name: str):
    from jsonschema import Draft202012Validator, FormatChecker

    schema = _closed(deepcopy(load(name)))
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def errors(name: str, record) -> list[str]:
    """Why ``record`` is not a valid ``name`` record: one line per problem, none when valid."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(record)'}: {error.message}"
        for error in validator(name).iter_errors(record)
    ]

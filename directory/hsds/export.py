"""The whole directory written as HSDS 3.0 files, a chunk of organizations at a time.

Two forms, from the same records (``directory.hsds.records``):

- JSON: ``organizations.json``, an array of every organization in full (its locations,
  identifiers, attributes and each service in full), with ``taxonomies.json`` and
  ``taxonomy_terms.json`` (the terms every attribute refers to).
- Tabular: ``tabular/datapackage.json`` and one CSV per HSDS table in ``tabular/`` (every
  table, empty ones with their header), the columns in the order the HSDS table schemas give.

A record is flattened into table rows by walking its arrays (a service's ``cost_options`` become
rows of cost_options.csv, and their ``attributes`` rows of attributes.csv); nested objects are
references to records written elsewhere (a service at location's location, an attribute's
taxonomy term), so they are not written twice.
"""

import csv
import json
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from directory.hsds import records, schemas

CHUNK = 500
JSON_FILES = ("organizations.json", "taxonomies.json", "taxonomy_terms.json")
TABULAR = "tabular"

# Which table the items of an array with this name are rows of.
TABLE_OF = {
    "phones": "phone", "locations": "location", "addresses": "address",
    "schedules": "schedule", "accessibility": "accessibility", "attributes": "attribute",
    "organization_identifiers": "organization_identifier", "services": "service",
    "service_areas": "service_area", "service_at_locations": "service_at_location",
    "languages": "language", "cost_options": "cost_option", "contacts": "contact",
    "funding": "funding", "programs": "program", "required_documents": "required_document",
    "metadata": "metadata",
}  # fmt: skip


def tables() -> list[tuple[str, dict]]:
    """(table, schema) of every HSDS table, in the data package's order."""
    found = schemas.table_schemas()
    return sorted(found.items(), key=lambda item: item[1]["datapackage_metadata"]["order"])


def columns(schema: dict) -> list[str]:
    """A table's CSV columns: its fields that hold one value, in the schema's order."""
    return [
        name
        for name, spec in schema["properties"].items()
        if spec.get("type") not in ("array", "object") and "$ref" not in spec
    ]


def rows(record: dict, table: str):
    """(table, row) for the record and every record in its arrays, parents first."""
    yield table, record
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                yield from rows(item, TABLE_OF[key])


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def datapackage(counts: Counter) -> dict:
    resources = []
    for table, schema in tables():
        required = set(schema.get("required", []))
        fields = []
        for name in columns(schema):
            spec = schema["properties"][name]
            described = {"name": name, "type": spec.get("type", "string")}
            if spec.get("format") in ("uuid", "uri", "email"):
                described["format"] = spec["format"]
            described["description"] = spec.get("description", "")
            unique = spec.get("constraints", {}).get("unique", False)
            described["constraints"] = {"required": name in required, "unique": unique}
            fields.append(described)
        resources.append(
            {
                "name": schema["name"],
                "path": schema["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": schema.get("description", ""),
                "count": counts[table],
                "schema": {"fields": fields, "primaryKey": ["id"]},
            }
        )
    return {
        "name": "psycle-directory",
        "title": "Psycle provider directory (HSDS 3.0)",
        "description": (
            "Psycle's provider directory in the tabular form of Open Referral HSDS 3.0. "
            "Organizations marked is_demo (a Psycle attribute) are generated demo listings."
        ),
        "profile": "tabular-data-package",
        "resources": resources,
    }


@dataclass
class Written:
    organizations: int = 0
    rows: Counter = field(default_factory=Counter)


class _JsonArray:
    """Writes a JSON array one item at a time."""

    def __init__(self, handle):
        self.handle, self.first = handle, True
        handle.write("[")

    def add(self, item: dict) -> None:
        self.handle.write("\n" if self.first else ",\n")
        self.handle.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        self.first = False

    def close(self) -> None:
        self.handle.write("\n]\n")


def export(directory: Path, progress=None) -> Written:
    """Write both forms into ``directory`` (made if missing); returns what was written.
    ``progress`` is called with the number of organizations written so far, every chunk."""
    folder = directory / TABULAR
    folder.mkdir(parents=True, exist_ok=True)
    written = Written()
    with ExitStack() as files:
        writers = {}
        for table, schema in tables():
            handle = files.enter_context((folder / schema["path"]).open("w", newline=""))
            names = columns(schema)
            writer = csv.writer(handle)
            writer.writerow(names)
            writers[table] = (writer, names)

        def write(table: str, record: dict) -> None:
            for name, row in rows(record, table):
                writer, names = writers[name]
                writer.writerow([cell(row.get(column)) for column in names])
                written.rows[name] += 1

        for name, items in (
            ("taxonomies.json", records.all_taxonomy_records()),
            ("taxonomy_terms.json", records.all_terms()),
        ):
            (directory / name).write_text(json.dumps(items, ensure_ascii=False, indent=1))
            for item in items:
                write("taxonomy" if name == "taxonomies.json" else "taxonomy_term", item)
        organizations = _JsonArray(files.enter_context((directory / JSON_FILES[0]).open("w")))
        queryset = records.organizations(full_service=True)
        for organization in queryset.iterator(chunk_size=CHUNK):
            record = records.organization_record(organization, full_service=True)
            organizations.add(record)
            write("organization", record)
            written.organizations += 1
            if progress and written.organizations % CHUNK == 0:
                progress(written.organizations)
        organizations.close()
    (folder / "datapackage.json").write_text(json.dumps(datapackage(written.rows), indent=1))
    return written

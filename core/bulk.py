"""Fast inserts of many model instances, for loaders that write hundreds of thousands of rows.

``bulk_create`` compiles SQL for every batch and costs about as much as the database's own work;
here the instances' values are prepared once per field and sent with PostgreSQL's COPY or
SQLite's executemany. Instances are not refreshed: automatic primary keys stay unset, so only
use it where nothing reads them back.
"""

import uuid

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# Fields whose Python value is what both databases' drivers take as it is.
_PLAIN = {
    "BigIntegerField", "BooleanField", "CharField", "EmailField", "FloatField", "IntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField", "SmallIntegerField",
    "TextField", "URLField",
}  # fmt: skip


def insert(model, instances: list, using: str = DEFAULT_DB_ALIAS) -> None:
    if not instances:
        return
    connection = connections[using]
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and getattr(instances[0], field.attname) is None)
    ]
    converters = [_converter(field, connection) for field in fields]
    rows = [
        [
            value if convert is None else convert(value)
            for convert, value in zip(
                converters, (field.pre_save(instance, True) for field in fields), strict=True
            )
        ]
        for instance in instances
    ]
    _write(connection, model, fields, rows)


def insert_rows(model, rows: list[dict], using: str = DEFAULT_DB_ALIAS) -> None:
    """Like ``insert``, from dicts of values by attribute name (``organization_id``), which
    costs a fraction of building model instances. A field a row leaves out takes its default
    (``auto_now`` fields: now); a primary key left out of the first row is left to the database."""
    if not rows:
        return
    connection = connections[using]
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and field.attname not in rows[0])
    ]
    now = timezone.now()
    defaults = [
        now
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_default()
        for field in fields
    ]
    names = [field.attname for field in fields]
    converters = [_converter(field, connection) for field in fields]
    columns = list(zip(names, defaults, converters, strict=True))
    values = [
        [
            value if convert is None else convert(value)
            for value, convert in (
                (row.get(name, default), convert) for name, default, convert in columns
            )
        ]
        for row in rows
    ]
    _write(connection, model, fields, values)


def _converter(field, connection):
    """How a field's Python value becomes what the driver takes: None when as it is. Decided
    once a field, since calling ``get_db_prep_save`` for every value of millions of rows costs
    more than the database's own work."""
    if not type(field).__module__.startswith("django.db.models"):
        # A subclass (an encrypted text field, say) reports its parent's internal type but
        # prepares its values itself, one by one: never shared between rows.
        return lambda value: field.get_db_prep_save(value, connection)
    kind = field.get_internal_type()
    if kind in _PLAIN:
        return None
    target = field.target_field if field.is_relation else field
    if target.get_internal_type() == "UUIDField" and type(target) is models.UUIDField:
        if connection.features.has_native_uuid_field:
            return None
        return lambda value: value.hex if isinstance(value, uuid.UUID) else (
            field.get_db_prep_save(value, connection)
        )  # fmt: skip
    # Django's own fields give the same value for the same input: a date or a timestamp
    # repeated on every row is converted once.
    known = {}

    def convert(value):
        try:
            return known[value]
        except KeyError:
            known[value] = prepared = field.get_db_prep_save(value, connection)
            return prepared
        except TypeError:  # unhashable (a list for a JSON field)
            return field.get_db_prep_save(value, connection)

    return convert


def _write(connection, model, fields: list, rows: list[list]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                rows,
            )

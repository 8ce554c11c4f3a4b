"""Fast inserts of many model instances, for loaders that write hundreds of thousands of rows.

``bulk_create`` compiles SQL for every batch and costs about as much as the database's own work;
here the instances' values are prepared once per field and sent with PostgreSQL's COPY or
SQLite's executemany. Instances are not refreshed: automatic primary keys stay unset, so only
use it where nothing reads them back.
"""

from django.db import DEFAULT_DB_ALIAS, connections
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
    # Only Django's own field classes: a subclass (an encrypted text field, say) reports the
    # same internal type but prepares its values itself.
    plain = [
        type(field).__module__.startswith("django.db.models")
        and field.get_internal_type() in _PLAIN
        for field in fields
    ]
    rows = [
        [
            field.pre_save(instance, True)
            if is_plain
            else field.get_db_prep_save(field.pre_save(instance, True), connection)
            for field, is_plain in zip(fields, plain, strict=True)
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
    defaults = {
        field.attname: now
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_default()
        for field in fields
    }
    prepare = [
        None
        if type(field).__module__.startswith("django.db.models")
        and field.get_internal_type() in _PLAIN
        else field
        for field in fields
    ]
    values = [
        [
            value if field is None else field.get_db_prep_save(value, connection)
            for field, value in zip(
                prepare, (row.get(f.attname, defaults[f.attname]) for f in fields), strict=True
            )
        ]
        for row in rows
    ]
    _write(connection, model, fields, values)


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

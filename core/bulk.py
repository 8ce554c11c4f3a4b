"""Fast inserts of many model instances, for loaders that write hundreds of thousands of rows.

``bulk_create`` compiles SQL for every batch and costs about as much as the database's own work;
here the instances' values are prepared once per field and sent with PostgreSQL's COPY or
SQLite's executemany. Instances are not refreshed: automatic primary keys stay unset, so only
use it where nothing reads them back.
"""

import queue
import threading
import uuid

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
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
    columns = [(field.attname, default) for field, default in zip(fields, defaults, strict=True)]
    # Most columns go to the driver as they are: only the others are converted, by position.
    converted = [
        (position, convert)
        for position, convert in enumerate(_converter(field, connection) for field in fields)
        if convert is not None
    ]
    values = [[row.get(name, default) for name, default in columns] for row in rows]
    for position, convert in converted:
        for row_values in values:
            row_values[position] = convert(row_values[position])
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


def relax_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """On PostgreSQL, this transaction's commit does not wait for the disk. Only for work that
    can be run again: should the server crash, the last such transactions are lost whole."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


class BackgroundWriter:
    """Writes batches of rows (``insert_rows``) from other threads, each batch in its own
    transaction on its thread's own connection, so the database's work on one batch (index
    updates, and the foreign-key checks PostgreSQL defers to the commit) overlaps the making of
    the next, and, with two threads, one batch's commit the next one's rows. Only for batches
    that do not depend on each other: they may commit in any order. ``submit`` waits while
    every thread is busy and one batch waits; ``drain`` waits until every batch submitted is
    committed; ``close`` ends the threads. A batch that fails stops the writer: the next call
    raises its error, and no batch taken after it is written."""

    def __init__(self, using: str = DEFAULT_DB_ALIAS, threads: int = 2):
        self.using = using
        self._jobs: queue.Queue = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._threads = [
            threading.Thread(target=self._work, name=f"bulk-writer-{n}", daemon=True)
            for n in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, batch: list[tuple[type[models.Model], list[dict]]]) -> None:
        self._raise()
        self._jobs.put(batch)

    def drain(self) -> None:
        self._jobs.join()
        self._raise()

    def close(self) -> None:
        for _thread in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise RuntimeError(f"A batch could not be written: {self._error}") from self._error

    def _work(self) -> None:
        try:
            while True:
                batch = self._jobs.get()
                try:
                    if batch is None:
                        return
                    if self._error is None:
                        with transaction.atomic(using=self.using):
                            relax_commit(self.using)
                            for model, rows in batch:
                                insert_rows(model, rows, using=self.using)
                except BaseException as error:  # handed to the caller's thread
                    self._error = error
                finally:
                    self._jobs.task_done()
        finally:
            connections[self.using].close()

"""Per-cell counts of the search rows, kept in step by triggers on both databases.

PostgreSQL's triggers fire once a statement and read its changed rows as transition tables, so
a bulk insert of 5,000 rows costs one grouped upsert; SQLite's fire once a row. Both run in the
transaction of the change, so a count never sees a row its cell count does not."""

from django.db import migrations, models

ENTRY, COUNT = "directory_searchentry", "directory_searchcellcount"

# The backfill, before any trigger exists: the cells of the rows already there.
FILL = (
    f"INSERT INTO {COUNT} (cell, treatment, entries) "
    f"SELECT cell, treatment, COUNT(*) FROM {ENTRY} GROUP BY cell, treatment"
)

_ADD = (
    f"INSERT INTO {COUNT} (cell, treatment, entries) "
    "SELECT cell, treatment, COUNT(*) FROM added GROUP BY cell, treatment "
    "ORDER BY cell, treatment "  # one order of locks for every writer
    f"ON CONFLICT (cell, treatment) DO UPDATE SET entries = {COUNT}.entries + EXCLUDED.entries;"
)
_REMOVE = (
    # The rows are locked in the order the upsert takes them, so two writers cannot deadlock.
    f"PERFORM 1 FROM {COUNT} WHERE (cell, treatment) IN (SELECT cell, treatment FROM removed) "
    f"ORDER BY cell, treatment FOR UPDATE; "
    f"UPDATE {COUNT} SET entries = {COUNT}.entries - gone.entries "
    "FROM (SELECT cell, treatment, COUNT(*) AS entries FROM removed GROUP BY cell, treatment) "
    f"AS gone WHERE {COUNT}.cell = gone.cell AND {COUNT}.treatment = gone.treatment;"
)
POSTGRESQL = [
    f"""CREATE FUNCTION search_cell_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {_ADD} RETURN NULL; END $$""",
    f"""CREATE FUNCTION search_cell_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {_REMOVE} RETURN NULL; END $$""",
    f"""CREATE FUNCTION search_cell_count_moved() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {_REMOVE} {_ADD} RETURN NULL; END $$""",
    f"""CREATE TRIGGER search_cell_count_insert AFTER INSERT ON {ENTRY}
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT
        EXECUTE FUNCTION search_cell_count_added()""",
    f"""CREATE TRIGGER search_cell_count_delete AFTER DELETE ON {ENTRY}
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT
        EXECUTE FUNCTION search_cell_count_removed()""",
    f"""CREATE TRIGGER search_cell_count_update AFTER UPDATE ON {ENTRY}
        REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT
        EXECUTE FUNCTION search_cell_count_moved()""",
]
POSTGRESQL_UNDO = [
    f"DROP TRIGGER IF EXISTS search_cell_count_{event} ON {ENTRY}"
    for event in ("insert", "delete", "update")
] + [
    f"DROP FUNCTION IF EXISTS search_cell_count_{name}()" for name in ("added", "removed", "moved")
]

_ROW_ADD = (
    f"INSERT INTO {COUNT} (cell, treatment, entries) VALUES (NEW.cell, NEW.treatment, 1) "
    "ON CONFLICT (cell, treatment) DO UPDATE SET entries = entries + 1;"
)
_ROW_REMOVE = (
    f"UPDATE {COUNT} SET entries = entries - 1 "
    "WHERE cell = OLD.cell AND treatment = OLD.treatment;"
)
SQLITE = [
    f"CREATE TRIGGER search_cell_count_insert AFTER INSERT ON {ENTRY} BEGIN {_ROW_ADD} END",
    f"CREATE TRIGGER search_cell_count_delete AFTER DELETE ON {ENTRY} BEGIN {_ROW_REMOVE} END",
    f"""CREATE TRIGGER search_cell_count_update AFTER UPDATE OF cell, treatment ON {ENTRY}
        BEGIN {_ROW_REMOVE} {_ROW_ADD} END""",
]
SQLITE_UNDO = [
    f"DROP TRIGGER IF EXISTS search_cell_count_{event}" for event in ("insert", "delete", "update")
]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forwards(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    _run(schema_editor, [FILL, *(POSTGRESQL if postgresql else SQLITE)])


def backwards(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    _run(schema_editor, POSTGRESQL_UNDO if postgresql else SQLITE_UNDO)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_covering_search_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchCellCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("cell", models.IntegerField()),
                ("treatment", models.SmallIntegerField()),
                ("entries", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("cell", "treatment"), name="search_cell_count_key")
                ],
                "indexes": [
                    models.Index(fields=["cell", "treatment", "entries"], name="search_cell_count_cover")
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]

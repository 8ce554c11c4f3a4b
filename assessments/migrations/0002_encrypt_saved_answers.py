"""Saved answers were JSON in clear; they become encrypted tokens (core.crypto)."""

import json

from django.db import migrations

import core.crypto

TABLE = "assessments_savedresult"


def _rows(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, answers FROM {TABLE}")  # noqa: S608
        return cursor.fetchall()


def _write(schema_editor, pk, text):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET answers = %s WHERE id = %s", [text, pk])  # noqa: S608


def encrypt_answers(apps, schema_editor):
    for pk, raw in _rows(schema_editor):
        try:
            value = json.loads(raw)
        except ValueError:
            continue  # already a token
        _write(schema_editor, pk, core.crypto.seal(value))


def decrypt_answers(apps, schema_editor):
    for pk, raw in _rows(schema_editor):
        _write(schema_editor, pk, json.dumps(core.crypto.unseal(raw)))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="savedresult",
            name="answers",
            field=core.crypto.EncryptedJSONField(verbose_name="answers"),
        ),
        migrations.RunPython(encrypt_answers, decrypt_answers),
    ]

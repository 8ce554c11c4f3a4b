"""Re-encrypt every encrypted column with the first key in PSYCLE_ENCRYPTION_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from core import crypto


def encrypted_fields(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, crypto.EncryptedTextField)
    ]


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value with the first key in PSYCLE_ENCRYPTION_KEYS, in "
        "batches. Values already under that key are left alone, so it can be run again safely; "
        "once it reports nothing left to rotate, older keys can be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            rotated, current = self.rotate_model(model, fields, batch_size)
            self.stdout.write(
                f"{model._meta.label}: {rotated} rows re-encrypted, {current} already current."
            )

    def rotate_model(self, model, fields: list[str], batch_size: int) -> tuple[int, int]:
        # Read the stored tokens as plain text (a cast skips the field's decryption) and write
        # them back as plain text, so nothing is decrypted into memory beyond MultiFernet.rotate.
        raw = {f"raw_{field}": Cast(field, output_field=models.TextField()) for field in fields}
        rotated = current = 0
        last_pk = None
        while True:
            batch = model._default_manager.order_by("pk").annotate(**raw)
            if last_pk is not None:
                batch = batch.filter(pk__gt=last_pk)
            rows = list(batch.values("pk", *raw)[:batch_size])
            if not rows:
                return rotated, current
            with transaction.atomic():
                for row in rows:
                    changes = {
                        field: models.Value(crypto.rotate(token), output_field=models.TextField())
                        for field in fields
                        if (token := row[f"raw_{field}"]) is not None
                        and not crypto.is_current(token)
                    }
                    if changes:
                        model._default_manager.filter(pk=row["pk"]).update(**changes)
                        rotated += 1
                    else:
                        current += 1
            last_pk = rows[-1]["pk"]

"""Delete what we no longer need to keep: run daily (docs/deployment.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from consultations import services


class Command(BaseCommand):
    help = (
        "Delete consultation requests closed more than PSYCLE_REQUEST_RETENTION_DAYS ago and "
        "any request older than PSYCLE_REQUEST_MAX_AGE_DAYS, with the clinic's notes on them, "
        "and rate-limit records that no limit counts any more. Safe to run again."
    )

    def handle(self, *args, **options):
        purged = services.purge()
        self.stdout.write(
            f"Deleted {purged.closed} requests closed more than "
            f"{settings.PSYCLE_REQUEST_RETENTION_DAYS} days ago, {purged.expired} requests "
            f"older than {settings.PSYCLE_REQUEST_MAX_AGE_DAYS} days, and "
            f"{purged.rate_limit_records} old rate-limit records."
        )

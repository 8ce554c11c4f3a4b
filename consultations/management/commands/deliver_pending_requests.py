"""Queue again every request e-mail that is waiting: run after a worker restart, and
periodically (docs/deployment.md), so that nothing waits forever for a task that was lost."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from consultations import delivery
from consultations.tasks import TASKS


class Command(BaseCommand):
    help = (
        "Queue the clinic notices and seeker confirmations still waiting to be sent, including "
        "those whose worker stopped mid-send (claimed longer ago than "
        "PSYCLE_REQUEST_CLAIM_TIMEOUT). Safe to run at any time: a send is claimed before it "
        "happens, so extra tasks find nothing to do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Also give e-mails that failed every attempt a fresh set of attempts "
            "(after fixing the mail server or a clinic's address).",
        )

    def handle(self, *args, retry_failed: bool, verbosity: int, **options):
        now = timezone.now()
        for channel in delivery.CHANNELS:
            task = TASKS[channel]
            released = delivery.release_stale_claims(channel)
            reopened = delivery.reopen_failed(channel) if retry_failed else 0
            queued = 0
            for request_id, retry_at in delivery.pending(channel):
                when = retry_at if retry_at and retry_at > now else None
                (task.using(run_after=when) if when else task).enqueue(str(request_id))
                queued += 1
            if verbosity:
                self.stdout.write(
                    f"{channel.kind}: {queued} queued ({released} left mid-send by a stopped "
                    f"worker, {reopened} failed ones retried)."
                )

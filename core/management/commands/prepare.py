"""Everything `make run` does before serving, in one Django start-up: migrate, load the pages and
the demo directory, and queue again any e-mail a stopped worker left unsent. Each step does
nothing when there is nothing to do, so a second `make run` is quick."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Prepare the database for serving: migrate, load the content and the demo listings, "
        "and queue the e-mails still waiting. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-count", type=int, default=2000, help="How many demo listings a new site gets."
        )

    def handle(self, *args, demo_count: int, **options):
        self.stdout.write("Preparing the database...")
        call_command("migrate", interactive=False, verbosity=0, stdout=self.stdout)
        call_command("load_content", stdout=self.stdout)
        call_command("load_demo_directory", count=demo_count, stdout=self.stdout)
        call_command("deliver_pending_requests", verbosity=0, stdout=self.stdout)

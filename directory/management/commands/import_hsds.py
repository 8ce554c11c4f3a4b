from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory import hsds_read, indexing
from directory.hsds_import import HsdsImport


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS 3.0 feed: a JSON or NDJSON file of organizations with "
        "their nested records, or a directory holding the tabular data package. Nothing is "
        "written when a record is bad, unless --skip-bad; importing the same feed twice "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--feed", help="The feed's name, shown as the listings' source.")
        parser.add_argument(
            "--skip-bad", action="store_true", help="Import the good records, list the bad."
        )

    def handle(self, *args, path: Path, feed, skip_bad, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            records = hsds_read.load(path)
        except (hsds_read.HsdsError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        plans, errors = hsds_read.plan(records)
        for error in errors:
            self.stdout.write(f"Bad record: {error}")
        if errors and not skip_bad:
            raise CommandError(
                f"{len(errors)} of {len(records)} records cannot be imported; nothing was "
                "written (--skip-bad imports the others)."
            )
        report = HsdsImport(feed or path.name).run(plans)
        indexing.after_large_load()
        for conflict in report.conflicts:
            self.stdout.write(f"Conflict: {conflict}")
        for line in report.lines(len(records)):
            self.stdout.write(line)
        if errors:
            self.stdout.write(f"Bad records skipped {len(errors)}.")

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.hsds import export


class Command(BaseCommand):
    help = (
        "Write the whole directory as Open Referral HSDS 3.0 files in DIR: organizations.json "
        "(every organization with its locations and services in full), taxonomies.json and "
        "taxonomy_terms.json, and the tabular form (tabular/datapackage.json and one CSV per "
        "HSDS table). Reads 500 organizations at a time, never the whole directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", type=Path)

    def handle(self, *args, directory: Path, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} is a file; give a directory to write into.")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            raise CommandError(f"Cannot write to {directory}: {problem.strerror}.") from None
        started = time.perf_counter()
        written = export.export(
            directory, progress=lambda count: self.stderr.write(f"{count} organizations written")
        )
        seconds = time.perf_counter() - started
        rate = written.organizations / seconds if seconds else 0
        for table, count in sorted(written.rows.items()):
            self.stdout.write(f"  {table}: {count} rows")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {written.organizations} organizations to {directory} in {seconds:.1f} s "
                f"({rate:.0f} organizations a second)."
            )
        )

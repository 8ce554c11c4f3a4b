from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory import indexing, nppes
from directory.nppes_import import NotAnNppesFile, NppesImport, Progress, read_rows


class Command(BaseCommand):
    help = (
        "Import behavioural-health providers from the CMS NPPES data file (the monthly full "
        "file or a weekly update). Rows are streamed and written in batches; running a later "
        "file updates changed providers and takes deactivated NPIs out of search."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The npidata_pfile_*.csv file.")
        parser.add_argument(
            "--taxonomy",
            help=(
                "NUCC codes or prefixes to keep, comma-separated (default: the behavioural-"
                "health set). A code outside it needs its kind of care: 2084P0015X=psychiatry."
            ),
        )
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--source-name", help="The name shown as its source (the file's).")

    def handle(self, *args, path: Path, taxonomy, batch_size, source_name, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            rules = nppes.taxonomy_rules(taxonomy)
        except ValueError as error:
            raise CommandError(str(error)) from error
        progress = Progress(path.stat().st_size, self.stderr._out)
        importer = NppesImport(source_name or path.name, rules, batch_size)
        try:
            report = importer.run(read_rows(path, progress), progress)
        except NotAnNppesFile as error:
            raise CommandError(str(error)) from error
        progress.finish()
        indexing.after_large_load()
        for problem in report.problems:
            self.stdout.write(f"Bad row, skipped: {problem}")
        if report.bad > len(report.problems):
            self.stdout.write(f"... and {report.bad - len(report.problems)} more bad rows.")
        for conflict in report.conflicts:
            self.stdout.write(f"Conflict: {conflict}")
        for line in report.lines():
            self.stdout.write(line)

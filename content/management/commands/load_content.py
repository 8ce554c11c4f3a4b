from django.core.management.base import BaseCommand, CommandError

from content.loading import Loader, LoadError


class Command(BaseCommand):
    help = (
        "Load the pages in content/pages/ and the bibliography in content/references.toml. "
        "Running it again changes nothing; a page or reference an editor has changed is kept "
        "unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace pages and references editors have changed with the files' versions "
            "(and clear the medical review of each page replaced).",
        )

    def handle(self, *args, overwrite=False, **options):
        try:
            summary = Loader(overwrite=overwrite).run()
        except LoadError as error:
            raise CommandError(f"Nothing was loaded: {error}") from None
        for verb, sources in (("Created", summary.created), ("Updated", summary.updated)):
            if sources:
                self.stdout.write(self.style.SUCCESS(f"{verb} {len(sources)} pages."))
        if summary.references_created or summary.references_updated:
            self.stdout.write(
                self.style.SUCCESS(
                    f"References: {summary.references_created} added, "
                    f"{summary.references_updated} updated."
                )
            )
        kept = summary.kept + [f"reference {key}" for key in summary.references_kept]
        if kept:
            self.stdout.write(
                "Kept editors' changes to: "
                + ", ".join(kept)
                + ". Run load_content --overwrite to replace them with the files."
            )
        if not (summary.created or summary.updated):
            self.stdout.write("Content is up to date.")

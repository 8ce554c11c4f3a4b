from django.core.management.base import BaseCommand

from directory import demo, indexing
from directory.models import Organization


class Command(BaseCommand):
    help = (
        "Load generated demo listings (labelled as demo everywhere). Does nothing when demo "
        "listings are already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count, seed, **options):
        existing = Organization.objects.filter(is_demo=True).count()
        if existing:
            self.stdout.write(f"{existing} demo listings already loaded.")
            return
        written = demo.write(demo.generate(count, seed))
        indexing.after_large_load()
        self.stdout.write(self.style.SUCCESS(f"Loaded {written} demo listings."))

import tomllib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from content.models import HomePage

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"


class Command(BaseCommand):
    help = "Create the site's pages from content/pages/. Running it again changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site and isinstance(site.root_page.specific, HomePage):
            self.stdout.write("Home page already in place.")
            return
        fields = tomllib.loads((PAGES_DIR / "home.toml").read_text(encoding="utf-8"))
        root = Page.get_first_root_node() or self.create_root()
        # Wagtail's migrations leave a "Welcome to Wagtail" page as the site root; replace it.
        for child in root.get_children():
            if child.slug == "home" and not isinstance(child.specific, HomePage):
                child.delete()
        home = root.add_child(instance=HomePage(slug="home", **fields))
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Psycle",
            },
        )
        self.stdout.write(self.style.SUCCESS("Created the home page."))

    @staticmethod
    def create_root() -> Page:
        """Wagtail's migrations make the root; a database emptied since (by a flush) has none."""
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        return Page.add_root(instance=Page(title="Root", slug="root"))

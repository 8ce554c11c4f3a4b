from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every part of the site stands on: layout, security headers, health, crisis help."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import checks  # noqa: F401  (registers the deployment checks)

        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(using, **kwargs):
    """Where the cache is the database (production without Redis), `migrate` makes its table, so
    there is no extra set-up step. Tables that exist are left alone."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)

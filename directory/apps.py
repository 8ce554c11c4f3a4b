from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DirectoryConfig(AppConfig):
    """Providers, places and search: the directory the rest of the product stands on."""

    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from directory.insurers import ensure_insurers
        from directory.signals import ensure_taxonomy_terms

        post_migrate.connect(ensure_taxonomy_terms, sender=self)
        post_migrate.connect(ensure_insurers, sender=self)

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class DirectoryConfig(AppConfig):
    """Providers, places and search: the directory the rest of the product stands on."""

    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from directory.insurers import ensure_insurers, forget_known
        from directory.signals import ensure_taxonomy_terms

        post_migrate.connect(ensure_taxonomy_terms, sender=self)
        post_migrate.connect(ensure_insurers, sender=self)
        insurer = self.get_model("Insurer")
        post_save.connect(forget_known, sender=insurer)
        post_delete.connect(forget_known, sender=insurer)

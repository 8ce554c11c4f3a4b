from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CoreConfig(AppConfig):
    """What every part of the site stands on: layout, security headers, health, crisis help."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import checks  # noqa: F401  (registers the deployment checks)

        post_migrate.connect(create_cache_table, sender=self)
        connect_page_cache_invalidation()


#: The apps whose rows a cached page may show: a change to any of them starts a new generation.
SHOWN_IN_PAGES = frozenset({"content", "directory", "wagtailcore", "wagtailimages"})
#: Rows only search reads: rebuilt by the reindex, which invalidates once for all of them.
SEARCH_ROWS = frozenset({"SearchEntry", "RemoteEntry"})


def connect_page_cache_invalidation():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core import pagecache

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(pagecache.invalidate_on_commit, dispatch_uid=f"pagecache-{id(signal)}")
    # Connected model by model: a receiver on every model would stop Django deleting search rows
    # (and any other rows) in bulk, since it would have to load each one to signal it.
    from django.apps import apps

    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in SHOWN_IN_PAGES and meta.object_name not in SEARCH_ROWS:
            uid = f"pagecache-{meta.label}"
            post_save.connect(pagecache.invalidate_on_commit, sender=model, dispatch_uid=uid)
            post_delete.connect(pagecache.invalidate_on_commit, sender=model, dispatch_uid=uid)


def create_cache_table(using, **kwargs):
    """Where the cache is the database (production without Redis), `migrate` makes its table, so
    there is no extra set-up step. Tables that exist are left alone."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)

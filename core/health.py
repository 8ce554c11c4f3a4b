"""Readiness: can this process serve requests and hand work to the task queue?"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

_migrations_known_applied = False


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_migrations() -> None:
    global _migrations_known_applied
    if _migrations_known_applied:
        return
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migrations not applied")
    _migrations_known_applied = True


def check_task_queue() -> None:
    backend = task_backends["default"]
    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.order_by().values("pk").first()


def check_cache() -> None:
    cache.set("readyz", "1", 5)
    if cache.get("readyz") != "1":
        raise RuntimeError("cache did not return what was stored")


def readiness() -> dict[str, str]:
    """Each check's outcome: "ok", or what went wrong in words that carry no secrets."""
    checks = {
        "database": check_database,
        "migrations": check_migrations,
        "task_queue": check_task_queue,
    }
    if settings.REDIS_URL:
        checks["cache"] = check_cache
    outcomes = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as error:
            outcomes[name] = f"failed: {type(error).__name__}"
        else:
            outcomes[name] = "ok"
    return outcomes

"""Enqueue background work only once the data it needs is safely committed."""

from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, using: str | None = None, **kwargs) -> None:
    """Enqueue ``task`` after the current transaction commits; at once outside a transaction.

    If the transaction rolls back, nothing is enqueued, so a worker never sees an id whose row
    does not exist. Pass ids and plain values, never model instances.
    """
    transaction.on_commit(partial(task.enqueue, *args, **kwargs), using=using, robust=False)

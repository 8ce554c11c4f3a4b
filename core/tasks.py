"""Enqueue background work only once the data it needs is safely committed, and try an e-mail
again later when the mail server cannot take it."""

import logging
import smtplib
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, using: str | None = None, **kwargs) -> None:
    """Enqueue ``task`` after the current transaction commits; at once outside a transaction.

    If the transaction rolls back, nothing is enqueued, so a worker never sees an id whose row
    does not exist. Pass ids and plain values, never model instances.
    """
    transaction.on_commit(partial(task.enqueue, *args, **kwargs), using=using, robust=False)


def backoff(first_delay: timedelta, attempt: int) -> timedelta:
    """How long to wait after failed attempt number ``attempt``: the first delay, then twice as
    long each time (1, 2, 4, 8 ... times)."""
    return first_delay * 2 ** (attempt - 1)


def send_or_retry(
    send: Callable,
    task,
    object_id,
    attempt: int,
    *,
    attempts: int,
    first_delay: timedelta,
    loggable: bool = True,
):
    """Call ``send(object_id)``; if the mail server cannot be reached or refuses for now, queue
    ``task(object_id, attempt + 1)`` after ``first_delay`` doubled for each earlier attempt, up
    to ``attempts`` in all. For e-mails whose loss costs little and whose duplicate costs less.
    The log names the task and the id; pass ``loggable=False`` when the id says something about
    a person (a hash of their address, say)."""
    shown = object_id if loggable else "-"
    try:
        return send(object_id)
    except (OSError, smtplib.SMTPException) as error:
        if attempt >= attempts:
            logger.error("%s %s: giving up after %s attempts", task.name, shown, attempt)
            return False
        logger.warning(
            "%s %s: attempt %s failed (%s), trying again later",
            task.name,
            shown,
            attempt,
            type(error).__name__,
        )
        later = timezone.now() + backoff(first_delay, attempt)
        enqueue_on_commit(task.using(run_after=later), object_id, attempt + 1)
        return False

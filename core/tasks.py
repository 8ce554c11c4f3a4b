"""Enqueue background work only once the data it needs is safely committed, try an e-mail
again later when the mail server cannot take it, and clear up after a worker that was killed."""

import logging
import os
import smtplib
import socket
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.dispatch import Signal
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


# Sent for each task a stopped worker left running, once it is marked failed, with the task's
# path and arguments, so the app that owns the work can release what the task had claimed.
task_abandoned = Signal()


def default_worker_id() -> str:
    """``host:pid``: unique while the worker runs, and enough for its successor on the same
    host to tell that the worker is gone."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}"


def _is_gone(worker_id: str, me: str) -> bool:
    """Whether the worker that wrote ``worker_id`` has stopped: it is this worker's own id (a
    stable ``--worker-id`` given again after a restart), or an id of ``default_worker_id``'s
    shape on this host whose process no longer runs."""
    if worker_id == me:
        return True
    host, _colon, pid = worker_id.rpartition(":")
    if host != socket.gethostname()[:50] or not pid.isascii() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def mark_abandoned(worker_id: str) -> int:
    """Mark failed every task still RUNNING whose worker is gone (see ``_is_gone``), and tell
    the task's owner through ``task_abandoned``; how many. Run by ``db_worker`` as it starts."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    abandoned = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        if not result.worker_ids or not _is_gone(result.worker_ids[-1], worker_id):
            continue
        updated = DBTaskResult.objects.filter(pk=result.pk, status=result.status).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="core.tasks.WorkerStopped",
            traceback=f"The worker {result.worker_ids[-1]} stopped before the task finished.",
        )
        if updated:
            abandoned += 1
            logger.warning("Task %s was left running by a stopped worker", result.pk)
            task_abandoned.send(
                sender=DBTaskResult,
                task_path=result.task_path,
                args=result.args_kwargs.get("args", []),
                kwargs=result.args_kwargs.get("kwargs", {}),
            )
    return abandoned

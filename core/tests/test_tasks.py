import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import enqueue_on_commit
from core.tests.tasks import shout


def test_a_task_is_queued_only_once_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue_on_commit(shout, "hello")
        assert DBTaskResult.objects.count() == 0
    assert len(callbacks) == 1
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "core.tests.tasks.shout"
    assert queued.args_kwargs == {"args": ["hello"], "kwargs": {}}


@pytest.mark.django_db(transaction=True)
def test_nothing_is_queued_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(shout, "lost")
        raise RuntimeError("the request failed")
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_what_was_queued():
    with transaction.atomic():
        enqueue_on_commit(shout, "hello")
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload")
    finished = DBTaskResult.objects.get()
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == "HELLO"


def test_back_off_doubles_the_first_delay_after_each_failed_attempt():
    from datetime import timedelta

    from core.tasks import backoff

    first = timedelta(seconds=60)
    assert [backoff(first, attempt) for attempt in (1, 2, 3, 4)] == [
        timedelta(seconds=60),
        timedelta(seconds=120),
        timedelta(seconds=240),
        timedelta(seconds=480),
    ]

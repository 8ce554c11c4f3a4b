"""django-tasks-db's worker, which first marks the tasks a stopped worker left running.

A worker killed mid-task (out of memory, a deploy's SIGKILL) leaves its task RUNNING for ever.
Each worker records its id on the tasks it claims; ours default to ``host:pid``, so a worker
starting on the same host can tell which of those workers are gone (as can one started again
with the same stable ``--worker-id``, the way to run workers in containers, whose host names
change). Their tasks are marked failed and their owners told (``core.tasks.task_abandoned``):
a clinic's notice left half-sent is sent again at once, not after the claim timeout.
"""

from django_tasks_db.management.commands import db_worker

from core.tasks import default_worker_id, mark_abandoned


class Command(db_worker.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=default_worker_id())

    def handle(self, *args, worker_id, verbosity, **options):
        abandoned = mark_abandoned(worker_id)
        if abandoned and verbosity:
            self.stdout.write(f"Marked {abandoned} tasks left running by a stopped worker.")
        return super().handle(*args, worker_id=worker_id, verbosity=verbosity, **options)

"""A task for the tests of the task helpers; the site's own tasks live with their apps."""

from django_tasks import task


@task()
def shout(word: str) -> str:
    return word.upper()

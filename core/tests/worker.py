from django.core.management import call_command


def run_worker(*options: str) -> None:
    """Run the task worker as production does, until nothing is ready to run."""
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload", *options
    )

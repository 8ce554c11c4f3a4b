import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]


def wait_until_listening(host: str, port: int, process: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


class Command(BaseCommand):
    help = (
        "Serve the site on 127.0.0.1 with the background task worker beside it. Ctrl-C stops both."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--no-reload", action="store_true", help="Do not restart on changes.")

    def handle(self, *args, port, no_reload, **options):
        host = "127.0.0.1"
        reload_flag = ["--noreload"] if no_reload else []
        # Both children read PORT, so without SITE_URL the links they write (pages, API,
        # e-mails the worker sends) point at the port served, even when --port chose it.
        environment = {**os.environ, "PORT": str(port)}
        # Each child leads its own process group, so stopping it reaches the autoreloader's own
        # child too, and a signal the terminal sends reaches only this command, which forwards it.
        worker = subprocess.Popen(
            [*MANAGE, "db_worker", "--queue-name", "*", "--no-reload"],
            process_group=0,
            env=environment,
        )
        web = subprocess.Popen(
            [*MANAGE, "runserver", f"{host}:{port}", *reload_flag],
            process_group=0,
            env=environment,
        )
        processes = {"web server": web, "task worker": worker}
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            if wait_until_listening(host, port, web, timeout=60):
                self.stdout.write(
                    self.style.SUCCESS(f"\nPsycle is running at http://{host}:{port}/")
                    + "\nThe task worker runs beside it. Press Ctrl-C to stop both.\n"
                )
            while not stopping:
                ended = [name for name, process in processes.items() if process.poll() is not None]
                if ended:
                    self.stderr.write(f"The {ended[0]} stopped; stopping the rest.")
                    break
                time.sleep(0.3)
        finally:
            for process in processes.values():
                signal_group(process, signal.SIGTERM)
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    signal_group(process, signal.SIGKILL)
                    process.wait()
        if not stopping:
            sys.exit(1)
        self.stdout.write("Stopped the web server and the task worker.")

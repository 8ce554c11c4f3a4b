"""`manage.py serve`, the end of `make run`: the web server and worker run and stop together."""

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

from core.tests.processes import clean_environment, manage


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def migrated_sqlite_file(path):
    """A migrated SQLite database at `path`: a copy of the test database where that is SQLite
    (a migrate from nothing takes about 25 s), otherwise made by migrate in a child process.
    The copy needs a connection outside any transaction: the test asks for transactional_db."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        return
    migrated = manage("migrate", "--no-input", "--verbosity", "0", DATABASE_URL=f"sqlite:///{path}")
    assert migrated.returncode == 0, migrated.stderr


@pytest.mark.child_process
def test_serve_starts_the_site_and_worker_and_ctrl_c_stops_both(tmp_path, transactional_db):
    migrated_sqlite_file(tmp_path / "db.sqlite3")
    database = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PSYCLE_VAR_DIR": str(tmp_path),
    }
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port), "--no-reload"],
        cwd=settings.BASE_DIR,
        env=clean_environment(**database),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            seen.append(line)
            if "Psycle is running at" in line:
                break
        assert f"Psycle is running at http://127.0.0.1:{port}/" in "".join(seen)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
            assert json.load(response)["status"] == "ready"
        children = subprocess.run(
            ["pgrep", "-s", str(server.pid), "-f", "manage.py (runserver|db_worker)"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        assert len(children) >= 2

        # Ctrl-C in a terminal signals the foreground process group, which is the command's own.
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        rest = server.stdout.read()
        assert "Stopped the web server and the task worker." in rest
        still_running = subprocess.run(
            ["pgrep", "-s", str(server.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert still_running == []
    finally:
        if server.poll() is None:
            subprocess.run(["pkill", "-KILL", "-s", str(server.pid)], check=False)

"""`manage.py serve`, the end of `make run`: the web server and worker run and stop together."""

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings

from core.tests.processes import clean_environment, manage


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_starts_the_site_and_worker_and_ctrl_c_stops_both(tmp_path):
    database = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PSYCLE_VAR_DIR": str(tmp_path),
    }
    assert manage("migrate", "--no-input", "--verbosity", "0", **database).returncode == 0
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

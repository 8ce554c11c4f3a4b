"""`manage.py serve`, the end of `make run`: the web server and worker run and stop together."""

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from core.tests.processes import clean_environment, manage

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


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


def start_serving(arguments: list[str], environment: dict[str, str]) -> subprocess.Popen:
    """`manage.py serve` in its own session, once it says it is running (or after a minute)."""
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", *arguments, "--no-reload"],
        cwd=settings.BASE_DIR,
        env=clean_environment(**environment),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    server.seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        server.seen.append(line)
        if "Psycle is running at" in line or not line:
            break
    return server


def stop_serving(server: subprocess.Popen) -> None:
    if server.poll() is None:
        subprocess.run(["pkill", "-KILL", "-s", str(server.pid)], check=False)


@pytest.mark.child_process
def test_serve_starts_the_site_and_worker_and_ctrl_c_stops_both(tmp_path, transactional_db):
    migrated_sqlite_file(tmp_path / "db.sqlite3")
    database = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PSYCLE_VAR_DIR": str(tmp_path),
    }
    port = free_port()
    server = start_serving(["--port", str(port)], database)
    try:
        assert f"Psycle is running at http://127.0.0.1:{port}/" in "".join(server.seen)
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
        stop_serving(server)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (http://127.0.0.1)
        return response.read()


@pytest.mark.child_process
def test_without_site_url_every_absolute_link_follows_the_port_served(tmp_path, transactional_db):
    """`PORT=8080 make run`: the API's profile links and the sitemap point at that port."""
    migrated_sqlite_file(tmp_path / "db.sqlite3")
    setup = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PSYCLE_VAR_DIR": str(tmp_path),
    }
    prepared = manage("prepare", "--demo-count", "30", **setup)
    assert prepared.returncode == 0, prepared.stderr
    port = free_port()
    server = start_serving([], {**setup, "PORT": str(port)})
    site = f"http://127.0.0.1:{port}"
    try:
        assert f"Psycle is running at {site}/" in "".join(server.seen)
        results = json.loads(get(f"{site}/api/v1/search?near=Denver%2C+CO&radius=500"))["results"]
        assert results
        for result in results:
            assert result["profile_url"].startswith(f"{site}/providers/")
        profile = get(results[0]["profile_url"]).decode()
        assert f'<link rel="canonical" href="{results[0]["profile_url"]}">' in profile
        sitemap = ET.fromstring(get(f"{site}/sitemap.xml"))  # noqa: S314 (our own XML)
        locations = [loc.text for loc in sitemap.iter(f"{{{SITEMAP}}}loc")]
        assert len(locations) > 20
        assert all(location.startswith(f"{site}/") for location in locations)
        assert f"Sitemap: {site}/sitemap.xml" in get(f"{site}/robots.txt").decode()
    finally:
        stop_serving(server)

"""Psycle on more than one machine, as docs/deployment.md describes it: two web processes and
two workers sharing one database and Redis. A page changed through one process is fresh in
the other at once, and a request is delivered once however many workers there are."""

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
import redis
from django.conf import settings
from django.db import connection

from consultations.models import ConsultationRequest
from consultations.tests.delivery_helpers import FORM
from core.tests.people import clinic
from core.tests.processes import clean_environment, manage
from core.tests.smtp import SMTPServer
from core.tests.test_serve import free_port

pytestmark = [pytest.mark.child_process, pytest.mark.django_db(transaction=True)]

REDIS_URL = "redis://127.0.0.1:6379/13"
KETAMINE = "/treatments/ketamine/"


def database_url() -> str:
    """The test database, as the child processes reach it."""
    details = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{details['NAME']}"
    return f"postgres://{details['USER']}@{details['HOST']}:{details['PORT']}/{details['NAME']}"


@pytest.fixture
def shared(tmp_path):
    """What every process is given: the database, Redis for the cache, the mail server."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    mail = SMTPServer()
    mail.controller.start()
    yield (
        mail,
        {
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "PSYCLE_VAR_DIR": str(tmp_path),
            "EMAIL_DELIVERY": "smtp",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(mail.port),
            "DEBUG": "false",
            "ALLOWED_HOSTS": "psycle.example,127.0.0.1",
        },
    )
    mail.controller.stop()


def start_web(environment: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
         "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR, env=clean_environment(**environment),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/healthz")
            return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError("gunicorn did not start")


def get(port: int, path: str):
    """As the proxy in front of both asks: with the site's own host name."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "psycle.example"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http only)
        return response.headers, response.read().decode()


def test_a_page_published_through_one_process_is_fresh_in_the_other(site_pages, shared):
    _mail, environment = shared
    first, first_port = start_web(environment)
    second, second_port = start_web(environment)
    try:
        # Both serve the page from the cache they share (each warmed up by rendering it once).
        for port in (first_port, second_port):
            headers, page = get(port, KETAMINE)
            assert headers["X-Page-Cache"] == "hit"
            assert "Ketamine, as revised by an editor" not in page

        publish = (
            "from content.models import TreatmentPage\n"
            "page = TreatmentPage.objects.get(slug='ketamine')\n"
            "page.title = 'Ketamine, as revised by an editor'\n"
            "page.save_revision().publish()\n"
        )
        published = manage("shell", "-c", publish, **environment)
        assert published.returncode == 0, published.stderr

        for port in (second_port, first_port):
            headers, page = get(port, KETAMINE)
            assert "Ketamine, as revised by an editor" in page
    finally:
        first.terminate()
        second.terminate()
        first.wait(timeout=30)
        second.wait(timeout=30)


def test_a_request_is_delivered_once_with_two_workers(shared):
    mail, environment = shared
    clinic("intake@riverside.example")
    web, port = start_web(environment)
    try:
        body = urllib.parse.urlencode(FORM).encode()
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/providers/riverside/request/", data=body, timeout=30
        ) as response:
            assert "/request/sent/" in response.url
    finally:
        web.terminate()
        web.wait(timeout=30)
    assert ConsultationRequest.objects.count() == 1

    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--batch",
                "--queue-name",
                "*",
                "--no-startup-delay",
                "--no-reload",
                "--worker-id",
                f"worker-{number}",
            ],
            cwd=settings.BASE_DIR,
            env=clean_environment(**environment),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in (1, 2)
    ]
    for worker in workers:
        _out, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors

    assert mail.copies_per_recipient() == {"intake@riverside.example": 1, FORM["email"]: 1}
    # (Read without the contact details, which the web process encrypted with its own key.)
    assert list(
        ConsultationRequest.objects.values_list("clinic_notice_status", "confirmation_status")
    ) == [("sent", "sent")]
    assert json.dumps(FORM["message"]) not in "".join(m.as_string() for m in mail.messages)

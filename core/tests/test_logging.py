"""What reaches the log: an operator can read it, and it names no one."""

import io
import logging
import threading
import urllib.request

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

from core.logging import RedactFilter, redact


@pytest.fixture
def log_output():
    """What the configured console handlers write, filters and format included."""
    handlers = {
        handler
        for name in ("django", "django.server")
        for handler in logging.getLogger(name).handlers
        # The site's own, not pytest's capturing handlers.
        if any(isinstance(check, RedactFilter) for check in handler.filters)
    }
    stream = io.StringIO()
    previous = {handler: handler.setStream(stream) for handler in handlers}
    yield stream
    for handler, old in previous.items():
        handler.setStream(old)


def test_a_real_access_line_keeps_its_status_and_size_and_loses_the_query(log_output):
    """Django's own server writes the line, through the site's logging configuration."""
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}/healthz?email=dana@example.net&phone=415-555-0143"
    with urllib.request.urlopen(url, timeout=10) as response:
        size = len(response.read())
    thread.join(timeout=10)
    server.server_close()
    [line] = [line for line in log_output.getvalue().splitlines() if "django.server" in line]
    assert f'"GET /healthz?[redacted] HTTP/1.1" 200 {size}' in line
    assert "number redacted" not in line
    assert "dana@example.net" not in line and "555-0143" not in line


def test_phone_numbers_and_addresses_in_a_message_are_still_redacted():
    assert redact("call (415) 555-0143 or +44 20 7946 0958") == (
        "call [number redacted] or [number redacted]"
    )
    assert redact("from dana.w@example.net") == "from [e-mail redacted]"


def test_arguments_are_redacted_one_by_one(log_output):
    logging.getLogger("django.request").warning(
        "%s wrote from %s: %s %s", "dana@example.net", "(415) 555-0143", 200, 30380
    )
    line = log_output.getvalue()
    assert "[e-mail redacted] wrote from [number redacted]: 200 30380" in line


def test_a_huge_value_is_redacted_quickly_and_the_log_keeps_only_its_start(log_output):
    """Before, a 100 kB path took the e-mail pattern about 90 s (a request held that long);
    were that back, this test would run into the suite's time-out."""
    for hostile in ("x" * 100_000, "1 " * 50_000, "a." * 50_000, "?" * 100_000):
        redact(hostile)
        logging.getLogger("django.request").warning("Bad Request: %s", "/confirm/" + hostile)
    lines = log_output.getvalue().splitlines()
    assert len(lines) == 4
    assert all(len(line) < 2500 for line in lines)
    assert "more characters]" in lines[0]

"""Shared test set-up: the real Chromium for browser tests, and what the named people need."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = (
    f"Chromium is not installed at {CHROMIUM}, so the browser tests cannot run. "
    "Install it with: sudo apt-get install chromium"
)

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    browser_tests = [item for item in items if "browser" in item.keywords]
    if not browser_tests or CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(
            CHROMIUM_MISSING + " (under CI=true a missing browser is a failure)"
        )
    for item in browser_tests:
        item.add_marker(pytest.mark.skip(reason=CHROMIUM_MISSING))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so rate limits (allauth's) never carry over."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def site_pages(db):
    """The pages `make run` loads, for tests that read them."""
    from django.core.management import call_command

    call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def demo_listings(db):
    """A few hundred generated demo listings spread over the country, the same every time."""
    from directory import demo

    demo.write(demo.generate(400, seed=7))


@pytest.fixture
def password():
    """The password the named people sign in with."""
    return "correct horse battery staple 7"


@pytest.fixture
def seeker(db, password):
    """Sam, who looks for treatment and keeps a history of results."""
    from accounts.tests.people import make_account

    return make_account("sam@example.com", password)


@pytest.fixture
def another_seeker(db, password):
    """Alex, another seeker, whose results Sam must never see."""
    from accounts.tests.people import make_account

    return make_account("alex@example.com", password)


@pytest.fixture
def smtp_server():
    """Django's SMTP backend pointed at a real SMTP server on loopback."""
    from core.tests.smtp import SMTPServer, delivering_to

    server = SMTPServer()
    server.controller.start()
    try:
        with delivering_to(server.port):
            yield server
    finally:
        server.controller.stop()

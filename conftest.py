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


def _require_or_skip_the_browser(items):
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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """`make test-fast` (PSYCLE_TEST_DATABASE=memory) keeps a SQLite test database in memory.
    The whole suite keeps it in a file: the browser tests' live server reads it from threads."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if os.environ.get("PSYCLE_TEST_DATABASE") == "memory" and "sqlite" in database["ENGINE"]:
        database["TEST"] = {**database.get("TEST", {}), "NAME": None}


@pytest.fixture(autouse=True, scope="session")
def _quick_flush_on_postgresql():
    """After each transactional test (the browser's, the worker's) Django empties every table.
    On PostgreSQL it does so with one TRUNCATE of all of them, which costs most of a second a
    test; deleting the few rows a test wrote takes a fraction of that. Django's foreign keys on
    PostgreSQL are checked at commit (DEFERRABLE INITIALLY DEFERRED) and flush runs in one
    transaction, so the order of the deletes does not matter."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def delete_rows(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]  # noqa: S608

    DatabaseOperations.sql_flush = delete_rows
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """One PBKDF2 hash costs most of a second; the tests check who may sign in, not the hash."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches, so rate limits (allauth's) and pages never carry
    over."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()


# The page library and the demo directory take a second or two to write, and dozens of tests read
# them. Each is written once per run, committed, for the tests that ask for it; those tests run
# after every test that does not ask (see pytest_collection_modifyitems), so no test sees data it
# did not ask for (the demo directory comes with the library, as `make run` serves them).
# Transactional tests (the browser's) empty the database after each test, so there the fixtures
# write the data again when it is gone.


def _write_library():
    from django.core.management import call_command

    call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _library_is_there() -> bool:
    from content.models import TreatmentPage

    return TreatmentPage.objects.filter(slug="ketamine").exists()


def _write_demo_directory():
    from directory import demo

    demo.write(demo.generate(600, seed=7))


def _demo_directory_is_there() -> bool:
    from directory.models import Organization

    return Organization.objects.filter(is_demo=True).exists()


@pytest.fixture(scope="session")
def _flushed_at_the_end(django_db_setup, django_db_blocker):
    """Empties the database after the run, so a reused test database (--reuse-db) starts clean."""
    yield
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


# Whether data written for the run is still in the database, where a transactional test would
# see it (they run last, each on what the one before left, and empty the database after).
_run_data_in_the_database = False


def _outside_any_transaction():
    from django.db import connection

    if connection.in_atomic_block:
        raise RuntimeError(
            "site_pages and demo_listings must be a test's arguments, not asked for with "
            "request.getfixturevalue(): inside the test's transaction, what is written for the "
            "run would be rolled back at its end."
        )


def _write_for_the_run(write, django_db_blocker):
    """Commits what ``write`` writes, outside any test's transaction."""
    global _run_data_in_the_database
    with django_db_blocker.unblock():
        _outside_any_transaction()
        write()
    _run_data_in_the_database = True


@pytest.fixture(scope="session")
def _library_for_the_run(_flushed_at_the_end, django_db_blocker):
    _write_for_the_run(_write_library, django_db_blocker)


@pytest.fixture(scope="session")
def _demo_directory_for_the_run(_library_for_the_run, django_db_blocker):
    _write_for_the_run(_write_demo_directory, django_db_blocker)


@pytest.fixture(autouse=True)
def _transactional_tests_start_empty(request, django_db_blocker):
    """The first transactional test empties what was written for the database tests, so it sees
    only what it asks for, as every later one does."""
    global _run_data_in_the_database
    if _run_data_in_the_database and _is_transactional(request.node):
        from django.core.management import call_command

        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        _run_data_in_the_database = False


@pytest.fixture
def site_pages(_library_for_the_run, db):
    """The pages `make run` loads, for tests that read them."""
    if not _library_is_there():  # a transactional test emptied the database
        _write_library()


@pytest.fixture
def demo_listings(_demo_directory_for_the_run, site_pages, db):
    """Six hundred generated demo listings spread over the country (every kind of care in each
    major city), the same every time, beside the page library, as `make run` serves them."""
    if not _demo_directory_is_there():
        _write_demo_directory()


def pytest_collection_modifyitems(config, items):
    _require_or_skip_the_browser(items)
    _order_by_session_data(items)


def _is_transactional(item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    marked = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )
    return bool(marked) or "live_server" in fixtures or "transactional_db" in fixtures


def _order_by_session_data(items):
    """Within the database tests (which pytest-django has put before the transactional ones),
    those that ask for no shared data run first, then those that ask for the library, then those
    that ask for the demo directory, which comes with the library."""

    def kind(item):
        fixtures = getattr(item, "fixturenames", ())
        if _is_transactional(item):
            return (1, 0)
        if "db" not in fixtures and item.get_closest_marker("django_db") is None:
            return (2, 0)
        return (0, 2 if "demo_listings" in fixtures else 1 if "site_pages" in fixtures else 0)

    items.sort(key=kind)


@pytest.fixture
def password():
    """The password the named people sign in with."""
    from core.tests.people import PASSWORD

    return PASSWORD


@pytest.fixture
def seeker(db, password):
    """Sam, who looks for treatment and keeps a history of results."""
    from core.tests.people import make_account

    return make_account("sam@example.com", password)


@pytest.fixture
def another_seeker(db, password):
    """Alex, another seeker, whose results Sam must never see."""
    from core.tests.people import make_account

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

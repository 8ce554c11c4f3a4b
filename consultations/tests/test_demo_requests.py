"""After `make run`, a request sent to a demo listing lands as files under var/mail/."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from consultations.tests.delivery_helpers import send_request
from core.tests.worker import run_worker
from directory import demo
from directory.models import Organization

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_listings_have_deterministic_demo_addresses():
    first = [listing.email for listing in demo.generate(5, seed=1)]
    assert first == [f"demo-{number}@example.org" for number in range(1, 6)]
    assert [listing.email for listing in demo.generate(5, seed=1)] == first


def test_a_request_to_a_demo_listing_is_written_to_the_mail_folder(tmp_path):
    output = StringIO()
    call_command("load_demo_directory", "--count", "3", stdout=output)
    call_command("load_demo_directory", "--count", "3", stdout=output)
    assert "3 demo listings already loaded." in output.getvalue()
    organization = Organization.objects.get(email="demo-2@example.org")

    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=tmp_path,
    ):
        send_request(slug=organization.slug)
        run_worker()

    written = "\n".join(path.read_text() for path in tmp_path.iterdir())
    assert "To: demo-2@example.org" in written
    assert "To: dana.whitfield@example.net" in written
    assert "This was a demo listing: no real clinic receives it" in written

import pytest
from django.test import override_settings

from newsletter.tests.smtp import SMTPServer


@pytest.fixture
def smtp_server():
    """Django's SMTP backend pointed at a real SMTP server on loopback."""
    server = SMTPServer()
    server.controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
        ):
            yield server
    finally:
        server.controller.stop()

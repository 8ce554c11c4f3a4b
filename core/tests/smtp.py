"""A real SMTP server on a loopback port (aiosmtpd), recording every message it accepts."""

import email
import socket
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from django.test import override_settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecordingHandler:
    """Accepts and records messages. It can be told to misbehave after some number of them:
    ``refuse_after`` answers 421 (try later) to each new message; ``drop_after`` accepts the
    message and then hangs up before saying so, as a crash or a lost connection would;
    ``unknown_mailboxes`` answers 550 to those recipients, for good."""

    def __init__(self):
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.refuse_after: int | None = None
        self.drop_after: int | None = None
        self.unknown_mailboxes: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.unknown_mailboxes:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
            return "421 4.3.2 Too busy, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        if self.drop_after is not None and len(self.messages) == self.drop_after:
            server.transport.close()
        return "250 OK"


class SMTPServer:
    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        return [message for _recipients, message in self.handler.messages]

    def received_by(self, address: str) -> list[EmailMessage]:
        return [message for recipients, message in self.handler.messages if address in recipients]

    def copies_per_recipient(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for recipients, _message in self.handler.messages:
            for recipient in recipients:
                counts[recipient] = counts.get(recipient, 0) + 1
        return counts


def delivering_to(port: int) -> override_settings:
    """Settings that send the site's e-mail to an SMTP server on this loopback port."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
    )


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()

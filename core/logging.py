"""Log records that carry the request id and no personal data.

The request id lives in a context variable set by ``RequestIdMiddleware``, so any log line written
while a request is handled can be matched to the id shown on the error page. ``RedactFilter``
removes what could identify a person before a record is written: query strings (searches hold
places, forms may hold addresses) and anything shaped like an e-mail address or a phone number.
"""

import contextvars
import logging
import re

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

QUERY_STRING = re.compile(r"\?[^\s\"']*")
# Each pattern starts only where its match could (the lookbehinds) and phone numbers are at most
# 20 characters, so redaction takes time in proportion to the text: a 100 kB path in a log
# line must not cost minutes, as a pattern that retried from every position did.
EMAIL_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_NUMBER = re.compile(r"(?<![\w(])\+?\(?\d[\d ().-]{7,18}\d(?!\w)")
# A value longer than this (a path or header an attacker made huge) is cut in the log.
MAX_LOGGED_VALUE = 2000


def shortened(text: str) -> str:
    if len(text) <= MAX_LOGGED_VALUE:
        return text
    return f"{text[:MAX_LOGGED_VALUE]}... [{len(text) - MAX_LOGGED_VALUE} more characters]"


def redact(text: str) -> str:
    text = QUERY_STRING.sub("?[redacted]", text)
    text = EMAIL_ADDRESS.sub("[e-mail redacted]", text)
    return PHONE_NUMBER.sub("[number redacted]", text)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def _redacted_message(record: logging.LogRecord) -> str:
    """The message with each argument redacted on its own, so that numbers which only sit side
    by side in the line (an access line's status and size, "200 30380") never read as a phone
    number; a message without arguments is redacted whole."""
    if isinstance(record.args, tuple) and record.args:
        arguments = tuple(redact(shortened(a)) if isinstance(a, str) else a for a in record.args)
        try:
            return redact(str(record.msg)) % arguments
        except (TypeError, ValueError):
            pass
    return redact(shortened(record.getMessage()))


class RedactFilter(logging.Filter):
    """Redacts the message and the traceback, whose last line often quotes the failing value."""

    formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redacted_message(record)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True

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
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_NUMBER = re.compile(r"(?<!\w)\+?\d[\d ().-]{7,}\d(?!\w)")


def redact(text: str) -> str:
    text = QUERY_STRING.sub("?[redacted]", text)
    text = EMAIL_ADDRESS.sub("[e-mail redacted]", text)
    return PHONE_NUMBER.sub("[number redacted]", text)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RedactFilter(logging.Filter):
    """Redacts the message and the traceback, whose last line often quotes the failing value."""

    formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True

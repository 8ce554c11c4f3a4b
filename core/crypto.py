"""Encryption at rest for what people tell us, and keyed hashes to find it again.

``EncryptedTextField`` stores a Fernet token (AES-128-CBC with an HMAC-SHA256, from the
``cryptography`` package) and gives back the text when a row is loaded. The keys come from
``PSYCLE_ENCRYPTION_KEYS``: the first encrypts, all of them decrypt, so a new key can be put first
and ``manage.py rotate_encryption_keys`` then re-encrypts every stored value with it.

An empty string is stored as an empty string, not encrypted: it says only that nothing was
given, and it lets the database check that a row has at least one way to reach a person.

``EncryptedJSONField`` does the same for a JSON value, and ``seal``/``unseal`` for one kept
elsewhere, such as the screening answers a session holds until the result is shown.

Encrypted values cannot be searched. ``lookup_hash`` gives a keyed hash (HMAC-SHA256) of a
normalised value to store beside it, so "every request from this e-mail address" is one indexed
query without the address in clear. Its key, ``PSYCLE_LOOKUP_KEY``, is separate from the
encryption keys, so rotating those changes no hash.
"""

import hashlib
import hmac
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from core.emails import normalise_address


class DecryptionError(Exception):
    """A stored value that none of the configured keys can decrypt."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "PSYCLE_ENCRYPTION_KEYS is not set: contact details cannot be encrypted or read."
        )
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    """The keys in force now (read each time, so tests that override the setting are obeyed)."""
    return _fernet(tuple(settings.PSYCLE_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    if text == "":
        return ""
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if token == "":
        return ""
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise DecryptionError(
            "A stored value cannot be decrypted with any key in PSYCLE_ENCRYPTION_KEYS; "
            "was a key removed before rotate_encryption_keys had run?"
        ) from None


def rotate(token: str) -> str:
    """The same value encrypted with the first key (unchanged when empty)."""
    if token == "":
        return ""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise DecryptionError(
            "A stored value cannot be decrypted with any key in PSYCLE_ENCRYPTION_KEYS."
        ) from None


def lookup_hash(value: str) -> str:
    """The keyed hash (64 hex digits) of a value in its normal form (``normalise_address``:
    surrounding space and letter case make no difference); empty for an empty value."""
    value = normalise_address(value)
    if not value:
        return ""
    key = settings.PSYCLE_LOOKUP_KEY.encode("utf-8")
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database and decrypted when a row is loaded.

    The column holds a Fernet token, so filtering on it finds nothing but the empty string;
    store a ``lookup_hash`` beside it when the value must be found again.
    """

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value)


def seal(value) -> str:
    """A JSON-shaped value (lists, dicts, numbers, text) as one encrypted token."""
    return fernet().encrypt(json.dumps(value, separators=(",", ":")).encode("utf-8")).decode()


def unseal(token: str):
    """The value ``seal`` encrypted; DecryptionError when no configured key opens it."""
    return json.loads(decrypt(token))


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (such as screening answers) kept encrypted: the column holds the token of
    its JSON text, so ``rotate_encryption_keys`` re-encrypts it like any encrypted text."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return unseal(value)

    def get_prep_value(self, value):
        if value is None:
            return value
        return seal(value)

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))


def is_current(token: str) -> bool:
    """Whether a stored value is already encrypted with the first (current) key."""
    if token == "":
        return True
    try:
        Fernet(settings.PSYCLE_ENCRYPTION_KEYS[0]).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True

"""Strict readers for settings that come from the environment.

Every reader raises ImproperlyConfigured with the variable's name when a value cannot be
parsed, so a typo in a deployment fails at start-up instead of quietly meaning something else.
A secret may also be given as a path in ``<NAME>_FILE`` (for container secrets).
"""

import base64
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def raw(name: str) -> str | None:
    """The value, read from ``<NAME>_FILE`` when that is set; None when unset or empty."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        if name in os.environ:
            raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
        try:
            return Path(path).read_text(encoding="utf-8").strip() or None
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {error}") from error
    value = os.environ.get(name)
    return value if value not in (None, "") else None


def string(name: str, default: str | None = None) -> str | None:
    value = raw(name)
    return default if value is None else value


def boolean(name: str, default: bool) -> bool:
    value = raw(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, not {value!r}."
    )


def integer(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    value = raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {number}.")
    return number


def word_list(name: str, default: list[str]) -> list[str]:
    value = raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = raw(name)
    if value is None:
        return default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def url(name: str, default: str | None = None, *, schemes: tuple[str, ...]) -> str | None:
    value = string(name, default)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        raise ImproperlyConfigured(
            f"{name} must be an absolute URL starting with {' or '.join(schemes)}://, "
            f"not {value!r}."
        )
    return value.rstrip("/")


def fernet_keys(name: str) -> list[str]:
    """Comma-separated Fernet keys (32 bytes, URL-safe base64 each); an empty list when unset.

    A malformed key is named by its position, never echoed, since it is a secret.
    """
    keys = word_list(name, [])
    for position, key in enumerate(keys, start=1):
        try:
            decoded = base64.urlsafe_b64decode(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            decoded = b""
        if len(decoded) != 32:
            raise ImproperlyConfigured(
                f"{name}: key {position} is not a Fernet key (32 bytes in URL-safe base64); "
                "make one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'"
            )
    return keys

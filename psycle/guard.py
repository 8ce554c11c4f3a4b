"""The production guard: each reason a set of settings is unsafe to serve the public with.

A pure function of the values, so every refusal can be tested without starting Django; the
settings file calls it with what the operator gave and refuses to start while it names anything.
"""

from collections.abc import Mapping

from psycle import keys


def unsafe_production_settings(given: Mapping[str, object]) -> list[str]:
    """The problems with these settings, each naming the setting and how to fix it.

    `given` holds DEBUG, SECRET_KEY, ALLOWED_HOSTS, SITE_URL and EMAIL_DELIVERY as the settings
    file resolved them, and DATABASE_URL, PSYCLE_ENCRYPTION_KEYS and PSYCLE_LOOKUP_KEY as the
    operator gave them (empty when not given: production derives nothing).
    """
    return [
        *_debug_and_hosts(given),
        *_secret_key(str(given.get("SECRET_KEY") or "")),
        *_lookup_key(str(given.get("PSYCLE_LOOKUP_KEY") or "")),
        *_addresses_and_services(given),
    ]


def _debug_and_hosts(given: Mapping[str, object]) -> list[str]:
    problems = []
    if given.get("DEBUG"):
        problems.append("DEBUG is on: set DEBUG=false.")
    hosts = given.get("ALLOWED_HOSTS") or []
    if not hosts:
        problems.append("ALLOWED_HOSTS is empty: list the host names the site answers to.")
    elif "*" in hosts:
        problems.append("ALLOWED_HOSTS contains '*': list the host names instead.")
    return problems


def _secret_key(secret_key: str) -> list[str]:
    if not secret_key:
        return ["SECRET_KEY is not set: give a random value of 50 or more characters."]
    if len(secret_key) < 50 or keys.too_guessable(secret_key, keys.SECRET_KEY_MINIMUM_BITS):
        return [
            "SECRET_KEY is too short or too simple (too easy to guess): use 50 or more random "
            "characters, e.g. from python -c 'import secrets; print(secrets.token_urlsafe(64))'."
        ]
    if secret_key.startswith("django-insecure"):
        return ["SECRET_KEY is Django's insecure example key: make a new one."]
    return []


def _lookup_key(lookup_key: str) -> list[str]:
    if not lookup_key:
        return [
            "PSYCLE_LOOKUP_KEY is not set: give 32 or more random characters, kept apart from "
            "SECRET_KEY (a lookup key derived from SECRET_KEY would change when it is rotated, "
            "and seekers could no longer find their requests to delete them)."
        ]
    if keys.too_guessable(lookup_key, keys.LOOKUP_KEY_MINIMUM_BITS):
        return [
            "PSYCLE_LOOKUP_KEY is too simple (too easy to guess): use 32 or more random "
            "characters, e.g. from python -c 'import secrets; print(secrets.token_urlsafe(48))'."
        ]
    return []


def _addresses_and_services(given: Mapping[str, object]) -> list[str]:
    problems = []
    site_url = str(given.get("SITE_URL") or "")
    if not site_url:
        problems.append("SITE_URL is not set: give the public address, e.g. https://psycle.org.")
    elif not site_url.startswith("https://"):
        problems.append("SITE_URL must start with https:// in production.")
    if not given.get("DATABASE_URL"):
        problems.append("DATABASE_URL is not set: production needs an explicit database.")
    if not given.get("PSYCLE_ENCRYPTION_KEYS"):
        problems.append(
            "PSYCLE_ENCRYPTION_KEYS is not set: contact details would be unreadable without it; "
            "generate a key (docs/deployment.md)."
        )
    delivery = given.get("EMAIL_DELIVERY")
    if delivery != "smtp":
        problems.append(f"EMAIL_DELIVERY is {delivery!r}: mail would never reach anyone; use smtp.")
    return problems

"""The production settings: what the guard refuses, and what production turns on.

Two tests start Django in a child process, as an operator would (the deploy check, and the
refusal to start); the rest read the settings file in this process with `settings_under`, or ask
the guard itself, which is a pure function of the values."""

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from core import pagecache
from core.apps import create_cache_table
from core.tests.processes import PRODUCTION, manage, settings_under
from psycle.guard import unsafe_production_settings

SAFE = {
    "DEBUG": False,
    "SECRET_KEY": PRODUCTION["SECRET_KEY"],
    "ALLOWED_HOSTS": ["psycle.example"],
    "SITE_URL": "https://psycle.example",
    "EMAIL_DELIVERY": "smtp",
    "DATABASE_URL": "postgres://psycle@db.psycle.example/psycle",
    "PSYCLE_ENCRYPTION_KEYS": [PRODUCTION["PSYCLE_ENCRYPTION_KEYS"]],
    "PSYCLE_LOOKUP_KEY": PRODUCTION["PSYCLE_LOOKUP_KEY"],
}


def production_under(tmp_path, **changes: str) -> dict:
    """The production settings with these environment variables changed ("" removes one)."""
    environment = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    environment.update(changes)
    environment = {name: value for name, value in environment.items() if value != ""}
    return settings_under(**environment, PSYCLE_VAR_DIR=str(tmp_path))


@pytest.mark.child_process
def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.child_process
def test_production_refuses_to_start_and_names_every_unsafe_setting(tmp_path):
    result = manage(
        "check",
        PSYCLE_ENV="production",
        DEBUG="true",
        SECRET_KEY="short",
        ALLOWED_HOSTS="*",
        SITE_URL="http://psycle.example",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "Refusing to start in production with unsafe settings" in result.stderr
    for named in (
        "DEBUG is on",
        "SECRET_KEY is too short",
        "ALLOWED_HOSTS contains '*'",
        "SITE_URL must start with https://",
        "DATABASE_URL is not set",
        "EMAIL_DELIVERY is 'files'",
        "PSYCLE_ENCRYPTION_KEYS is not set",
        "PSYCLE_LOOKUP_KEY is not set",
    ):
        assert named in result.stderr


def test_the_guard_accepts_safe_settings():
    assert unsafe_production_settings(SAFE) == []


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"DEBUG": True}, "DEBUG is on: set DEBUG=false."),
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "k7Qp2vX9sLm4RtY8"}, "SECRET_KEY is too short or too simple"),
        ({"SECRET_KEY": "a" * 46 + "bcde"}, "SECRET_KEY is too short or too simple"),
        ({"ALLOWED_HOSTS": []}, "ALLOWED_HOSTS is empty"),
        ({"ALLOWED_HOSTS": ["psycle.example", "*"]}, "ALLOWED_HOSTS contains '*'"),
        ({"SITE_URL": None}, "SITE_URL is not set"),
        ({"SITE_URL": "http://psycle.example"}, "SITE_URL must start with https://"),
        ({"DATABASE_URL": None}, "DATABASE_URL is not set"),
        ({"PSYCLE_ENCRYPTION_KEYS": []}, "PSYCLE_ENCRYPTION_KEYS is not set"),
        ({"PSYCLE_LOOKUP_KEY": None}, "PSYCLE_LOOKUP_KEY is not set"),
        ({"PSYCLE_LOOKUP_KEY": "a" * 32}, "PSYCLE_LOOKUP_KEY is too simple (too easy to guess)"),
        ({"EMAIL_DELIVERY": "files"}, "EMAIL_DELIVERY is 'files': mail would never reach anyone"),
        ({"EMAIL_DELIVERY": "console"}, "EMAIL_DELIVERY is 'console'"),
    ],
)
def test_the_guard_names_each_unsafe_setting_alone(changes, named):
    [problem] = unsafe_production_settings({**SAFE, **changes})
    assert problem.startswith(named)


def test_the_guard_refuses_djangos_example_key():
    example = "django-insecure-" + "k7Qp2vX9sLm4RtY8wZc1NbH6jF3dG5aE0uIoPqWxVyTzSrUe"
    [problem] = unsafe_production_settings({**SAFE, "SECRET_KEY": example})
    assert "insecure example key" in problem


def test_production_requires_a_secret_key_and_never_makes_one(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        production_under(tmp_path, SECRET_KEY="")
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_guessable_keys_at_start_up(tmp_path):
    with pytest.raises(ImproperlyConfigured) as refused:
        production_under(tmp_path, SECRET_KEY="a" * 46 + "bcde", PSYCLE_LOOKUP_KEY="a" * 32)
    assert "SECRET_KEY is too short or too simple (too easy to guess)" in str(refused.value)
    assert "PSYCLE_LOOKUP_KEY is too simple (too easy to guess)" in str(refused.value)


def test_a_malformed_setting_stops_start_up_with_its_name(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        settings_under(DEBUG="maybe", PSYCLE_VAR_DIR=str(tmp_path))


def test_production_redirects_to_https_and_sends_hsts(tmp_path, db):
    production = production_under(tmp_path)
    security = {
        name: production[name]
        for name in (
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_HSTS_PRELOAD",
            "SECURE_REDIRECT_EXEMPT",
        )
    }
    with override_settings(**security, ALLOWED_HOSTS=["psycle.example"]):
        client = Client(HTTP_HOST="psycle.example")
        plain = client.get("/robots.txt")
        secure = client.get("/robots.txt", secure=True)
        probe = client.get("/healthz")
    assert plain.status_code == 301
    assert plain["Location"] == "https://psycle.example/robots.txt"
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert probe.status_code == 200, "a load balancer's plain-HTTP probe is not redirected"
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]


def test_production_refuses_to_start_without_explicit_encryption_keys(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="PSYCLE_ENCRYPTION_KEYS is not set"):
        production_under(tmp_path, PSYCLE_ENCRYPTION_KEYS="")


def test_production_reads_encryption_keys_from_a_file(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(PRODUCTION["PSYCLE_ENCRYPTION_KEYS"] + "\n", encoding="utf-8")
    production = production_under(
        tmp_path, PSYCLE_ENCRYPTION_KEYS="", PSYCLE_ENCRYPTION_KEYS_FILE=str(keys)
    )
    assert production["PSYCLE_ENCRYPTION_KEYS"] == [PRODUCTION["PSYCLE_ENCRYPTION_KEYS"]]


def test_a_malformed_encryption_key_is_named_by_position_and_not_echoed(tmp_path):
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_under(
            PSYCLE_ENCRYPTION_KEYS=f"{PRODUCTION['PSYCLE_ENCRYPTION_KEYS']},not-a-secret-key-at-all",
            PSYCLE_VAR_DIR=str(tmp_path),
        )
    assert "PSYCLE_ENCRYPTION_KEYS: key 2 is not a Fernet key" in str(refused.value)
    assert "not-a-secret-key-at-all" not in str(refused.value)


def test_production_without_redis_shares_its_cache_through_the_database(tmp_path, db):
    """Sign-in rate limits and used one-time codes must hold across web processes; Redis stays
    optional: without it, every process reads the same cache table, which migrate makes."""
    cache = production_under(tmp_path)["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    with override_settings(CACHES={"default": cache}):
        create_cache_table(using="default")  # what migrate runs after its migrations
    one_process = DatabaseCache(cache["LOCATION"], {})
    another_process = DatabaseCache(cache["LOCATION"], {})
    one_process.set("k", "shared")
    assert another_process.get("k") == "shared"


def test_with_redis_production_caches_there(tmp_path):
    caches = production_under(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3")["CACHES"]
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
             "LOCATION": "redis://127.0.0.1:6379/3"}  # fmt: skip
    assert caches == {"default": redis, "pages": {**redis, "KEY_PREFIX": "pages"}}


def test_pages_by_the_thousand_never_push_out_a_sign_in_limit(tmp_path, db):
    """Pages and the values computed for them have their own table: a busy finder once filled
    the one cache table to Django's 300 entries, and culling it dropped rate limits too."""
    configured = production_under(tmp_path)["CACHES"]
    assert configured["pages"]["LOCATION"] != configured["default"]["LOCATION"]
    with override_settings(CACHES=configured):
        create_cache_table(using="default")
        from django.core.cache import cache

        cache.set("sign-in-limit:203.0.113.7", 5, 300)
        for n in range(400):
            pagecache.remember(f"clinics:{n}", lambda n=n: n)
        assert cache.get("sign-in-limit:203.0.113.7") == 5
        assert pagecache.remember("clinics:399", lambda: "computed again") == 399


def test_behind_a_proxy_sign_in_limits_count_the_client_not_the_proxy(tmp_path):
    """Our request limits and allauth's sign-in limits must both read the client's address from
    X-Forwarded-For, or one person's failed sign-ins would lock everyone out."""
    behind = settings_under(TRUST_X_FORWARDED_FOR="true", PSYCLE_VAR_DIR=str(tmp_path))
    direct = settings_under(PSYCLE_VAR_DIR=str(tmp_path))
    assert behind["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert behind["TRUST_X_FORWARDED_FOR"] is True
    assert direct["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0

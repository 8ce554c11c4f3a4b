import json

from core.tests.processes import PRODUCTION, manage, python


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


def test_production_requires_a_secret_key(tmp_path):
    settings = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage(
        "check",
        **settings,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_a_malformed_setting_stops_start_up_with_its_name(tmp_path):
    result = manage("check", DEBUG="maybe", PSYCLE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


PRODUCTION_RESPONSES = """
import django, json
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(HTTP_HOST="psycle.example")
plain = client.get("/robots.txt")
secure = client.get("/robots.txt", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "hsts": secure.get("Strict-Transport-Security"),
}))
"""


def test_production_redirects_to_https_and_sends_hsts(tmp_path):
    result = python(
        PRODUCTION_RESPONSES,
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["plain_status"] == 301
    assert answer["plain_location"] == "https://psycle.example/robots.txt"
    assert answer["hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_production_refuses_to_start_without_explicit_encryption_keys(tmp_path):
    settings = {**PRODUCTION, "PSYCLE_ENCRYPTION_KEYS": ""}
    result = manage(
        "check",
        **settings,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "PSYCLE_ENCRYPTION_KEYS is not set" in result.stderr


def test_production_reads_encryption_keys_from_a_file(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(PRODUCTION["PSYCLE_ENCRYPTION_KEYS"] + "\n", encoding="utf-8")
    settings = {k: v for k, v in PRODUCTION.items() if k != "PSYCLE_ENCRYPTION_KEYS"}
    result = manage(
        "check",
        **settings,
        PSYCLE_ENCRYPTION_KEYS_FILE=str(keys),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr


def test_a_malformed_encryption_key_is_named_by_position_and_not_echoed(tmp_path):
    result = manage(
        "check",
        PSYCLE_ENCRYPTION_KEYS=f"{PRODUCTION['PSYCLE_ENCRYPTION_KEYS']},not-a-secret-key-at-all",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "PSYCLE_ENCRYPTION_KEYS: key 2 is not a Fernet key" in result.stderr
    assert "not-a-secret-key-at-all" not in result.stderr


def test_production_without_redis_shares_its_cache_through_the_database(tmp_path):
    """Sign-in rate limits and used one-time codes must hold across web processes; Redis stays
    optional: without it, migrate makes a cache table and every process reads the same one."""
    settings = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    migrated = manage("migrate", "--no-input", **settings, **database, PSYCLE_VAR_DIR=str(tmp_path))
    assert migrated.returncode == 0, migrated.stderr
    setup = "import django; django.setup(); from django.core.cache import cache; "
    write = setup + "cache.set('k', 'shared')"
    read = setup + "print(cache.get('k'))"
    assert python(write, **settings, **database, PSYCLE_VAR_DIR=str(tmp_path)).returncode == 0
    result = python(read, **settings, **database, PSYCLE_VAR_DIR=str(tmp_path))
    assert result.stdout.strip() == "shared", result.stderr


def test_behind_a_proxy_sign_in_limits_count_the_client_not_the_proxy(tmp_path):
    """Our request limits and allauth's sign-in limits must both read the client's address from
    X-Forwarded-For, or one person's failed sign-ins would lock everyone out."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from allauth import app_settings; print(app_settings.TRUSTED_PROXY_COUNT)"
    )
    behind = python(code, TRUST_X_FORWARDED_FOR="true", PSYCLE_VAR_DIR=str(tmp_path))
    direct = python(code, PSYCLE_VAR_DIR=str(tmp_path))
    assert behind.stdout.strip() == "1", behind.stderr
    assert direct.stdout.strip() == "0", direct.stderr

import json

import pytest

from core.tests.processes import python

READYZ_IN_CHILD = """
import django, json
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/readyz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_each_check_when_ready(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "task_queue": "ok"},
    }


@pytest.mark.child_process
def test_readyz_is_503_when_migrations_are_not_applied(tmp_path):
    result = python(
        READYZ_IN_CHILD,
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["status"] == "not ready"
    assert answer["body"]["checks"]["database"] == "ok"
    assert answer["body"]["checks"]["migrations"].startswith("failed")
    assert answer["body"]["checks"]["task_queue"].startswith("failed")


@pytest.mark.child_process
def test_readyz_is_503_when_the_database_cannot_be_reached(tmp_path):
    result = python(
        READYZ_IN_CHILD,
        DATABASE_URL="postgres://psycle@127.0.0.1:9/psycle",
        PSYCLE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["checks"]["database"] == "failed: OperationalError"


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/find/", "/api/v1/openapi.json"])
def test_load_balancer_probes_may_use_head(client, db, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""

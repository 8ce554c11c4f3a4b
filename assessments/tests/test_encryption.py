"""Screening answers, the self-harm question's included, are never stored in clear: not in a
saved result's row, not in the session row that holds answers in progress."""

import json
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from assessments.models import SavedResult
from core import crypto

pytestmark = pytest.mark.django_db

PHQ9 = (1, 2, 3, 0, 1, 2, 3, 0, 2)


def raw_answers() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM assessments_savedresult ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def raw_session_rows() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        return [row[0] for row in cursor.fetchall()]


def test_answers_in_progress_are_encrypted_in_the_session_row(client, finish_full):
    finish_full(phq9=PHQ9)
    [row] = raw_session_rows()
    decoded = SessionStore().decode(row)
    stored = json.dumps(decoded)
    assert "item_9" not in stored and "trauma_exposure" not in stored
    assert set(decoded["assessment"]) == {"sealed", "updated"}
    steps = crypto.unseal(decoded["assessment"]["sealed"])
    assert steps["phq9"]["values"]["item_9"] == 2
    # And the result still reads them.
    page = client.get("/assessment/full/result/").content.decode()
    assert "<strong>14</strong> out of 27" in page
    assert "Question 9:" in page


def test_saved_answers_are_encrypted_in_their_column(client, seeker, finish_full):
    finish_full(phq9=PHQ9)
    client.force_login(seeker)
    client.post("/assessment/full/save/", {"consent": "on"})
    assert SavedResult.objects.count() == 3
    for token in raw_answers():
        assert token.startswith("gAAAA")
        assert "answers" not in token
    phq9 = SavedResult.objects.get(instrument="phq9")
    assert phq9.answers == {"answers": list(PHQ9)}
    exported = client.get("/assessment/history/export.json").json()
    assert {"instrument": "phq9", "answers": {"answers": list(PHQ9)}}.items() <= next(
        r for r in exported["results"] if r["instrument"] == "phq9"
    ).items()


def test_key_rotation_re_encrypts_saved_answers(seeker):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[old]):
        SavedResult.objects.create(
            user=seeker, instrument="gad7", answers={"answers": [3] * 7}, total=21, band="severe"
        )
    [before] = raw_answers()
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[new, old]):
        output = StringIO()
        call_command("rotate_encryption_keys", stdout=output)
        assert "assessments.SavedResult: 1 rows re-encrypted" in output.getvalue()
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[new]):
        [after] = raw_answers()
        assert after != before
        assert SavedResult.objects.get().answers == {"answers": [3] * 7}


def test_a_session_whose_key_was_removed_starts_again_instead_of_failing(client, finish_full):
    finish_full()
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        response = client.get("/assessment/full/result/")
    assert response.status_code == 302
    assert response.url == "/assessment/full/age/"
    assert Session.objects.count() == 1

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from consultations.models import ConsultationRequest
from core.tests.people import DANA, clinic, consultation_request

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
ENCRYPTED = ("name", "email", "phone", "message")


def stored_columns(request_id) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, email, phone, message FROM consultations_consultationrequest "
            "WHERE id = %s",
            [request_id.hex if connection.vendor == "sqlite" else request_id],
        )
        return dict(zip(ENCRYPTED, cursor.fetchone(), strict=True))


def rotate() -> str:
    output = StringIO()
    call_command("rotate_encryption_keys", "--batch-size", "2", stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_rotation_re_encrypts_old_rows_with_the_new_key():
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[OLD_KEY]):
        organization = clinic()
        written = [consultation_request(organization) for _ in range(3)]
        written.append(consultation_request(organization, phone=""))
    before = {request.pk: stored_columns(request.pk) for request in written}

    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert "4 rows re-encrypted, 0 already current" in rotate()
        assert "0 rows re-encrypted, 4 already current" in rotate()

    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW_KEY]):
        for request in written:
            after = stored_columns(request.pk)
            for column in ("name", "email", "message"):
                assert after[column] != before[request.pk][column]
            loaded = ConsultationRequest.objects.get(pk=request.pk)
            assert loaded.name == DANA["name"]
            assert loaded.email == DANA["email"]
            assert loaded.message == DANA["message"]
        assert ConsultationRequest.objects.get(pk=written[-1].pk).phone == ""
        assert stored_columns(written[-1].pk)["phone"] == ""


@pytest.mark.django_db
def test_rotation_leaves_the_rest_of_the_row_alone():
    organization = clinic()
    request = consultation_request(organization)
    request.set_status(ConsultationRequest.Status.CONTACTED)
    before = ConsultationRequest.objects.get(pk=request.pk)
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW_KEY, *_current_keys()]):
        rotate()
        after = ConsultationRequest.objects.get(pk=request.pk)
    assert after.status == ConsultationRequest.Status.CONTACTED
    assert after.updated_at == before.updated_at
    assert after.status_changed_at == before.status_changed_at


def _current_keys() -> list[str]:
    from django.conf import settings

    return list(settings.PSYCLE_ENCRYPTION_KEYS)

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from core import crypto

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def test_text_comes_back_after_encryption_and_is_not_readable_in_between():
    token = crypto.encrypt("Ana María, 555-0100")
    assert "Ana" not in token
    assert "555" not in token
    assert crypto.decrypt(token) == "Ana María, 555-0100"


def test_the_same_text_encrypts_differently_each_time():
    assert crypto.encrypt("same") != crypto.encrypt("same")


def test_an_empty_value_stays_empty():
    assert crypto.encrypt("") == ""
    assert crypto.decrypt("") == ""


def test_the_first_key_encrypts_and_every_key_decrypts():
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[OLD_KEY]):
        token = crypto.encrypt("written under the old key")
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert crypto.decrypt(token) == "written under the old key"
        assert not crypto.is_current(token)
        rotated = crypto.rotate(token)
        assert crypto.is_current(rotated)
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW_KEY]):
        assert crypto.decrypt(rotated) == "written under the old key"


def test_a_value_no_key_fits_raises_a_clear_error():
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[OLD_KEY]):
        token = crypto.encrypt("secret")
    with (
        override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW_KEY]),
        pytest.raises(crypto.DecryptionError, match="PSYCLE_ENCRYPTION_KEYS"),
    ):
        crypto.decrypt(token)


def test_lookup_hash_ignores_case_and_surrounding_space():
    assert crypto.lookup_hash(" Ana@Example.org ") == crypto.lookup_hash("ana@example.org")
    assert crypto.lookup_hash("ana@example.org") != crypto.lookup_hash("bob@example.org")
    assert len(crypto.lookup_hash("ana@example.org")) == 64
    assert crypto.lookup_hash("  ") == ""


def test_lookup_hash_depends_on_the_lookup_key_not_the_encryption_keys():
    before = crypto.lookup_hash("ana@example.org")
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW_KEY]):
        assert crypto.lookup_hash("ana@example.org") == before
    with override_settings(PSYCLE_LOOKUP_KEY="another-lookup-key-of-thirty-two-characters"):
        assert crypto.lookup_hash("ana@example.org") != before

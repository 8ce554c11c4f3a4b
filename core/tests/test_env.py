import pytest
from django.core.exceptions import ImproperlyConfigured

from psycle import env


def test_boolean_accepts_the_usual_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env.boolean("FLAG", default=False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env.boolean("FLAG", default=True) is False


def test_boolean_rejects_anything_else_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env.boolean("DEBUG", default=False)


def test_unset_and_empty_values_fall_back_to_the_default(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    assert env.integer("PORT", 8000) == 8000
    monkeypatch.setenv("PORT", "")
    assert env.integer("PORT", 8000) == 8000


def test_integer_rejects_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="PORT must be a whole number"):
        env.integer("PORT", 8000)
    monkeypatch.setenv("PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="PORT must be at least 1"):
        env.integer("PORT", 8000, minimum=1)


def test_integer_rejects_values_above_the_maximum(monkeypatch):
    monkeypatch.setenv("PCL5_CUT_POINT", "81")
    with pytest.raises(ImproperlyConfigured, match="PCL5_CUT_POINT must be at most 80, not 81"):
        env.integer("PCL5_CUT_POINT", 33, minimum=1, maximum=80)
    monkeypatch.setenv("PCL5_CUT_POINT", "80")
    assert env.integer("PCL5_CUT_POINT", 33, minimum=1, maximum=80) == 80


def test_word_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " psycle.example, www.psycle.example ,,")
    assert env.word_list("ALLOWED_HOSTS", []) == ["psycle.example", "www.psycle.example"]


def test_choice_lists_the_allowed_values(monkeypatch):
    monkeypatch.setenv("EMAIL_DELIVERY", "pigeon")
    with pytest.raises(ImproperlyConfigured, match="files, console, smtp"):
        env.choice("EMAIL_DELIVERY", ("files", "console", "smtp"), "files")


def test_url_must_be_absolute_with_an_allowed_scheme(monkeypatch):
    monkeypatch.setenv("SITE_URL", "psycle.example")
    with pytest.raises(ImproperlyConfigured, match="SITE_URL must be an absolute URL"):
        env.url("SITE_URL", schemes=("http", "https"))
    monkeypatch.setenv("SITE_URL", "https://psycle.example/")
    assert env.url("SITE_URL", schemes=("http", "https")) == "https://psycle.example"


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret-value\n")
    monkeypatch.delenv("EMAIL_HOST_PASSWORD", raising=False)
    monkeypatch.setenv("EMAIL_HOST_PASSWORD_FILE", str(secret))
    assert env.string("EMAIL_HOST_PASSWORD") == "s3cret-value"


def test_a_secret_given_twice_is_refused(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("one")
    monkeypatch.setenv("SECRET_KEY", "two")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    with pytest.raises(ImproperlyConfigured, match="Set SECRET_KEY or SECRET_KEY_FILE, not both"):
        env.string("SECRET_KEY")


def test_an_unreadable_secret_file_names_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE: cannot read"):
        env.string("SECRET_KEY")

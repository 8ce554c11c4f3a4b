"""Staff accounts come from a command: no default password, the address counts as verified."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from clinics.models import Membership

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("create_clinic_user", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_random_password_is_printed_once_and_works(client, riverside):
    output = run("Casey@Riverside.example", "--organization", "riverside", "--random-password")
    password = re.search(r"Password \(shown this once; give it to them safely\): (\S+)", output)
    assert password and len(password.group(1)) >= 20
    assert "set up two-step sign-in" in output
    user = get_user_model().objects.get()
    assert user.username == user.email == "casey@riverside.example"
    assert user.check_password(password.group(1)) and not user.is_staff
    assert EmailAddress.objects.get(user=user).verified
    assert Membership.objects.get(user=user).organization == riverside
    response = client.post(
        "/account/login/", {"login": "casey@riverside.example", "password": password.group(1)}
    )
    assert response.url == "/clinic/"
    assert client.get("/clinic/").url == "/account/2fa/totp/activate/"


def test_the_password_typed_is_checked_like_any_other(monkeypatch, riverside):
    answers = iter(
        ["12345678", "12345678", "a long and quiet river 42", "a long and quiet river 42"]
    )
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    output = run("casey@riverside.example", "--organization", "riverside", "--role", "staff")
    assert "Password" not in output.replace("Password (", "")
    user = get_user_model().objects.get()
    assert user.check_password("a long and quiet river 42")
    assert Membership.objects.get().role == "staff"


def test_three_bad_passwords_create_nothing(monkeypatch, riverside):
    monkeypatch.setattr("getpass.getpass", lambda prompt: "short")
    with pytest.raises(CommandError, match="No password was set"):
        run("casey@riverside.example", "--organization", "riverside")
    assert not get_user_model().objects.exists()


def test_an_existing_account_joins_another_clinic(riverside, lakeside, casey):
    output = run("casey@riverside.example", "--organization", "lakeside")
    assert "already had an account" in output
    assert set(
        Membership.objects.filter(user=casey).values_list("organization__slug", flat=True)
    ) == {
        "riverside",
        "lakeside",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("casey@riverside.example", "--organization", "nowhere"), "No organization has the slug"),
        (("not-an-address", "--organization", "riverside"), "is not an e-mail address"),
    ],
)
def test_mistakes_are_named(riverside, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args, "--random-password")

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


def normalise_email(address: str) -> str:
    """One address, one account: e-mail addresses are compared without regard to case."""
    return address.strip().lower()


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers, and not a common password."),
        error_messages={"required": _("Choose a password.")},
    )
    adult = forms.BooleanField(
        label=_("I am 18 or older."),
        error_messages={
            "required": _("Accounts are for adults: tick the box if you are 18 or older.")
        },
    )

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if get_user_model().objects.filter(username=email).exists():
            raise forms.ValidationError(
                _("There is already an account with this e-mail address. Sign in instead.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and cleaned.get("password"):
            user = get_user_model()(username=cleaned["email"], email=cleaned["email"])
            try:
                password_validation.validate_password(cleaned["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class SignInForm(AuthenticationForm):
    """Django's sign-in form, asking for the e-mail address that is each seeker's username."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That e-mail address and password do not match an account. Check them and try again."
        ),
    }

    def clean_username(self):
        return normalise_email(self.cleaned_data["username"])

"""The account forms, in our words: allauth's sign-in and sign-up with the site's labels and the
one question we add (an account is for adults)."""

from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

EMAIL_LABEL = _("E-mail address")
EMAIL_ERRORS = {
    "required": _("Enter your e-mail address."),
    "invalid": _("Enter an e-mail address like name@example.com."),
}


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = EMAIL_LABEL
        login.error_messages.update(EMAIL_ERRORS)
        login.widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].error_messages["required"] = _("Enter your password.")


class SignUpForm(SignupForm):
    adult = forms.BooleanField(
        label=_("I am 18 or older."),
        error_messages={
            "required": _("Accounts are for adults: tick the box if you are 18 or older.")
        },
    )

    field_order = ["email", "password1", "adult"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = EMAIL_LABEL
        email.error_messages.update(EMAIL_ERRORS)
        email.widget.attrs.pop("placeholder", None)
        password = self.fields["password1"]
        password.help_text = _(
            "At least 8 characters, not only numbers, and not a common password."
        )
        password.error_messages["required"] = _("Choose a password.")
        password.widget.attrs.pop("placeholder", None)

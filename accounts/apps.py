from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Seekers' accounts: e-mail and password, only so a person can keep the results they save."""

    name = "accounts"
    verbose_name = "Accounts"

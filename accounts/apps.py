from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Everyone's account (django-allauth): e-mail and password, verified by a code, and for
    clinic staff and administrators a second factor."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from allauth.mfa import signals

        from accounts import second_factor

        def authenticator_added(sender, request, user, authenticator, **kwargs):
            second_factor.record_activation(request, user, authenticator)

        signals.authenticator_added.connect(
            authenticator_added, dispatch_uid="accounts.record_activation", weak=False
        )

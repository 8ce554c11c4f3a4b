from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Sign-up with double opt-in, preferences, one-click unsubscribe, and campaigns."""

    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from newsletter import webhooks  # noqa: F401  (connects the bounce and complaint receiver)

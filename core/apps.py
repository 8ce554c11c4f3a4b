from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every part of the site stands on: layout, security headers, health, crisis help."""

    name = "core"
    verbose_name = "Core"

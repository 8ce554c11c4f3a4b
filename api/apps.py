from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public JSON API under /api/v1/, described by one OpenAPI document."""

    name = "api"
    verbose_name = "API"

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who viewed or changed which request or listing, and when, for administrators."""

    name = "audit"
    verbose_name = "Audit log"

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Readers' reports of a problem with a page or a listing, for the editors."""

    name = "feedback"
    verbose_name = "Problem reports"

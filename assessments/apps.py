from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """The self-assessment: validated screeners, a candidacy check, a result to take to a doctor."""

    name = "assessments"
    verbose_name = "Self-assessment"

from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """Seekers' requests to providers: the form, delivery to the clinic, deletion, retention."""

    name = "consultations"
    verbose_name = "Consultation requests"

    def ready(self):
        from consultations import tasks  # noqa: F401  (connects its task_abandoned receiver)

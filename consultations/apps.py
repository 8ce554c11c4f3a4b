from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """Seekers' requests to providers: the form, delivery to the clinic, deletion, retention."""

    name = "consultations"
    verbose_name = "Consultation requests"

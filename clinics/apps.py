from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    """The clinic portal at /clinic/: staff memberships, the requests inbox, the listing editor,
    claims of listings and the administrators' verification queue."""

    name = "clinics"
    verbose_name = "Clinic portal"

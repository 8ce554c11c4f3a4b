from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The pages editors write and medical reviewers approve, kept in Wagtail."""

    name = "content"
    verbose_name = "Content"

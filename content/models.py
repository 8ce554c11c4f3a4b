from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front door: what Psycle is, and where to go next."""

    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences under the heading.")
    )
    body = RichTextField(_("body"), blank=True, features=["bold", "italic", "link", "ul", "h2"])

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

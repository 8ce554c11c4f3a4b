"""Editors read readers' reports in the admin, under "Problem reports", and mark them dealt with."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from feedback.models import ProblemReport


class ProblemReportViewSet(SnippetViewSet):
    model = ProblemReport
    icon = "warning"
    menu_label = _("Problem reports")
    add_to_admin_menu = True
    list_display = ["page", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("organization", read_only=True),
        FieldPanel("kind", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("status"),
    ]


register_snippet(ProblemReportViewSet)

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsletter import campaign_views
from newsletter.models import Campaign


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "mail"
    menu_label = _("Newsletter")
    add_to_admin_menu = True
    list_display = ["subject", "topic", "status", "send_at"]
    list_filter = ["status", "topic"]
    panels = [
        FieldPanel("subject"),
        FieldPanel("topic"),
        FieldPanel("body"),
        # Wagtail's own date picker renders an inline script that our CSP blocks; the browser's
        # date and time input needs none (docs/decisions.md).
        FieldPanel(
            "send_at",
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        ),
    ]


register_snippet(CampaignViewSet)


@hooks.register("register_admin_urls")
def campaign_urls():
    return [
        path(
            "newsletter/campaigns/<int:pk>/",
            campaign_views.review,
            name="newsletter_campaign_review",
        ),
        path(
            "newsletter/campaigns/<int:pk>/preview.<str:part>",
            campaign_views.preview,
            name="newsletter_campaign_preview",
        ),
        path(
            "newsletter/campaigns/<int:pk>/<str:action>/",
            campaign_views.act,
            name="newsletter_campaign_action",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def review_and_send_button(snippet, user, next_url=None):
    if isinstance(snippet, Campaign) and user.has_perm("newsletter.change_campaign"):
        yield Button(
            _("Review and send"),
            reverse("newsletter_campaign_review", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )

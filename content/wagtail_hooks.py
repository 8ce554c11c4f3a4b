from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from content.middleware import current_request
from content.models import PressMention, Reference, Reviewer
from content.reports import ReviewsDueView

register_snippet(Reference)
register_snippet(Reviewer)
register_snippet(PressMention)


@hooks.register("register_admin_urls")
def reviews_due_urls():
    return [
        path("reports/reviews-due/", ReviewsDueView.as_view(), name="content_reviews_due"),
        path(
            "reports/reviews-due/results/",
            ReviewsDueView.as_view(results_only=True),
            name="content_reviews_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def reviews_due_menu_item():
    return MenuItem(
        _("Medical reviews due"),
        reverse("content_reviews_due"),
        name="medical-reviews-due",
        icon_name="warning",
        order=50,
    )


@hooks.register("insert_global_admin_js")
def csp_helpers():
    """Our admin script, carrying the request's CSP nonce for it to pass on (see its comments)."""
    request = current_request.get()
    return format_html(
        '<script src="{}" nonce="{}"></script>',
        static("content/js/admin-csp.js"),
        getattr(request, "csp_nonce", ""),
    )

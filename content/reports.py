"""The editors' report of pages whose medical review is due: past their date, or never done."""

import django_filters
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView

from content.models import ReviewedPage
from content.review import NOT_REVIEWED, OVERDUE


def reviews_due(today=None):
    """Pages past their review date (longest overdue first), then pages never reviewed."""
    today = today or timezone.localdate()
    return (
        ReviewedPage.objects.filter(Q(next_review_due__lt=today) | Q(last_reviewed__isnull=True))
        .select_related("reviewed_by")
        .annotate(
            never_reviewed=Case(
                When(last_reviewed__isnull=True, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("never_reviewed", "next_review_due", "path")
    )


class ReviewsDueFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=[(OVERDUE, _("Past its review date")), (NOT_REVIEWED, _("Never reviewed"))],
        method="filter_state",
        empty_label=_("Both"),
    )

    class Meta:
        model = ReviewedPage
        fields = []

    def filter_state(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.filter(last_reviewed__isnull=False)
        if value == NOT_REVIEWED:
            return queryset.filter(last_reviewed__isnull=True)
        return queryset


class ReviewsDueView(PageReportView):
    page_title = _("Medical reviews due")
    header_icon = "warning"
    results_template_name = "content/admin/reviews_due_results.html"
    filterset_class = ReviewsDueFilterSet
    index_url_name = "content_reviews_due"
    index_results_url_name = "content_reviews_due_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "url_path", "last_reviewed", "next_review_due", "reviewed_by"]
    export_headings = {
        "url_path": _("Address"),
        "last_reviewed": _("Last reviewed"),
        "next_review_due": _("Next review due"),
        "reviewed_by": _("Reviewed by"),
    }

    def get_queryset(self):
        return reviews_due()

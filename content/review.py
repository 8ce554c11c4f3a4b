"""Medical review: what a page says about its review. Pure: no database, no models.

A page is published only after a member of the "Medical reviewers" group approves it in the
"Medical review" workflow (set up in ``content.workflows``); approving records the review (who,
when, when the next is due) on the revision that is published (``ReviewedPage.record_review``).
Nothing here ever makes up a reviewer or a date: a page nobody has reviewed says so.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

NOT_REVIEWED = "not_reviewed"
CURRENT = "current"
OVERDUE = "overdue"


@dataclass(frozen=True)
class ReviewStatus:
    state: str
    last_reviewed: date | None = None
    next_review_due: date | None = None
    reviewer: object | None = None

    @property
    def reviewed(self) -> bool:
        return self.state != NOT_REVIEWED


def review_status(page, today: date | None = None) -> ReviewStatus:
    """Whether ``page`` has been reviewed and whether that review is still within its date."""
    if page.last_reviewed is None:
        return ReviewStatus(NOT_REVIEWED)
    today = today or timezone.localdate()
    overdue = page.next_review_due is not None and page.next_review_due < today
    return ReviewStatus(
        OVERDUE if overdue else CURRENT,
        last_reviewed=page.last_reviewed,
        next_review_due=page.next_review_due,
        reviewer=page.reviewed_by,
    )


def one_year_after(day: date) -> date:
    """The same day a year later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)

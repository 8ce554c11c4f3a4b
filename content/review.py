"""Medical review: what a page says about its review, and the workflow that records one.

A page is published only after a member of the "Medical reviewers" group approves it in the
"Medical review" workflow; approving records the review (who, when, when the next is due) on
the revision that is published. Nothing here ever makes up a reviewer or a date: a page nobody
has reviewed says so.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

REVIEWERS_GROUP = "Medical reviewers"
WORKFLOW_NAME = "Medical review"
TASK_NAME = "Medical review"
# Wagtail's own migrations create this workflow and group; ours replaces them at the root.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_MODERATORS_GROUP = "Moderators"

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


def record_review(page, user, today: date | None = None):
    """Save a revision of ``page`` that says ``user`` reviewed it today; the workflow publishes it.

    The reviewer is the Reviewer linked to ``user``'s account; without one, the revision keeps the
    reviewer an editor chose, or names none. A later due date already set is kept.
    """
    from content.models import ReviewedPage, Reviewer

    latest = page.get_latest_revision_as_object()
    if not isinstance(latest, ReviewedPage):
        return None
    today = today or timezone.localdate()
    latest.last_reviewed = today
    latest.reviewed_by = Reviewer.objects.filter(user=user).first() or latest.reviewed_by
    if latest.next_review_due is None or latest.next_review_due <= today:
        latest.next_review_due = one_year_after(today)
    return latest.save_revision(user=user, log_action=True)


def ensure_medical_review_workflow() -> bool:
    """Create the reviewers' group, the task and the workflow, and assign it to the whole tree.

    Idempotent. The first time, Wagtail's default Moderators group loses its right to publish
    directly, so every page goes through medical review. An operator's own workflow assignment at
    the root is left alone. Returns whether anything was created.
    """
    from content.models import MedicalReviewTask

    root = Page.get_first_root_node()
    group, group_created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    if group_created:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=["wagtailadmin", "content"],
                codename__in=["access_admin", "record_medical_review"],
            )
        )
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=root, permission=Permission.objects.get(codename=codename)
            )

    task = MedicalReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=TASK_NAME)
        task.groups.add(group)

    workflow, workflow_created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if workflow_created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        GroupPagePermission.objects.filter(
            group__name=WAGTAIL_MODERATORS_GROUP, permission__codename="publish_page"
        ).delete()

    assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assigned is None or assigned.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return group_created or workflow_created

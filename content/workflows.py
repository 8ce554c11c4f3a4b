"""The medical review workflow: setting it up, and what happens when it approves a page.

Wagtail imports this while it defines its own models (WAGTAIL_FINISH_WORKFLOW_ACTION), so it
imports nothing at module level."""

REVIEWERS_GROUP = "Medical reviewers"
WORKFLOW_NAME = "Medical review"
TASK_NAME = "Medical review"
# Wagtail's own migrations create this workflow and group; ours replaces them at the root.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_MODERATORS_GROUP = "Moderators"


def publish_approved(workflow_state, user=None):
    """Publish the revision the workflow approved.

    Wagtail's own action also demands that the approver may publish directly. Our medical
    reviewers may not: their approval in the workflow is the only way pages reach readers, so
    the approval itself is the permission.
    """
    content_object = workflow_state.content_object
    # Approving may have saved a newer revision (the medical review it records).
    content_object.refresh_from_db(fields=["latest_revision"])
    content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)


def ensure_medical_review_workflow() -> bool:
    """Create the reviewers' group, the task and the workflow, and assign it to the whole tree.

    Idempotent. The first time, Wagtail's default Moderators group loses its right to publish
    directly, so every page goes through medical review. An operator's own workflow assignment at
    the root is left alone. Returns whether anything was created.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

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

"""What happens when a workflow approves a page. Wagtail imports this while it defines its own
models (WAGTAIL_FINISH_WORKFLOW_ACTION), so it imports nothing at module level."""


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

"""Nothing is published until a medical reviewer approves it, and approving records the review."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.tests.second_factor import sign_in_with_second_factor
from content.models import ComparisonPage, MedicalReviewTask
from content.review import one_year_after
from content.workflows import REVIEWERS_GROUP, WORKFLOW_NAME, ensure_medical_review_workflow


@pytest.fixture
def comparison(site_pages):
    return ComparisonPage.objects.get(slug="ketamine-vs-ect")


def edit(client, page, action, words="A clearer explanation, with no new figures."):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([("rich_text", rich_text(f"<p>{words}</p>"))]),
            action: "yes",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def public_text(client, page):
    return client.get(page.url).content.decode()


def test_an_editors_publish_is_held_back(client, editor, comparison):
    sign_in_with_second_factor(client, editor)
    response = edit(client, comparison, "action-publish")

    assert response.status_code == 302
    comparison.refresh_from_db()
    assert comparison.has_unpublished_changes
    assert "A clearer explanation" not in public_text(client, comparison)
    assert "Why the two trials disagree" in public_text(client, comparison)


def test_a_submitted_page_waits_for_the_medical_review(client, editor, comparison):
    sign_in_with_second_factor(client, editor)
    edit(client, comparison, "action-submit")

    state = WorkflowState.objects.get(object_id=str(comparison.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert state.current_task_state.task.specific.__class__ is MedicalReviewTask
    assert "A clearer explanation" not in public_text(client, comparison)


def test_an_editor_cannot_approve_their_own_page(client, editor, comparison):
    sign_in_with_second_factor(client, editor)
    edit(client, comparison, "action-submit")
    task_state = WorkflowState.objects.get(object_id=str(comparison.pk)).current_task_state

    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[comparison.pk, "approve", task_state.pk]
    )
    client.post(url, {"comment": ""})

    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert "A clearer explanation" not in public_text(client, comparison)


def test_a_reviewers_approval_publishes_the_page_and_records_the_review(
    client, editor, reviewer, comparison
):
    sign_in_with_second_factor(client, editor)
    edit(client, comparison, "action-submit")
    task_state = WorkflowState.objects.get(object_id=str(comparison.pk)).current_task_state

    sign_in_with_second_factor(client, reviewer)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[comparison.pk, "approve", task_state.pk]
    )
    client.post(url, {"comment": "Checked against the trials."})

    client.logout()
    page = public_text(client, comparison)
    assert "A clearer explanation" in page
    assert "Not yet medically reviewed" not in page
    assert "Medically reviewed" in page
    assert "Dr Rhea Okafor, MD, psychiatrist" in page
    today = timezone.localdate()
    assert f'<time datetime="{today:%Y-%m-%d}">' in page
    assert f'<time datetime="{one_year_after(today):%Y-%m-%d}">' in page

    documents = [
        json.loads(match)
        for match in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page)
    ]
    medical = next(doc for doc in documents if doc["@type"] == "MedicalWebPage")
    assert medical["lastReviewed"] == f"{today:%Y-%m-%d}"
    assert medical["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Rhea Okafor",
        "honorificSuffix": "MD, psychiatrist",
    }


def test_setting_up_the_workflow_twice_changes_nothing(db):
    ensure_medical_review_workflow()
    assert ensure_medical_review_workflow() is False

    assert Group.objects.filter(name=REVIEWERS_GROUP).count() == 1
    assert MedicalReviewTask.objects.count() == 1
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    assert not GroupPagePermission.objects.filter(
        group__name="Moderators", permission=Permission.objects.get(codename="publish_page")
    ).exists()

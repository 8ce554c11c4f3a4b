"""The campaign screens in the Wagtail admin: compose, review, preview, test, schedule."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from accounts.tests.second_factor import sign_in_with_second_factor
from core.tests.people import ALICE, campaign, subscribed
from newsletter.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("edith", "edith@example.com", "not-used-here")
    sign_in_with_second_factor(client, user)
    return user


def review_url(issue: Campaign) -> str:
    return f"/admin/newsletter/campaigns/{issue.pk}/"


def test_composing_uses_the_browsers_date_and_time_input(client, editor):
    response = client.get("/admin/snippets/newsletter/campaign/add/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="datetime-local" name="send_at"' in page
    assert "Only subscribers who chose this topic receive the campaign." in page


def test_the_listing_links_to_review_and_send(client, editor):
    issue = campaign()
    page = client.get("/admin/snippets/newsletter/campaign/").content.decode()
    assert f'href="{review_url(issue)}"' in page
    assert "Review and send" in page


def test_the_review_page_shows_status_audience_and_the_actions(client, editor):
    subscribed(ALICE)
    issue = campaign()
    response = client.get(review_url(issue))
    assert response.status_code == 200
    page = response.content.decode()
    assert "What a new ketamine study found" in page
    assert "<dt>Subscribers on this topic now</dt><dd>1</dd>" in page
    assert 'value="edith@example.com"' in page  # a test goes to the editor unless changed
    assert ">Schedule</button>" in page


def test_the_previews_show_each_part_as_a_subscriber_gets_it(client, editor):
    issue = campaign(subject="Q&A: ketamine")
    html = client.get(review_url(issue) + "preview.html")
    assert html.status_code == 200
    assert "<h1>Q&amp;A: ketamine</h1>" in html.content.decode()
    assert "<p>A new study is out.</p>" in html.content.decode()
    text = client.get(review_url(issue) + "preview.txt")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert text.content.decode().startswith("Subject: Q&A: ketamine\n\n")
    assert "Unsubscribe: #" in text.content.decode()


def test_a_test_is_sent_to_the_address_given(client, editor, smtp_server):
    issue = campaign()
    response = client.post(review_url(issue) + "test/", {"email": "reviewer@example.com"})
    assert response.status_code == 302
    [test] = smtp_server.received_by("reviewer@example.com")
    assert test["Subject"] == "[Test] What a new ketamine study found"
    assert test["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Test sent." in client.get(review_url(issue)).content.decode()
    assert Campaign.objects.get().status == Campaign.Status.DRAFT


def test_a_test_to_a_bad_address_is_named(client, editor):
    issue = campaign()
    response = client.post(review_url(issue) + "test/", {"email": "reviewer"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_scheduling_queues_the_start_for_the_send_time(
    client, editor, django_capture_on_commit_callbacks
):
    send_at = datetime(2031, 5, 4, 9, 30, tzinfo=UTC)
    issue = campaign(send_at=send_at)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(issue) + "schedule/")
    assert response.status_code == 302
    assert Campaign.objects.get().status == Campaign.Status.SCHEDULED
    start = DBTaskResult.objects.get(task_path="newsletter.tasks.start_campaign")
    assert start.run_after == send_at
    assert start.args_kwargs["args"] == [issue.pk]
    assert ">Unschedule</button>" in client.get(review_url(issue)).content.decode()


def test_a_campaign_without_a_send_time_cannot_be_scheduled(client, editor):
    issue = campaign()
    client.post(review_url(issue) + "schedule/")
    page = client.get(review_url(issue)).content.decode()
    assert "Set “Send at” on the campaign first, then schedule it." in page
    assert Campaign.objects.get().status == Campaign.Status.DRAFT
    assert not DBTaskResult.objects.filter(task_path__startswith="newsletter.").exists()


def test_unscheduling_makes_a_draft_that_can_be_changed_again(client, editor):
    issue = campaign(send_at=datetime(2031, 5, 4, tzinfo=UTC))
    client.post(review_url(issue) + "schedule/")
    with pytest.raises(ValidationError, match="unschedule it first"):
        Campaign.objects.get().full_clean()
    client.post(review_url(issue) + "unschedule/")
    issue = Campaign.objects.get()
    assert issue.status == Campaign.Status.DRAFT
    issue.full_clean()


def test_a_sending_campaign_can_be_resumed_and_a_sent_one_cannot(
    client, editor, django_capture_on_commit_callbacks
):
    issue = campaign(status=Campaign.Status.SENDING, send_at=datetime(2030, 1, 1, tzinfo=UTC))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url(issue) + "resume/")
    assert (
        DBTaskResult.objects.filter(task_path="newsletter.tasks.send_campaign_batch").count() == 1
    )
    Campaign.objects.update(status=Campaign.Status.SENT, finished_at=issue.send_at + timedelta(1))
    client.post(review_url(issue) + "resume/")
    assert (
        DBTaskResult.objects.filter(task_path="newsletter.tasks.send_campaign_batch").count() == 1
    )
    assert (
        "Only a campaign that is sending can be resumed."
        in client.get(review_url(issue)).content.decode()
    )


def test_only_editors_allowed_to_change_campaigns_may_send_them(client):
    moderators = Group.objects.create(name="Can use the admin only")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    someone = User.objects.create_user("mo", "mo@example.com", "not-used-here")
    someone.groups.add(moderators)
    sign_in_with_second_factor(client, someone)
    issue = campaign(send_at=datetime(2031, 5, 4, tzinfo=UTC))
    # Wagtail turns a refusal into a trip back to the dashboard with a message.
    for refused in (client.get(review_url(issue)), client.post(review_url(issue) + "schedule/")):
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Campaign.objects.get().status == Campaign.Status.DRAFT

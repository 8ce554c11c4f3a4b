from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from accounts.tests.second_factor import sign_in_with_second_factor
from content.models import ComparisonPage, Reviewer
from content.tests.reading import text

REPORT = "/admin/reports/reviews-due/"


def rows(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {text(row.td): text(row) for row in soup.select("table.listing tbody tr")}


def test_editors_see_pages_past_their_review_date_first(client, site_pages, editor):
    today = timezone.localdate()
    clinician = Reviewer.objects.create(name="Dr Ada Reyes", credentials="MD")
    overdue = ComparisonPage.objects.get(slug="ketamine-vs-ect")
    overdue.reviewed_by, overdue.last_reviewed = clinician, today - timedelta(days=400)
    overdue.next_review_due = today - timedelta(days=35)
    overdue.save_revision().publish()
    current = ComparisonPage.objects.get(slug="ketamine-vs-ssris")
    current.last_reviewed, current.next_review_due = today, today + timedelta(days=365)
    current.save_revision().publish()

    sign_in_with_second_factor(client, editor)
    response = client.get(REPORT)

    assert response.status_code == 200
    listed = rows(response)
    titles = list(listed)
    assert titles[0] == "Ketamine and ECT compared"
    due = today - timedelta(days=35)
    assert f"Past its review date (due {due:%-d %B %Y})" in listed["Ketamine and ECT compared"]
    assert "Dr Ada Reyes, MD" in listed["Ketamine and ECT compared"]
    assert "Ketamine and SSRIs compared" not in listed
    assert "Never reviewed" in listed["Ketamine"]


def test_the_report_can_show_only_overdue_pages(client, site_pages, operator):
    sign_in_with_second_factor(client, operator)
    response = client.get(REPORT, {"state": "overdue"})
    assert response.status_code == 200
    assert rows(response) == {}
    assert "Every page is within its review date." in response.content.decode()


def test_the_report_is_listed_under_reports_for_signed_in_staff(client, site_pages, editor):
    assert client.get(REPORT).status_code == 302
    sign_in_with_second_factor(client, editor)
    assert REPORT in client.get("/admin/").content.decode()

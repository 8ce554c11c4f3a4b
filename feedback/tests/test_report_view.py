"""A reader reports a problem with a page or a listing: stored for the editors, limited per
client, each mistake named by its field, and no address from elsewhere accepted."""

import pytest
from django.test import override_settings

from core.models import RateLimitHit
from directory.models import Organization
from feedback.models import ProblemReport

pytestmark = pytest.mark.django_db

PAGE = "/treatments/ketamine/"


def report(client, page=PAGE, **data):
    return client.post("/report/", {"page": page, "kind": "wrong", "message": "A typo.", **data})


def test_every_page_links_to_the_form_for_itself(client, site_pages):
    page = client.get(PAGE).content.decode()
    assert '<a href="/report/?page=/treatments/ketamine/">Report a problem with this page</a>' in (
        page
    )
    form = client.get("/report/", {"page": PAGE})
    assert form.status_code == 200
    assert "Report a problem with this page" in form.content.decode()
    assert '<input type="hidden" name="page" value="/treatments/ketamine/">' in (
        form.content.decode()
    )


def test_a_report_is_stored_for_the_editors(client):
    response = report(client, message="The dose in the table looks wrong.")
    assert response.status_code == 302
    assert response.url == "/report/thanks/?page=%2Ftreatments%2Fketamine%2F"
    stored = ProblemReport.objects.get()
    assert (stored.page, stored.kind, stored.organization) == (PAGE, "wrong", None)
    assert stored.message == "The dose in the table looks wrong."
    assert stored.status == ProblemReport.Status.NEW
    thanks = client.get(response.url).content.decode()
    assert "Thank you for your report" in thanks and f'href="{PAGE}"' in thanks


def test_a_report_on_a_profile_is_about_its_listing(client, demo_listings):
    organization = Organization.objects.first()
    profile = f"/providers/{organization.slug}/"
    page = client.get(profile).content.decode()
    assert f'href="/report/?page={profile}">Report a problem with this listing</a>' in page
    form = client.get("/report/", {"page": profile}).content.decode()
    assert "Report a problem with this listing" in form and organization.name in form
    report(client, page=profile, message="Their phone number has changed.")
    assert ProblemReport.objects.get().organization == organization


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"message": ""}, "message", "Describe the problem."),
        ({"message": "x" * 2001}, "message", "Keep the description under 2000 characters."),
        ({"kind": ""}, "kind", "Choose what kind of problem it is."),
        ({"kind": "nonsense"}, "kind", "Select a valid choice."),
    ],
)
def test_each_mistake_is_named_beside_its_field(client, data, field, message):
    response = report(client, **data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}' in page  # the error summary links to the field
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize(
    "page", ["", "https://evil.example/", "//evil.example/", "/providers/no-such-clinic/"]
)
def test_a_page_not_of_this_site_is_refused_with_a_clear_message(client, page):
    response = report(client, page=page)
    assert response.status_code == 400
    assert "Which page is the problem on?" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_robot_filling_in_the_hidden_field_stores_nothing(client):
    response = report(client, website="http://spam.example")
    assert response.status_code == 302
    assert not ProblemReport.objects.exists()


@override_settings(PSYCLE_REPORT_LIMIT_PER_IP=2)
def test_reports_are_limited_per_client(client):
    assert report(client).status_code == 302
    assert report(client).status_code == 302
    limited = report(client, message="A third one.")
    assert limited.status_code == 429
    page = limited.content.decode()
    assert "Your report was not sent yet" in page and "A third one." in page
    assert ProblemReport.objects.count() == 2
    # Another client is not held back by this one.
    other = client.post(
        "/report/", {"page": PAGE, "kind": "other", "message": "Hi."}, REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302
    assert RateLimitHit.objects.filter(scope="problem-report-ip").count() == 3


def test_listing_reports_show_in_the_verification_queue(client, demo_listings, password):
    from accounts.tests.second_factor import sign_in_with_second_factor
    from core.tests.people import make_account

    organization = Organization.objects.first()
    report(client, page=f"/providers/{organization.slug}/", message="Closed for good.")
    report(client, message="Not about a listing.")
    admin = make_account("admin@example.org", password, is_staff=True)
    sign_in_with_second_factor(client, admin)
    queue = client.get("/clinic/admin/").content.decode()
    assert "Problems readers reported with listings" in queue
    assert organization.name in queue and "Closed for good." in queue
    assert "Not about a listing." not in queue

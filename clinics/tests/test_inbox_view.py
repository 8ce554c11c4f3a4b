"""The inbox: a tab a status with its count, newest first, a page at a time."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import ConsultationRequest
from core.tests.people import consultation_request

pytestmark = pytest.mark.django_db

URL = "/clinic/organizations/riverside/requests/"


def names_listed(response) -> list[str]:
    return re.findall(r'<a href="/clinic/requests/[^"]+/">([^<]+)</a>', response.content.decode())


def make(organization, name, *, days_ago=0, status="new"):
    request = consultation_request(organization, name=name)
    ConsultationRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago), status=status
    )


def test_new_requests_come_first_newest_at_the_top(as_casey, riverside):
    make(riverside, "Older Person", days_ago=3)
    make(riverside, "Newer Person", days_ago=1)
    make(riverside, "Contacted Person", status="contacted")
    response = as_casey.get(URL)
    assert names_listed(response) == ["Newer Person", "Older Person"]
    page = response.content.decode()
    assert re.search(r'aria-current="page">New <span class="count">\(2\)</span>', page)
    assert 'Contacted <span class="count">(1)</span>' in page
    assert 'Closed <span class="count">(0)</span>' in page
    assert "no-store" in response["Cache-Control"]


def test_each_status_has_its_tab(as_casey, riverside):
    make(riverside, "Contacted Person", status="contacted")
    make(riverside, "Closed Person", status="closed")
    assert names_listed(as_casey.get(URL + "?status=contacted")) == ["Contacted Person"]
    assert names_listed(as_casey.get(URL + "?status=closed")) == ["Closed Person"]
    assert (
        "No requests with this status." in as_casey.get(URL + "?status=scheduled").content.decode()
    )


def test_an_unknown_status_shows_the_new_ones(as_casey, riverside):
    make(riverside, "New Person")
    assert names_listed(as_casey.get(URL + "?status=bogus")) == ["New Person"]


def test_another_clinics_requests_are_not_listed(as_casey, riverside, lakeside):
    make(riverside, "Riverside Seeker")
    make(lakeside, "Lakeside Seeker")
    assert names_listed(as_casey.get(URL)) == ["Riverside Seeker"]


def test_requests_come_a_page_at_a_time(as_casey, riverside):
    for number in range(27):
        make(riverside, f"Person {number:02d}", days_ago=number)
    first = as_casey.get(URL)
    assert len(names_listed(first)) == 25 and "Page 1 of 2" in first.content.decode()
    second = as_casey.get(URL + "?status=new&page=2")
    assert names_listed(second) == ["Person 25", "Person 26"]


def test_the_dashboard_counts_new_requests_for_each_clinic(as_casey, riverside):
    make(riverside, "One")
    make(riverside, "Two")
    make(riverside, "Three", status="closed")
    page = as_casey.get("/clinic/").content.decode()
    assert "Riverside Ketamine Clinic" in page and "2 new requests" in page
    assert 'href="/clinic/organizations/riverside/requests/"' in page

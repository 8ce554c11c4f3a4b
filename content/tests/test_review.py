"""What readers see about a page's medical review, and what the database refuses."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.models import ReviewedPage, Reviewer, TreatmentPage
from content.review import CURRENT, NOT_REVIEWED, OVERDUE, one_year_after, review_status
from content.tests.reading import json_ld, of_type, read, text


class Unreviewed:
    last_reviewed = next_review_due = reviewed_by = None


class Reviewed:
    last_reviewed = date(2026, 1, 10)
    next_review_due = date(2027, 1, 10)
    reviewed_by = "a reviewer"


def test_a_page_nobody_reviewed_is_not_reviewed():
    assert review_status(Unreviewed(), today=date(2026, 6, 1)).state == NOT_REVIEWED


def test_a_review_is_current_until_its_due_date_and_overdue_after():
    assert review_status(Reviewed(), today=date(2027, 1, 10)).state == CURRENT
    assert review_status(Reviewed(), today=date(2027, 1, 11)).state == OVERDUE


def test_a_year_after_a_leap_day_is_the_last_day_of_february():
    assert one_year_after(date(2028, 2, 29)) == date(2029, 2, 28)


def record(page, reviewer, last_reviewed, next_review_due):
    page.reviewed_by = reviewer
    page.last_reviewed = last_reviewed
    page.next_review_due = next_review_due
    page.save_revision().publish()


@pytest.fixture
def clinician(db):
    return Reviewer.objects.create(name="Dr Ada Reyes", credentials="MD, psychiatrist")


def test_a_reviewed_page_names_its_reviewer_and_dates(client, site_pages, clinician):
    today = timezone.localdate()
    page = TreatmentPage.objects.get(slug="ketamine")
    record(page, clinician, today - timedelta(days=30), today + timedelta(days=335))

    soup = read(client, "/treatments/ketamine/")
    review = soup.select_one(".review")
    assert text(review.h2) == "Medically reviewed"
    assert "Reviewed by Dr Ada Reyes, MD, psychiatrist" in text(review)
    assert f"Last reviewed {today - timedelta(days=30):%-d %B %Y}" in text(review)
    medical = of_type(json_ld(soup), "MedicalWebPage")
    assert medical["lastReviewed"] == f"{today - timedelta(days=30):%Y-%m-%d}"
    assert medical["reviewedBy"]["name"] == "Dr Ada Reyes"


def test_a_page_past_its_review_date_says_so_to_readers(client, site_pages, clinician):
    today = timezone.localdate()
    due = today - timedelta(days=3)
    page = TreatmentPage.objects.get(slug="ketamine")
    record(page, clinician, due - timedelta(days=365), due)

    review = read(client, "/treatments/ketamine/").select_one(".review")
    assert "review--overdue" in review["class"]
    assert text(review.h2) == "Past its review date"
    assert f"due for another medical review on {due:%-d %B %Y}" in text(review)


def test_the_database_refuses_a_reviewer_without_a_review_date(site_pages, clinician):
    page = ReviewedPage.objects.get(slug="ketamine")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewedPage.objects.filter(pk=page.pk).update(reviewed_by=clinician)


def test_the_next_review_must_come_after_the_last(site_pages):
    page = TreatmentPage.objects.get(slug="ketamine")
    page.last_reviewed = date(2026, 5, 1)
    page.next_review_due = date(2026, 4, 1)
    with pytest.raises(ValidationError, match="the next review after the last one"):
        page.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewedPage.objects.filter(pk=page.pk).update(
            last_reviewed=date(2026, 5, 1), next_review_due=date(2026, 4, 1)
        )

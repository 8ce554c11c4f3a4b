"""Delete everything: every saved result and consent, and the account too if the person asks."""

import pytest
from django.contrib.auth import get_user_model

from assessments.models import SaveConsent, SavedResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(seeker, another_seeker):
    for user in (seeker, another_seeker):
        SaveConsent.objects.create(user=user, statement="Keep these.")
        SavedResult.objects.create(
            user=user, instrument="phq9", answers={"answers": [0] * 9}, total=0, band="minimal"
        )


def test_the_page_explains_before_anything_is_deleted(client, seeker, saved):
    client.force_login(seeker)
    page = client.get("/assessment/history/delete/").content.decode()
    assert "It cannot be undone." in page
    assert "Delete my account too" in page
    assert SavedResult.objects.filter(user=seeker).count() == 1


def test_deleting_everything_keeps_the_account_unless_asked(client, seeker, saved):
    client.force_login(seeker)
    response = client.post("/assessment/history/delete/", {})
    assert response.url == "/assessment/history/"
    assert not SavedResult.objects.filter(user=seeker).exists()
    assert not SaveConsent.objects.filter(user=seeker).exists()
    assert SavedResult.objects.count() == 1  # the other seeker's is untouched
    assert "Everything you saved has been deleted." in client.get(response.url).content.decode()


def test_deleting_the_account_too_signs_the_person_out(client, seeker, saved):
    client.force_login(seeker)
    response = client.post("/assessment/history/delete/", {"delete_account": "on"})
    assert response.url == "/assessment/"
    assert not get_user_model().objects.filter(pk=seeker.pk).exists()
    assert SavedResult.objects.count() == 1 and SaveConsent.objects.count() == 1
    page = client.get("/assessment/").content.decode()
    assert "Your account and everything in it have been deleted." in page
    assert client.get("/assessment/history/").status_code == 302

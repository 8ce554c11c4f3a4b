"""Saved scores over time: a chart and a table, for the person who saved them and nobody else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import SavedResult

pytestmark = pytest.mark.django_db


def save(user, instrument, total, band, days_ago):
    saved = SavedResult.objects.create(
        user=user, instrument=instrument, answers={"answers": []}, total=total, band=band
    )
    SavedResult.objects.filter(pk=saved.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )


def test_the_history_needs_an_account(client):
    response = client.get("/assessment/history/")
    assert response.status_code == 302
    assert response.url == "/account/login/?next=/assessment/history/"


def test_scores_over_time_are_charted_and_listed(client, seeker):
    save(seeker, "phq9", 21, "severe", 28)
    save(seeker, "phq9", 14, "moderate", 14)
    save(seeker, "phq9", 6, "mild", 0)
    save(seeker, "gad7", 9, "mild", 3)
    client.force_login(seeker)
    page = client.get("/assessment/history/").content.decode()
    assert page.count('<svg class="history__chart"') == 2
    assert "Your PHQ-9 scores over time, 3 results." in page
    assert page.count('<circle class="history__point"') == 4
    assert '<polyline class="history__line"' in page
    phq9 = page[page.index('id="history-phq9"') : page.index('id="history-gad7"')]
    assert phq9.index("<td>21</td>") < phq9.index("<td>14</td>") < phq9.index("<td>6</td>")
    assert "<td>Moderate</td>" in phq9
    assert 'href="/assessment/phq9/"' in page
    assert "style=" not in page


def test_nobody_sees_another_persons_results(client, seeker, another_seeker):
    save(another_seeker, "gad7", 17, "severe", 1)
    client.force_login(seeker)
    page = client.get("/assessment/history/").content.decode()
    assert "history__chart" not in page
    assert "You have not saved any results yet." in page


def test_repeating_a_questionnaire_adds_a_point(client, seeker, finish_single):
    client.force_login(seeker)
    for answers in ([3] * 7, [1] * 7):
        finish_single("gad7", {f"item_{n}": str(v) for n, v in enumerate(answers, start=1)})
        client.post("/assessment/gad7/save/", {"consent": "on"})
    totals = list(SavedResult.objects.filter(user=seeker).values_list("total", flat=True))
    assert sorted(totals) == [7, 21]
    page = client.get("/assessment/history/").content.decode()
    assert "Your GAD-7 scores over time, 2 results." in page

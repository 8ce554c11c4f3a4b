"""An HSDS export imported into an empty directory gives back the same searches: the same
listings in the same order, with the same prices, payment options, insurers and the days each
was confirmed, the same remote programmes and the same cost figures."""

from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Insurer, Organization, SearchEntry, Service

pytestmark = pytest.mark.django_db

SEARCHES = (
    "/api/v1/search?near=10001&per_page=100",
    "/api/v1/search?near=60601&radius=100&treatment=ketamine&sort=price&per_page=100",
    "/api/v1/search?near=94103&radius=100&payment=medicaid&per_page=100",
    "/api/v1/search?near=77002&radius=100&insurer=aetna&per_page=100",
    "/api/v1/search?near=98101&radius=50&treatment=talk-therapy&per_page=100",
    "/api/v1/search?near=10001&radius=100&treatment=ketamine&per_page=5&page=2",
    "/api/v1/costs?near=10001&radius=100&treatment=ketamine",
    "/api/v1/insurers",
)


def answers(client) -> dict:
    found = {}
    for path in SEARCHES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.content[:300])
        found[path] = response.json()
    return found


def emptied() -> None:
    Organization.objects.all().delete()
    Insurer.objects.all().delete()
    assert (Service.objects.count(), SearchEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize("form", ["organizations.json", "tabular"])
def test_an_export_imported_into_an_empty_directory_gives_the_same_searches(
    client, demo_listings, tmp_path, form
):
    before = answers(client)
    assert len(before[SEARCHES[0]]["results"]) > 10
    assert before[SEARCHES[3]]["results"], "the insurer search finds listings"
    assert any(result["insurers"] for result in before[SEARCHES[3]]["results"])
    assert before[SEARCHES[1]]["remote_programmes"]
    organizations = Organization.objects.count()
    call_command("export_hsds", str(tmp_path), stdout=StringIO())

    emptied()
    out = StringIO()
    call_command("import_hsds", str(tmp_path / form), stdout=out, stderr=StringIO())
    assert f"Imported {organizations}, updated 0, unchanged 0." in out.getvalue()

    after = answers(client)
    for path in SEARCHES:
        assert after[path] == before[path], path

    again = StringIO()
    call_command("import_hsds", str(tmp_path / form), stdout=again, stderr=StringIO())
    assert f"Imported 0, updated 0, unchanged {organizations}." in again.getvalue()

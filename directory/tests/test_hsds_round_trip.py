"""An export read back into an empty directory gives the same search results (issue 15)."""

import io
import json

from django.core.management import call_command

from directory.models import Organization

SEARCHES = [
    {"near": "10001", "radius": "100"},
    {"near": "60601", "radius": "100", "treatment": "ketamine"},
    {"near": "90012", "radius": "50", "sort": "price"},
    {"near": "77002", "radius": "100", "treatment": "talk-therapy"},
    {"near": "Austin, TX", "radius": "100", "route": "iv", "verified": "on"},
]


def answers(client) -> list[dict]:
    found = []
    for search in SEARCHES:
        response = client.get("/api/v1/search", {**search, "per_page": "100"})
        assert response.status_code == 200, response.content
        found.append(response.json())
    return found


def test_an_export_imported_into_an_empty_directory_gives_the_same_results(
    client, demo_listings, tmp_path
):
    before = answers(client)
    assert all(answer["results"] for answer in before)
    call_command("export_hsds", str(tmp_path / "export"), stdout=io.StringIO())

    Organization.objects.all().delete()
    assert client.get("/api/v1/search", SEARCHES[0]).json()["results"] == []
    call_command(
        "import_hsds", str(tmp_path / "export" / "organizations.json"), "--feed", "round trip",
        stdout=io.StringIO(),
    )  # fmt: skip

    after = answers(client)
    for search, old, new in zip(SEARCHES, before, after, strict=True):
        assert json.dumps(new, sort_keys=True) == json.dumps(old, sort_keys=True), search

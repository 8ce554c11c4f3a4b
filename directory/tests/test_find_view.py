import re

import pytest

from directory.models import RemoteEntry


def listed_names(html: str) -> list[str]:
    return re.findall(r'<h3 class="listing__name"><a href="[^"]+">([^<]+)</a>', html)


def test_the_empty_finder_shows_the_form(client, db):
    response = client.get("/find/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_near">Where</label>' in page
    assert "Within 25 miles" not in page


def test_a_zip_search_lists_the_nearest_demo_listings_with_dates(client, demo_listings):
    page = client.get("/find/?near=10001&radius=100").content.decode()
    assert "Within 100 miles of 10001 (New York, NY)" in page
    assert "These are demo listings" in page
    assert page.count('<span class="badge badge--demo">Demo listing</span>') >= 1
    assert re.search(r"From \$\d+ a session <span class=\"confirmed\">confirmed \d+ \w+ 2026", page)
    assert "Showing 1 to" in page


def test_list_map_and_api_agree(client, demo_listings):
    query = "near=Austin%2C+TX&radius=250&treatment=ketamine"
    page = client.get(f"/find/?{query}").content.decode()
    api = client.get(f"/api/v1/search?{query}").json()
    map_data = re.search(r'<script id="map-data" type="application/json">(.+?)</script>', page)
    import json

    markers = json.loads(map_data.group(1))["markers"]
    assert [m["id"] for m in markers] == [r["id"] for r in api["results"]]
    assert listed_names(page) == [r["name"] for r in api["results"]]
    assert api["results"], "the search should find something"


def test_an_unknown_place_gets_a_message_and_suggestions(client, db):
    page = client.get("/find/?near=Austn%2C+TX").content.decode()
    assert "Please check your search" in page
    assert "We could not find “Austn” in Texas." in page
    assert '<a href="?near=Austin%2C+TX">Austin, TX</a>' in page


def test_a_place_we_cannot_find_says_so_and_suggests_places(client, db):
    page = client.get("/find/?near=Blorptown+QQ").content.decode()
    assert "Where: We could not find “Blorptown QQ”." in page
    assert "Did you mean:" in page
    assert '<a href="?near=Boyertown%2C+PA">Boyertown, PA</a>' in page


def test_a_city_state_and_zip_finds_the_zip(client, demo_listings):
    page = client.get("/find/?near=Austin+TX+78701").content.decode()
    assert "Within 25 miles of 78701 (Austin, TX)" in page
    assert "Please check your search" not in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("near=10001&radius=900", "The distance must be between 1 and 500 miles."),
        ("near=10001&radius=0", "The distance must be between 1 and 500 miles."),
        ("near=10001&radius=ten", "The distance must be a whole number of miles"),
        ("near=10001&radius=%C2%B2%C2%B2", "The distance must be a whole number of miles"),
        ("near=10001&radius=%D9%A3%D9%A0", "The distance must be a whole number of miles"),
        ("near=10001&page=%D9%A2", "The page must be a whole number"),
        ("near=10001&route=teleport", "“teleport” is not one of the choices for this filter."),
        ("near=10001&max_price=-5", "The price cannot be negative."),
        ("near=" + "9" * 300, "Ensure this value has at most 100 characters"),
        ("near=", "Enter a ZIP code or a city and state."),
        ("near=%00%3Cscript%3E", "We could not find “&lt;script&gt;”"),
    ],
)
def test_bad_input_gets_a_message_naming_the_field(client, db, query, message):
    response = client.get(f"/find/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode().split("</header>", 1)[1].split("map-data")[0]


def test_nothing_nearby_offers_a_wider_radius(client, demo_listings):
    page = client.get("/find/?near=59801&radius=1&treatment=tms").content.decode()
    assert "No listings here match your search." in page
    assert (
        'href="?near=59801&amp;radius=25&amp;treatment=tms">Search within 25 miles instead' in page
    )


def test_a_page_past_the_end_says_so(client, demo_listings):
    page = client.get("/find/?near=10001&page=999").content.decode()
    assert "There is no page 999: the results end before it." in page


def test_the_price_summary_matches_the_listed_prices(client, demo_listings):
    from directory.geocode import locate
    from directory.search import price_summary

    page = client.get("/find/?near=10001&radius=200&treatment=ketamine").content.decode()
    summary = price_summary(locate("10001"), 200, "ketamine")
    assert summary.count > 0
    assert f"{summary.count} listings give a price" in page
    assert f"range from ${summary.lowest} to ${summary.highest}" in page
    bars = re.findall(r"<title>\$(\d+) to \$(\d+): (\d+)</title>", page)
    assert sum(int(count) for _low, _high, count in bars) == summary.count
    for low, high, count in bars:
        assert int(count) == sum(int(low) <= price <= int(high) for price in summary.prices)


def test_remote_programmes_for_the_state_have_their_own_section(client, demo_listings):
    serving_texas = RemoteEntry.objects.filter(state="TX").select_related("organization")
    assert serving_texas.exists()
    page = client.get("/find/?near=Austin%2C+TX").content.decode()
    section = page.split("Remote programmes that serve TX", 1)[1]
    assert f"{serving_texas.count()} programmes treat people at home in your state" in section
    cheapest = min(serving_texas, key=lambda entry: (entry.price is None, entry.price, entry.pk))
    assert cheapest.organization.name in section

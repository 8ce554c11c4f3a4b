import json
import re
from datetime import date, datetime

import pytest

from core.tests import people
from directory import geo, indexing
from directory.geocode import locate
from directory.models import CostOption, Organization, RemoteEntry, SearchEntry, Service


def listed_names(html: str) -> list[str]:
    return re.findall(r'<h3 class="listing__name"><a href="[^"]+">([^<]+)</a>', html)


def test_the_empty_finder_shows_the_form(client, db):
    response = client.get("/find/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_near">Where</label>' in page
    assert "Within 25 miles" not in page


def clinics_within(place, radius, **filters) -> set:
    """Brute force: the (organization, point) of every search row within the radius."""
    return {
        (entry.organization_id, entry.latitude, entry.longitude)
        for entry in SearchEntry.objects.filter(**filters)
        if geo.great_circle_miles(place.latitude, place.longitude, entry.latitude, entry.longitude)
        <= radius
    }


def test_a_zip_search_lists_the_nearest_demo_listings_with_dates(client, demo_listings):
    page = client.get("/find/?near=10001&radius=300").content.decode()
    total = len(clinics_within(locate("10001"), 300))
    assert total > 20
    assert f"{total} providers within 300 miles of 10001 (New York, NY)" in page
    assert "These are demo listings" in page
    assert page.count('<span class="badge badge--demo">Demo listing</span>') >= 1
    assert re.search(
        r"From \$[\d,]+ a session <span class=\"confirmed[^>]*>confirmed \d+ \w+ 2026", page
    )
    assert f"Showing 1 to 20 of {total}, nearest first." in page


def map_markers(page: str) -> list[dict]:
    found = re.search(r'<script id="map-data" type="application/json">(.+?)</script>', page)
    return json.loads(found.group(1))["markers"]


def test_list_map_and_api_agree(client, demo_listings):
    query = "near=Austin%2C+TX&radius=250"
    page = client.get(f"/find/?{query}").content.decode()
    api = client.get(f"/api/v1/search?{query}&per_page=100").json()["results"]
    # The API pages services; the page, clinics: the same services, grouped by clinic.
    clinics: dict[tuple, list] = {}
    for result in api:
        clinics.setdefault((result["name"], result["latitude"], result["longitude"]), []).append(
            result["id"]
        )
    expected = list(clinics.items())[:20]
    markers = map_markers(page)
    assert [m["number"] for m in markers] == list(range(1, 21))
    assert [m["name"] for m in markers] == [name for (name, _lat, _lng), _ids in expected]
    assert [[s["id"] for s in m["services"]] for m in markers] == [ids for _key, ids in expected]
    assert listed_names(page) == [m["name"] for m in markers]
    assert any(len(ids) > 1 for _key, ids in expected), "a clinic with two services is shown"


def test_a_clinic_is_one_card_listing_each_service(client, demo_listings):
    page = client.get("/find/?near=Austin%2C+TX&radius=250").content.decode()
    marker = next(m for m in map_markers(page) if len(m["services"]) > 1)
    assert page.count(f'<a href="{marker["profile_url"]}">') == 1
    card = page.split(f'id="clinic-{marker["number"]}"', 1)[1].split('<li class="listing"', 1)[0]
    for service in marker["services"]:
        assert f"<h4>{service['service']}</h4>" in card


def test_the_price_box_says_what_it_prices(client, demo_listings):
    any_treatment = client.get("/find/?near=10001&radius=100").content.decode()
    assert "What Ketamine costs" not in any_treatment
    assert "The price of one session within 100 miles, by treatment" in any_treatment
    table = any_treatment.split('<table class="price-table">', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">Ketamine</th>' in table
    assert '<th scope="row">Esketamine (Spravato)</th>' in table
    ketamine = client.get("/find/?near=10001&radius=100&treatment=esketamine").content.decode()
    assert "The price of one Esketamine (Spravato) session within 100 miles" in ketamine


def test_the_price_sort_says_what_it_compares(client, demo_listings):
    page = client.get("/find/?near=10001&radius=100&sort=price").content.decode()
    assert "by each provider\u2019s lowest listed price for one session of any treatment" in page
    assert "Compare ketamine sessions only" in page
    page = client.get("/find/?near=10001&radius=100&sort=price&treatment=kap").content.decode()
    assert "by the lowest listed price of one Ketamine-assisted psychotherapy session" in page


def test_money_is_written_one_way(client, demo_listings):
    dear = SearchEntry.objects.filter(price__gte=1000).first()
    html = client.get(f"/find/?near={dear.latitude},{dear.longitude}&radius=1").content.decode()
    assert re.search(r"From \$1,\d{3} a session", html), "a price of $1,000 or more"
    assert not re.search(r"\$\d{4}", html)


def test_a_demo_listing_is_never_shown_as_verified(client, demo_listings):
    assert SearchEntry.objects.filter(is_demo=True, verified=True).exists()
    page = client.get("/find/?near=10001&radius=100").content.decode()
    assert "<dt>Checked by Psycle</dt><dd>Verified" not in page
    assert page.count("<dd>Demo data: not a real verification</dd>") == len(listed_names(page)) > 1


def test_old_facts_are_marked_and_an_old_accepting_claim_is_hidden(
    client, demo_listings, monkeypatch
):
    monkeypatch.setattr("directory.finder.timezone.localdate", lambda: date(2026, 12, 1))
    page = client.get("/find/?near=10001&radius=500").content.decode()
    stale = re.findall(r"confirmed (\d+ \w+ 2026): may be out of date", page)
    fresh = re.findall(r"confirmed (\d+ \w+ 2026)</span>", page)
    assert stale and fresh
    parse = lambda text: datetime.strptime(text, "%d %b %Y").date()  # noqa: E731
    assert all(parse(text) < date(2026, 9, 2) for text in stale)
    assert all(parse(text) >= date(2026, 9, 2) for text in fresh)
    hidden = re.findall(r"Not confirmed since (\d+ \w+ 2026): ask the clinic", page)
    assert hidden and all(parse(text) < date(2026, 6, 4) for text in hidden)
    shown = re.findall(r"(?:Accepting|Not accepting) <span[^>]*>confirmed (\d+ \w+ 2026)", page)
    assert shown and all(parse(text) >= date(2026, 6, 4) for text in shown)


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
    assert "within 25 miles of 78701 (Austin, TX)</h2>" in page
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
    from directory.search import price_summary

    page = client.get("/find/?near=10001&radius=200&treatment=ketamine").content.decode()
    summary = price_summary(locate("10001"), 200, "ketamine")
    assert summary.count > 0
    assert f"{summary.count} listings give a price" in page
    assert f"range from ${summary.lowest:,} to ${summary.highest:,}" in page
    bars = [
        (low.replace(",", ""), high.replace(",", ""), count)
        for low, high, count in re.findall(r"<title>\$([\d,]+) to \$([\d,]+): (\d+)</title>", page)
    ]
    assert sum(int(count) for _low, _high, count in bars) == summary.count
    for low, high, count in bars:
        assert int(count) == sum(int(low) <= price <= int(high) for price in summary.prices)


def test_remote_programmes_for_the_state_have_their_own_section(client, demo_listings):
    serving_texas = RemoteEntry.objects.filter(state="TX").select_related("organization")
    assert serving_texas.exists()
    page = client.get("/find/?near=Austin%2C+TX").content.decode()
    section = page.split("Remote programmes that serve TX", 1)[1]
    assert f"{serving_texas.count()} programmes treat people at home in your state" in section
    cheapest = min(
        serving_texas, key=lambda entry: (entry.price is None, entry.price, entry.service_id)
    )
    assert cheapest.organization.name in section


def test_every_remote_programme_can_be_seen(client, demo_listings):
    serving_texas = RemoteEntry.objects.filter(state="TX")
    assert serving_texas.count() > 10
    page = client.get("/find/?near=Austin%2C+TX&radius=50").content.decode()
    link = re.search(r'<a href="(/find/remote/\?[^"]+)">See all (\d+) programmes</a>', page)
    assert link and int(link.group(2)) == serving_texas.count()
    url, names = link.group(1).replace("&amp;", "&"), []
    while url:
        remote = client.get(url).content.decode()
        assert "Remote programmes that serve TX" in remote
        names += re.findall(r'<li[^>]*><a href="/providers/[^"]+">([^<]+)</a>', remote)
        following = re.search(r'<a class="button" href="([^"]+)" rel="next">', remote)
        url = "/find/remote/" + following.group(1).replace("&amp;", "&") if following else None
    expected = serving_texas.select_related("organization").order_by("price", "id")
    assert sorted(names) == sorted(entry.organization.name for entry in expected)


def test_a_remote_page_past_the_end_says_so(client, demo_listings):
    page = client.get("/find/remote/?near=Austin%2C+TX&page=40").content.decode()
    assert "There is no page 40: the list ends before it." in page


def test_the_remote_list_names_a_bad_place(client, db):
    page = client.get("/find/remote/?near=Austn%2C+TX").content.decode()
    assert "We could not find “Austn” in Texas." in page


def test_a_real_listing_card_says_what_is_and_is_not_known(client, db):
    unpriced = people.listing("unpriced", "Rivers & <Sons> Care", people.LAKESIDE_NPI)
    CostOption.objects.filter(service__organization=unpriced).delete()
    Service.objects.filter(organization=unpriced).update(accepting_confirmed_on=None)
    Organization.objects.filter(pk=unpriced.pk).update(
        verification=Organization.Verification.VERIFIED, verified_on=date(2026, 11, 2)
    )
    people.riverside()
    indexing.reindex_services(Service.objects.values_list("pk", flat=True))
    page = client.get("/find/?near=94103&radius=5").content.decode()

    cards = dict(zip(listed_names(page), page.split('<li class="listing"')[1:], strict=True))
    assert set(cards) == {"Rivers &amp; &lt;Sons&gt; Care", "Riverside Ketamine Clinic"}
    rivers, riverside = cards["Rivers &amp; &lt;Sons&gt; Care"], cards["Riverside Ketamine Clinic"]
    assert 'data-shortlist-name="Rivers &amp; &lt;Sons&gt; Care"' in rivers
    assert "<dt>Price</dt><dd>Not listed</dd>" in rivers
    assert "<dt>New patients</dt><dd>Not confirmed: ask the clinic</dd>" in rivers
    assert "<dt>Checked by Psycle</dt><dd>Verified</dd>" in rivers
    assert "Demo listing" not in rivers and "These are demo listings" not in page
    assert (
        '<dd>From $450 a session <span class="confirmed confirmed--stale">confirmed 15 Jan 2024: '
        "may be out of date</span></dd>"
    ) in riverside
    assert "<dd>Not confirmed since 15 Jan 2024: ask the clinic</dd>" in riverside
    assert "<dt>Checked by Psycle</dt><dd>Not yet verified</dd>" in riverside
    assert re.search(r"\d\.\d miles away</p>", riverside)

"""Cost figures, payment and insurers as the pages show them: the finder's price box, a
profile's "What you may pay" card and the /coverage/ guide."""

import math
import re
import statistics
from decimal import ROUND_HALF_UP, Decimal

from directory.geocode import locate
from directory.models import Organization, SearchEntry, Service, ServiceInsurer
from directory.prices import cost_figures
from directory.search import Filters, Query


def whole(amount) -> int:
    """Whole dollars, rounded half up as the pages round medians."""
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_the_finder_prices_exactly_the_listings_it_finds_with_every_filter(client, demo_listings):
    query = "near=10001&radius=200&treatment=ketamine&payment=hsa_fsa"
    page = client.get(f"/find/?{query}").content.decode()
    api = client.get(f"/api/v1/costs?{query}").json()
    assert api["priced"] >= 5
    assert f"{api['priced']} listings give a price" in page
    assert f"From the {api['listings']} listings this search finds" in page
    assert f"{api['unpriced']} give no price and are not counted" in page
    median = api["first_course"]["median"]
    assert f"the middle total is ${whole(median):,}" in page


def priced(query) -> int:
    return cost_figures(query).per_session.count


def test_the_finder_shows_no_figures_resting_on_fewer_than_five_prices(client, demo_listings):
    # A sparse place, treatment and radius where one to four listings carry a price.
    zip_code, treatment, few = next(
        (zip_code, treatment, radius)
        for zip_code in ("59801", "82001", "58501", "99701", "04401", "96720")
        for treatment in ("esketamine", "ect", "tms")
        for radius in (25, 50, 100, 150, 200, 300)
        if 0 < priced(Query(locate(zip_code), radius, Filters(treatment=treatment))) < 5
    )
    search = f"near={zip_code}&radius={few}&treatment={treatment}"
    page = client.get(f"/find/?{search}").content.decode()
    assert "Too few prices listed near you" in page
    assert 'class="price-chart"' not in page
    api = client.get(f"/api/v1/costs?{search}").json()
    assert 0 < api["priced"] < 5 and api["per_session"]["median"] is not None


def test_the_finder_has_a_payment_and_insurer_picker_that_filters(client, demo_listings):
    page = client.get("/find/").content.decode()
    assert '<select name="payment"' in page and '<option value="medicaid">Medicaid</option>' in page
    assert '<select name="insurer"' in page and '<option value="aetna">Aetna</option>' in page
    found = client.get("/find/?near=10001&radius=500&insurer=aetna&payment=medicare").content
    names = set(
        re.findall(r'<h3 class="listing__name"><a href="[^"]+">([^<]+)</a>', found.decode())
    )
    assert names
    takers = SearchEntry.objects.filter(
        service__insurer_links__insurer__slug="aetna",
        service__attribute_links__taxonomy_term__code="medicare",
    )
    assert names <= set(takers.values_list("name", flat=True))
    cards = found.decode().split('<li class="listing"')[1:]
    for card in cards:
        payment = card.split("<dt>Payment</dt><dd>", 1)[1].split("</dd>", 1)[0]
        assert "Medicare" in payment.split(", ")
        assert "Aetna" in card.split("<dt>Insurers</dt><dd>", 1)[1].split("</dd>", 1)[0]


def test_an_unknown_insurer_or_payment_is_named_beside_its_field(client, db):
    page = client.get("/find/?near=10001&insurer=acme").content.decode()
    assert "“acme” is not an insurer we know: choose one from the list." in page
    field = page.split('<label for="id_insurer">', 1)[1].split("</select>", 1)[0]
    assert "is not an insurer we know" in field and 'aria-invalid="true"' in field
    page = client.get("/find/?near=10001&payment=cash").content.decode()
    field = page.split('<label for="id_payment">', 1)[1].split("</select>", 1)[0]
    assert "“cash” is not one of the choices for this filter." in field


def test_a_profile_says_what_you_may_pay_with_dates(client, demo_listings):
    link = ServiceInsurer.objects.select_related("service__organization", "insurer").first()
    service, organization = link.service, link.service.organization
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    card = page.split("What you may pay", 1)[1].split("</section>", 1)[0]
    assert link.insurer.name in card
    assert f"confirmed {link.confirmed_on.strftime('%-d %b %Y')}" in card
    assert "Private insurance" in card and "Self-pay" in card
    if service.first_course_price is not None:
        total = f"${int(service.first_course_price):,}"
        assert f"{total} for {service.first_course_sessions} sessions" in card
    assert service.refund_policy in card
    assert "/coverage/" in card


def test_a_course_total_is_worked_out_from_the_session_price_when_none_is_listed(
    client, demo_listings
):
    service = Service.objects.filter(
        first_course_price__isnull=False, first_course_sessions=6, treatment__code="ketamine"
    ).first()
    Service.objects.filter(pk=service.pk).update(first_course_price=None)
    lowest = min(cost.amount for cost in service.cost_options.filter(per_session=True))
    page = client.get(f"/providers/{service.organization.slug}/").content.decode()
    total = f"${math.ceil(lowest) * 6:,}"
    assert f"{total} for 6 sessions (worked out from ${lowest:,.0f} a session" in page


def test_a_profile_without_a_course_says_to_ask(client, demo_listings):
    organization = (
        Organization.objects.filter(
            services__first_course_price__isnull=True,
            services__first_course_sessions__isnull=True,
        )
        .exclude(services__first_course_sessions__isnull=False)
        .first()
    )
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    assert "Not given: ask for the full cost of a first course before you start." in page


def test_the_coverage_guide_cites_dated_sources_and_promises_nothing(client, db):
    page = client.get("/coverage/").content.decode()
    assert "<h1>What insurance may pay for ketamine and esketamine</h1>" in page
    for anchor in re.findall(r'href="#source-(\d+)"', page):
        assert f'id="source-{anchor}"' in page
    assert page.count("Read 1 Dec 2026.") >= 9
    assert "https://www.spravatorems.com" in page
    assert "prior authorisation" in page and "superbill" in page.lower()
    assert "Nothing here promises that a plan will pay" in page
    assert "A checklist to take to your insurer and the clinic" in page
    assert "will be covered" not in page and "guaranteed" not in page.lower()


def test_the_coverage_guide_gives_the_figures_near_a_place(client, demo_listings):
    page = client.get("/coverage/?near=10001").content.decode()
    ketamine = cost_figures(Query(locate("10001"), 50, Filters(treatment="ketamine")))
    assert ketamine.per_session.count >= 5
    median = statistics.median(ketamine.per_session.prices)
    assert f"middle price ${whole(median):,}" in page
    assert "/find/?near=10001&amp;radius=50&amp;treatment=esketamine" in page
    refused = client.get("/coverage/?near=Atlantis").content.decode()
    field = refused.split('<label for="id_near">', 1)[1].split("<input", 1)[0]
    assert "We could not find “Atlantis”." in field

"""The payment and insurer filters and the cost figures, against brute force over the listings'
own rows (payment attributes, insurer links, prices and protocols), not the search rows."""

import math
import statistics
from collections import defaultdict

import pytest

from directory import geo, taxonomy
from directory.geocode import locate
from directory.indexing import reindex_services
from directory.models import (
    CostOption,
    Insurer,
    RemoteEntry,
    SearchEntry,
    Service,
    ServiceAttribute,
    ServiceInsurer,
)
from directory.prices import cost_figures
from directory.search import Filters, Query, nearby, remote_programmes

CENTRES = ["10001", "Austin, TX", "60601"]


def payment_of() -> dict:
    codes = defaultdict(set)
    for service_id, code in ServiceAttribute.objects.filter(
        taxonomy_term__taxonomy="payment"
    ).values_list("service_id", "taxonomy_term__code"):
        codes[service_id].add(code)
    return codes


def insurers_of() -> dict:
    slugs = defaultdict(set)
    for service_id, slug in ServiceInsurer.objects.values_list("service_id", "insurer__slug"):
        slugs[service_id].add(slug)
    return slugs


def brute_force(place, radius, payment=None, insurer=None, treatment=None) -> list[int]:
    """The search rows within the radius whose service takes the payment and the insurer,
    nearest first, worked out from the listings' own rows."""
    payments, insurers = payment_of(), insurers_of()
    found = []
    for entry in SearchEntry.objects.all():
        miles = geo.great_circle_miles(
            place.latitude, place.longitude, entry.latitude, entry.longitude
        )
        if miles > radius:
            continue
        if treatment and entry.treatment != taxonomy.treatment_number(treatment):
            continue
        if payment and payment not in payments[entry.service_id]:
            continue
        if insurer and insurer not in insurers[entry.service_id]:
            continue
        found.append((miles, entry.service_at_location_id, entry.pk))
    # Listings at one place come in the order of their service at location's id.
    return [pk for _miles, _link, pk in sorted(found)]


def all_hits(query_kwargs) -> list[int]:
    found, page = [], 1
    while True:
        result = nearby(Query(page=page, per_page=25, **query_kwargs))
        found.extend(hit.entry_id for hit in result.hits)
        if not result.has_next:
            return found
        page += 1


def filters_for(payment=None, insurer=None, treatment=None) -> Filters:
    return Filters(
        treatment=treatment,
        features=taxonomy.bit("payment", payment) if payment else 0,
        insurer=Insurer.objects.get(slug=insurer).pk if insurer else None,
    )


def test_the_demo_data_covers_every_payment_code_and_many_carriers(demo_listings):
    taken = set().union(*payment_of().values())
    assert taken == {term.code for term in taxonomy.PAYMENT.terms}
    assert len(set().union(*insurers_of().values())) >= 10
    assert ServiceInsurer.objects.exclude(plan="").exists()


@pytest.mark.parametrize("payment", [term.code for term in taxonomy.PAYMENT.terms])
def test_each_payment_filter_finds_exactly_the_listings_that_take_it(demo_listings, payment):
    for centre in CENTRES:
        place = locate(centre)
        expected = brute_force(place, 500, payment=payment)
        assert all_hits({"place": place, "radius": 500, "filters": filters_for(payment)}) == (
            expected
        ), (centre, payment)


def test_each_insurer_filter_finds_exactly_the_listings_that_take_it(demo_listings):
    carriers = Insurer.objects.filter(service_links__isnull=False).distinct()
    assert carriers.count() >= 10
    for carrier in carriers:
        for centre in CENTRES[:2]:
            place = locate(centre)
            expected = brute_force(place, 500, insurer=carrier.slug)
            found = all_hits(
                {"place": place, "radius": 500, "filters": filters_for(insurer=carrier.slug)}
            )
            assert found == expected, (centre, carrier.slug)


def test_payment_and_insurer_together_with_a_treatment(demo_listings):
    place = locate("10001")
    cases = [("medicare", "aetna", "esketamine"), ("private_insurance", "cigna", None)]
    for payment, insurer, treatment in cases:
        expected = brute_force(place, 500, payment, insurer, treatment)
        filters = filters_for(payment, insurer, treatment)
        assert all_hits({"place": place, "radius": 500, "filters": filters}) == expected
    assert brute_force(place, 500, "medicare", "aetna", "esketamine")  # the case is not empty


def test_remote_programmes_take_the_insurer_filter_exactly(demo_listings):
    # The demo's remote programmes take no insurance: one of them now takes Aetna.
    entry = RemoteEntry.objects.order_by("id").first()
    ServiceInsurer.objects.create(
        service=entry.service, insurer=Insurer.objects.get(slug="aetna"), confirmed_on="2026-11-01"
    )
    reindex_services([entry.service_id])
    slugs = insurers_of()
    in_state = RemoteEntry.objects.filter(state=entry.state)
    expected = sorted(str(e.service_id) for e in in_state if "aetna" in slugs[e.service_id])
    near = SearchEntry.objects.filter(state=entry.state).first()
    query = Query(
        place=locate(f"{near.latitude}, {near.longitude}"),
        filters=filters_for(insurer="aetna"),
        per_page=100,
    )
    found = remote_programmes(query, paged=True)
    assert sorted(str(e.service_id) for e in found.entries) == expected
    assert found.total == len(expected) > 0
    assert str(entry.service_id) in expected


def lowest_prices() -> dict:
    lowest = {}
    for service_id, amount in CostOption.objects.filter(per_session=True).values_list(
        "service_id", "amount"
    ):
        lowest[service_id] = min(lowest.get(service_id, amount), amount)
    return {service_id: math.ceil(amount) for service_id, amount in lowest.items()}


def first_course(service: Service, price):
    if service.first_course_price is not None:
        return math.ceil(service.first_course_price)
    if price is not None and service.first_course_sessions:
        return price * service.first_course_sessions
    return None


@pytest.mark.parametrize(
    ("centre", "radius", "treatment", "payment"),
    [
        ("10001", 100, "ketamine", None),
        ("Austin, TX", 250, "esketamine", None),
        ("60601", 500, "ketamine", "hsa_fsa"),
        ("59801", 25, "tms", None),
    ],
)
def test_cost_figures_are_those_of_the_listings_the_search_finds(
    demo_listings, centre, radius, treatment, payment
):
    place = locate(centre)
    found = brute_force(place, radius, payment=payment, treatment=treatment)
    entries = SearchEntry.objects.in_bulk(found)
    services = Service.objects.in_bulk({entry.service_id for entry in entries.values()})
    lowest = lowest_prices()
    prices = [lowest[e.service_id] for e in entries.values() if e.service_id in lowest]
    courses = [
        course
        for e in entries.values()
        if (course := first_course(services[e.service_id], lowest.get(e.service_id))) is not None
    ]
    filters = filters_for(payment, treatment=treatment)
    figures = cost_figures(Query(place=place, radius=radius, filters=filters))
    assert figures.listings == len(found)
    assert figures.unpriced == len(found) - len(prices)
    assert figures.per_session.count == len(prices)
    assert figures.first_course.count == len(courses)
    if prices:
        assert figures.per_session.median == statistics.median(prices)
        assert (figures.per_session.lowest, figures.per_session.highest) == (
            min(prices),
            max(prices),
        )
    else:
        assert figures.per_session.median is None
    if courses:
        assert figures.first_course.median == statistics.median(courses)
        assert figures.first_course.lowest == min(courses)
        assert figures.first_course.highest == max(courses)

"""Search results against a brute-force great-circle computation over the same rows."""

import pytest

from directory import geo, taxonomy
from directory.geocode import locate
from directory.models import RemoteEntry, SearchEntry
from directory.search import (
    Filters,
    Query,
    clinic_count,
    entry_count,
    nearby,
    price_summary,
    remote_programmes,
)

CENTRES = ["10001", "60601", "Austin, TX", "94103", "59801"]
FILTERS = [
    Filters(),
    Filters(treatment="ketamine"),
    Filters(
        treatment="ketamine",
        features=taxonomy.mask([("route", "iv"), ("condition", "anxiety")]),
        verified_only=True,
    ),
    Filters(max_price=500, accepting_only=True),
]


def brute_force(place, radius, filters: Filters, sort="distance"):
    found = []
    for entry in SearchEntry.objects.all():
        miles = geo.great_circle_miles(
            place.latitude, place.longitude, entry.latitude, entry.longitude
        )
        if miles > radius:
            continue
        if not matches(entry, filters):
            continue
        found.append((entry, miles))
    if sort == "price":
        key = lambda m: (m[0].price is None, m[0].price or 0, m[1], m[0].service_at_location_id)  # noqa: E731
    else:
        key = lambda m: (m[1], m[0].service_at_location_id)  # noqa: E731
    return [(entry.pk, miles) for entry, miles in sorted(found, key=key)]


def all_pages(query_kwargs):
    found, page = [], 1
    while True:
        result = nearby(Query(page=page, per_page=7, **query_kwargs))
        found.extend(result.hits)
        if not result.has_next:
            return found
        page += 1


def test_results_are_exactly_the_listings_in_the_radius_nearest_first(demo_listings):
    cases = [(c, r, f) for c in CENTRES for r in (25, 100, 500) for f in FILTERS]
    for centre, radius, filters in cases:
        place = locate(centre)
        expected = brute_force(place, radius, filters)
        hits = all_pages({"place": place, "radius": radius, "filters": filters})
        case = f"{centre}, {radius} miles, {filters}"
        assert [hit.entry_id for hit in hits] == [pk for pk, _miles in expected], case
        for hit, (_pk, miles) in zip(hits, expected, strict=True):
            assert hit.distance_miles == pytest.approx(miles, abs=1e-6), case
    assert any(brute_force(locate(c), 100, Filters()) for c in CENTRES)  # the data is not empty


def test_sorting_by_price_puts_the_cheapest_first_and_unpriced_last(demo_listings):
    for centre in ("10001", "Austin, TX"):
        place = locate(centre)
        for filters in FILTERS:
            expected = brute_force(place, 300, filters, sort="price")
            hits = all_pages({"place": place, "radius": 300, "filters": filters, "sort": "price"})
            assert [hit.entry_id for hit in hits] == [pk for pk, _miles in expected], filters


def test_the_first_page_is_the_start_of_the_full_order(demo_listings):
    place = locate("10001")
    everything = brute_force(place, 500, Filters())
    first = nearby(Query(place=place, radius=500))
    assert len(first.hits) == 20
    assert first.has_next
    assert [hit.entry_id for hit in first.hits] == [pk for pk, _ in everything[:20]]


def test_a_page_past_the_end_is_empty(demo_listings):
    result = nearby(Query(place=locate("59801"), radius=25, page=40))
    assert result.hits == []
    assert not result.has_next


def test_the_price_summary_matches_the_listed_prices(demo_listings):
    place = locate("10001")
    prices = sorted(
        SearchEntry.objects.get(pk=pk).price
        for pk, _ in brute_force(place, 200, Filters(treatment="ketamine"))
        if SearchEntry.objects.get(pk=pk).price is not None
    )
    summary = price_summary(place, 200, "ketamine")
    assert summary.count == len(prices) > 0
    assert summary.prices == prices
    assert (summary.lowest, summary.highest) == (prices[0], prices[-1])
    middle = len(prices) // 2
    expected_median = (
        prices[middle] if len(prices) % 2 else (prices[middle - 1] + prices[middle]) / 2
    )
    assert summary.median == expected_median


def clinics_in_order(expected_pks):
    """Brute force: clinics (organization, point) in the order of their first row, each with
    its rows in order."""
    entries = SearchEntry.objects.in_bulk(expected_pks)
    clinics: dict[tuple, list[int]] = {}
    for pk in expected_pks:
        entry = entries[pk]
        key = (entry.organization_id, entry.latitude, entry.longitude)
        clinics.setdefault(key, []).append(pk)
    return list(clinics.values())


@pytest.mark.parametrize("sort", ["distance", "price"])
def test_pages_of_clinics_hold_every_clinic_once_with_all_its_services(demo_listings, sort):
    for centre in ("10001", "Austin, TX"):
        place = locate(centre)
        for filters in FILTERS[:2]:
            expected = clinics_in_order([pk for pk, _ in brute_force(place, 300, filters, sort)])
            found, page = [], 1
            while True:
                result = nearby(
                    Query(place=place, radius=300, filters=filters, sort=sort, page=page,
                          per_page=7, by_clinic=True)
                )  # fmt: skip
                found.extend([hit.entry_id for hit in clinic] for clinic in result.clinics)
                if not result.has_next:
                    break
                page += 1
            # Within a clinic the rows come in the search's order too.
            assert found == expected, (centre, filters, sort)
            assert any(len(clinic) > 1 for clinic in expected) or filters.treatment
            assert clinic_count(Query(place=place, radius=300, filters=filters)) == len(expected)


def matches(entry, filters: Filters) -> bool:
    return not (
        (filters.treatment and entry.treatment != taxonomy.treatment_number(filters.treatment))
        or entry.features & filters.features != filters.features
        or (
            filters.max_price is not None
            and (entry.price is None or entry.price > filters.max_price)
        )
        or (filters.verified_only and not entry.verified)
        or (filters.accepting_only and not entry.accepting)
    )


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("state_of", ["Austin, TX", "10001", "59801"])
def test_remote_programmes_are_the_cheapest_in_the_state_with_unpriced_last(
    demo_listings, filters, state_of
):
    place = locate(state_of)
    expected = sorted(
        (e for e in RemoteEntry.objects.filter(state=place.state) if matches(e, filters)),
        key=lambda entry: (entry.price is None, entry.price or 0, entry.service_id),
    )
    found = remote_programmes(Query(place=place, radius=25, filters=filters))
    assert [entry.pk for entry in found.entries] == [entry.pk for entry in expected[:10]]
    assert found.total == len(expected)
    paged = remote_programmes(Query(place=place, radius=25, filters=filters, page=2), paged=True)
    assert [entry.pk for entry in paged.entries] == [entry.pk for entry in expected[20:40]]


def test_the_count_of_listings_is_the_number_the_brute_force_finds(demo_listings):
    # No filter and a treatment alone are counted from the per-cell counts and the edge cells;
    # other filters row by row. Both must give the exact number every page shows.
    cases = [
        (c, r, f) for c in CENTRES for r in (3, 25, 100, 500) for f in [*FILTERS, Filters("tms")]
    ]
    for centre, radius, filters in cases:
        place = locate(centre)
        expected = len(brute_force(place, radius, filters))
        found = entry_count(Query(place=place, radius=radius, filters=filters))
        assert found == expected, f"{centre}, {radius} miles, {filters}"

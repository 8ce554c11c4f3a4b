"""Search rows carry what a result shows; an edit to the listing reaches them through a reindex."""

from datetime import date
from decimal import Decimal

import pytest

from directory.geocode import Place
from directory.indexing import reindex_services
from directory.listings import listings_for
from directory.models import CostOption, SearchEntry
from directory.search import Query, nearby


def shown(entry: SearchEntry):
    """The listing a search at the entry's own spot shows for it."""
    place = Place("here", entry.latitude, entry.longitude, entry.state, "")
    hits = nearby(Query(place=place, radius=1, per_page=100)).hits
    return next(listing for listing in listings_for(hits) if listing.entry_id == entry.pk)


@pytest.mark.django_db
def test_a_result_shows_the_listing_as_it_is_stored(demo_listings):
    entry = SearchEntry.objects.select_related(
        "organization", "service", "service_at_location__location__address"
    ).first()
    listing = shown(entry)
    address = entry.service_at_location.location.address
    lowest = entry.service.cost_options.filter(per_session=True).order_by("amount").first()

    assert listing.name == entry.organization.name
    assert listing.service_name == entry.service.name
    assert listing.profile_url == f"/providers/{entry.organization.slug}/"
    assert (listing.city, listing.state) == (address.city, address.state_province)
    assert listing.treatment == entry.service.treatment.name
    assert listing.price == int(lowest.amount)
    assert listing.price_confirmed_on == lowest.confirmed_on
    assert listing.accepting_confirmed_on == entry.service.accepting_confirmed_on


@pytest.mark.django_db
def test_an_edited_listing_shows_its_new_name_price_and_dates_after_a_reindex(demo_listings):
    entry = SearchEntry.objects.filter(price__isnull=False).select_related("service").first()
    service, organization = entry.service, entry.service.organization
    organization.name = "Renamed Clinic"
    organization.save()
    service.accepting_confirmed_on = date(2026, 11, 1)
    service.save()
    CostOption.objects.create(
        service=service,
        option="Spring offer",
        amount=Decimal("99.50"),
        per_session=True,
        confirmed_on=date(2026, 11, 2),
    )

    reindex_services([service.pk])

    listing = shown(SearchEntry.objects.get(service_at_location=entry.service_at_location))
    assert listing.name == "Renamed Clinic"
    assert listing.price == 100  # rounded up, never flattering
    assert listing.price_confirmed_on == date(2026, 11, 2)
    assert listing.accepting_confirmed_on == date(2026, 11, 1)


def _rows(model, *, exclude=("id",)):
    fields = [f.attname for f in model._meta.concrete_fields if f.attname not in exclude]
    return sorted(tuple(str(value) for value in row) for row in model.objects.values_list(*fields))


@pytest.mark.django_db
def test_the_demo_writer_stores_the_rows_the_indexer_would():
    """The demo writer builds its search rows with the indexer's own functions; rebuilding
    them from the stored listings changes nothing."""
    from directory import demo
    from directory.models import RemoteEntry, Service

    demo.write(demo.generate(60, seed=3))
    written = {model: _rows(model) for model in (SearchEntry, RemoteEntry)}
    assert written[SearchEntry] and written[RemoteEntry]

    reindex_services(Service.objects.values_list("pk", flat=True))

    assert _rows(SearchEntry) == written[SearchEntry]
    assert _rows(RemoteEntry) == written[RemoteEntry]


def test_a_fact_older_than_90_days_may_be_out_of_date_and_accepting_goes_after_180():
    from dataclasses import replace

    from directory.listings import Listing

    today = date(2026, 12, 1)
    listing = Listing(
        entry_id=1, id="x", name="A", service_name="S", treatment="Ketamine", profile_url="/",
        latitude=0.0, longitude=0.0, distance_miles=1.0, city="C", state="TX", price=500,
        price_confirmed_on=date(2026, 9, 2), verified=False, accepting=True,
        accepting_confirmed_on=date(2026, 6, 4), is_demo=False, today=today,
    )  # fmt: skip
    assert not listing.price_may_be_out_of_date  # 90 days old
    assert listing.accepting_may_be_out_of_date
    assert listing.accepting_known  # 180 days old
    older = replace(
        listing, price_confirmed_on=date(2026, 9, 1), accepting_confirmed_on=date(2026, 6, 3)
    )
    assert older.price_may_be_out_of_date
    assert not older.accepting_known
    assert not replace(listing, accepting_confirmed_on=None).accepting_known


def _cell_counts() -> dict:
    from directory.models import SearchCellCount

    return {
        (cell, treatment): entries
        for cell, treatment, entries in SearchCellCount.objects.values_list(
            "cell", "treatment", "entries"
        )
        if entries
    }


def _counted_rows() -> dict:
    from django.db.models import Count

    rows = SearchEntry.objects.values_list("cell", "treatment").annotate(n=Count("id"))
    return {(cell, treatment): n for cell, treatment, n in rows.order_by()}


@pytest.mark.django_db
def test_the_per_cell_counts_follow_every_way_search_rows_are_written():
    """Bulk inserts, a reindex, an edit of a row's cell and a cascade from a deleted
    organization all keep the per-cell counts equal to the rows themselves."""
    from directory import demo
    from directory.models import Organization, Service

    demo.write(demo.generate(40, seed=5))  # the demo writer's bulk insert
    assert _cell_counts() == _counted_rows() != {}

    services = list(Service.objects.values_list("pk", flat=True)[:10])
    reindex_services(services)  # deletes the rows and writes them again
    assert _cell_counts() == _counted_rows()

    moved = SearchEntry.objects.first()
    SearchEntry.objects.filter(pk=moved.pk).update(cell=moved.cell + 1, treatment=99)
    assert _counted_rows()[(moved.cell + 1, 99)] == 1
    assert _cell_counts() == _counted_rows()

    Organization.objects.filter(pk__in=Organization.objects.values("pk")[:5]).delete()
    assert _cell_counts() == _counted_rows()
    SearchEntry.objects.all().delete()
    assert _cell_counts() == {}

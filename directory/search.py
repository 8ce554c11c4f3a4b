"""Radius search over the directory: exact great-circle order, fast at a million listings.

Rows are found by grid cell (a B-tree range per row of cells), filtered by one bitwise test, and
ordered by the squared chord to the centre, which orders exactly as great-circle distance does.
Sorted by distance, the search widens ring by ring and stops as soon as the rows it holds within
the searched radius fill the page, so a dense city never reads the whole radius. Ties (listings
at the same point) are broken by the service at location's id, so the order is total, pages
never overlap, and a copy of the directory gives the same order.
"""

from dataclasses import dataclass, field
from itertools import chain, repeat

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from directory import geo, insurers, taxonomy
from directory.geocode import Place
from directory.models import RemoteEntry, SearchCellCount, SearchEntry

DEFAULT_RADIUS = 25  # miles, when the seeker gives none
FIRST_RING_MILES = 5
REMOTE_LIMIT = 10


@dataclass(frozen=True)
class Filters:
    treatment: str | None = None
    features: int = 0  # bits every result must have
    max_price: int | None = None
    verified_only: bool = False
    accepting_only: bool = False
    insurer: int | None = None  # an Insurer's id: only listings that take it

    @property
    def count(self) -> int:
        return (
            (self.treatment is not None)
            + (self.insurer is not None)
            + bin(self.features).count("1")
            + (self.max_price is not None)
            + self.verified_only
            + self.accepting_only
        )


@dataclass(frozen=True)
class Query:
    place: Place
    radius: int = DEFAULT_RADIUS
    filters: Filters = field(default_factory=Filters)
    sort: str = "distance"  # or "price"
    page: int = 1
    per_page: int = 20
    # Page through clinics (a provider at one place, with each of its services that matches)
    # rather than through services.
    by_clinic: bool = False


# What a result shows, read with the search itself so a page costs one statement in a dense
# area; ``directory.listings`` turns these columns into a Listing.
SHOWN = (
    "service_at_location_id", "name", "slug", "service_name", "treatment", "city", "state",
    "latitude", "longitude", "price_confirmed_on", "verified", "accepting",
    "accepting_confirmed_on", "is_demo", "organization_id", "features", "insurers_shown",
)  # fmt: skip
# Where a clinic's key (its organization and its point) is in a row: id, d2, price, *SHOWN.
_CLINIC_COLUMNS = tuple(
    3 + SHOWN.index(name) for name in ("organization_id", "latitude", "longitude")
)


@dataclass(frozen=True)
class Hit:
    entry_id: int
    distance_miles: float
    price: int | None
    shown: tuple  # the SHOWN columns, as the database driver returns them


@dataclass(frozen=True)
class Page:
    hits: list[Hit]
    has_next: bool
    number: int
    clinics: list[list[Hit]] = field(default_factory=list)  # by_clinic: each clinic's hits


# The filters, written once: the condition each adds to a search row (SearchEntry and
# RemoteEntry share these columns), the values it binds, and the value that leaves it unset.
FILTER_TABLE = (
    ("treatment", "{t}.treatment = %s", lambda code: [taxonomy.treatment_number(code)], None),
    ("features", "({t}.features & %s) = %s", lambda bits: [bits, bits], 0),
    ("max_price", "{t}.price <= %s", lambda price: [price], None),
    ("verified_only", "{t}.verified = %s", lambda _on: [True], False),
    ("accepting_only", "{t}.accepting = %s", lambda _on: [True], False),
    ("insurer", "{t}.insurer_ids LIKE %s", lambda pk: [insurers.ids_pattern(pk)], None),
)


def conditions(filters: Filters, table: str) -> tuple[list[str], list]:
    """The SQL conditions and bound parameters of the filters that are set."""
    sql, params = [], []
    for name, condition, values, unset in FILTER_TABLE:
        value = getattr(filters, name)
        if value is None or value == unset:
            continue
        sql.append(condition.format(t=table))
        params += values(value)
    return sql, params


def _filtered(queryset, filters: Filters):
    """The queryset with the filters' conditions, for the ORM's queries."""
    sql, params = conditions(filters, queryset.model._meta.db_table)
    if not sql:
        return queryset
    # Fixed fragments from FILTER_TABLE only; every value is a bound parameter.
    condition = RawSQL(" AND ".join(sql), params, output_field=BooleanField())  # noqa: S611
    return queryset.filter(condition)


CELL_COUNTS = SearchCellCount._meta.db_table
MAX_UNION = 200  # ranges of cells read one by one; beyond, OR-ed in one condition


def _range_by_range(table: str, columns: str, where: str, where_params, ranges, column_params=()):
    """(sql, params) of the rows of ``table`` in these ranges of cells that pass ``where`` (an
    " AND ..." fragment), read one range at a time (``column_params``: what ``columns`` binds).

    On PostgreSQL the ranges are two arrays, each range joined to a scan of the index over its
    cells: one plan for any number of ranges, where a UNION of a SELECT per range cost more to
    plan than to run; OFFSET 0 keeps the scan per range (flattened into the join, the planner
    misjudged the distance test and read the whole table). On SQLite a SELECT per range joined
    by UNION ALL (with the ranges OR-ed it scanned the whole table), and beyond MAX_UNION
    ranges (SQLite joins at most 500 SELECTs) one SELECT with the ranges OR-ed."""
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT found.* FROM unnest(%s::integer[], %s::integer[]) AS span(low, high) "  # noqa: S608
            f"CROSS JOIN LATERAL (SELECT {columns} FROM {table} "
            f"WHERE cell BETWEEN span.low AND span.high{where} OFFSET 0) AS found"
        )
        lows, highs = [low for low, _high in ranges], [high for _low, high in ranges]
        return sql, [lows, highs, *column_params, *where_params]
    if len(ranges) > MAX_UNION:
        cells = " OR ".join(["cell BETWEEN %s AND %s"] * len(ranges))
        sql = f"SELECT {columns} FROM {table} WHERE ({cells}){where}"  # noqa: S608
        return sql, [*column_params, *(n for span in ranges for n in span), *where_params]
    # Only fixed fragments are joined here; every value is a bound parameter.
    select = f"SELECT {columns} FROM {table} WHERE cell BETWEEN %s AND %s{where}"  # noqa: S608
    sql = " UNION ALL ".join([select] * len(ranges))
    return sql, [value for span in ranges for value in (*column_params, *span, *where_params)]


class _Statement:
    """The SQL statements of a radius search, written by hand: the ORM's per-query overhead
    would be most of the time budget. Parameters are always bound, never interpolated."""

    TABLE = SearchEntry._meta.db_table
    # The squared chord to the centre on the unit sphere: it orders as great-circle distance.
    DISTANCE = "((x - %s) * (x - %s) + (y - %s) * (y - %s) + (z - %s) * (z - %s))"

    def __init__(self, place: Place, radius: int, filters: Filters):
        x0, y0, z0 = geo.unit_vector(place.latitude, place.longitude)
        self.distance_params = [x0, x0, y0, y0, z0, z0]
        sql, params = conditions(filters, self.TABLE)
        self.conditions = [f"{self.DISTANCE} <= %s", *sql]
        self.params = [*self.distance_params, geo.chord_squared_for(radius), *params]

    def picked(self, ranges: list[tuple[int, int]], order: str, limit: int) -> list[tuple]:
        """(id, d2, service at location id) of the first ``limit`` rows in ``order``, read from
        the covering index alone (it holds the order's columns too)."""
        if not ranges:
            return []
        key = f"id, {self.DISTANCE} AS d2, price, service_at_location_id"
        sql, params = self._each_range(key, ranges, column_params=self.distance_params)
        # Only fixed fragments are joined here; every value is a bound parameter.
        picked = (
            f"SELECT id, d2, service_at_location_id FROM ({sql}) AS found "  # noqa: S608
            f"ORDER BY {order} LIMIT %s"
        )
        return self._fetch(picked, [*params, limit])

    def shown(self, ids: list) -> list[tuple]:
        """What the results show of these rows (id, d2, price, *SHOWN), in the order given."""
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        shown = (
            f"SELECT id, {self.DISTANCE} AS d2, price, {', '.join(SHOWN)} "  # noqa: S608
            f"FROM {self.TABLE} WHERE id IN ({marks})"
        )
        place = {pk: number for number, pk in enumerate(ids)}
        return sorted(self._fetch(shown, [*self.distance_params, *ids]), key=lambda r: place[r[0]])

    def of_organizations(self, organization_ids: list, order: str) -> list[tuple]:
        """The rows of these organizations that the search finds, wherever their cells."""
        marks = ", ".join(["%s"] * len(organization_ids))
        conditions = " AND ".join(self.conditions)
        # The organizations' rows are read first, on their own, through the organization index:
        # asked in one condition with the treatment, SQLite scans the treatment's whole covering
        # index instead. The outer query names them as the table, as the conditions do.
        sql = (
            f"WITH mine AS MATERIALIZED (SELECT * FROM {self.TABLE} "  # noqa: S608
            f"WHERE organization_id IN ({marks})) "
            f"SELECT id, {self.DISTANCE} AS d2, price, {', '.join(SHOWN)} "
            f"FROM mine AS {self.TABLE} WHERE {conditions} ORDER BY {order}"
        )
        return self._fetch(sql, [*organization_ids, *self.distance_params, *self.params])

    def _each_range(self, columns: str, ranges, extra: str = "", column_params=()):
        """Every row within the radius, read one range of cells at a time (``column_params``:
        the values the columns bind, e.g. the distance's centre).

        Asked with the ranges OR-ed, both databases gather the matching rows' ids from the index
        and then read each row from the table; one range at a time, each tests the covering
        index (it holds the point, the filters' flags and the prices) and reads the table only
        for the rows that pass, which at 100 miles in a city is ten times faster."""
        conditions = " AND ".join([*self.conditions, *([extra] if extra else [])])
        return _range_by_range(
            self.TABLE, columns, f" AND {conditions}", self.params, ranges, column_params
        )

    def prices(self, ranges: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """(treatment, price, how many rows) of the priced rows the search finds, cheapest
        first (counted by the database: a city at 100 miles has tens of thousands)."""
        if not ranges:
            return []
        sql, params = self._each_range("treatment, price", ranges, "price IS NOT NULL")
        counted = (
            f"SELECT treatment, price, COUNT(*) FROM ({sql}) AS found "  # noqa: S608
            "GROUP BY treatment, price ORDER BY price"
        )
        return self._fetch(counted, params)

    def count(self, ranges: list[tuple[int, int]]) -> int:
        if not ranges:
            return 0
        sql, params = self._each_range("1 AS one", ranges)
        return self._fetch(f"SELECT COUNT(*) FROM ({sql}) AS found", params)[0][0]  # noqa: S608

    def count_by_cell(
        self, inside: list[tuple[int, int]], edge: list[tuple[int, int]], treatment: int | None
    ) -> int:
        """The count of rows in the ``inside`` cells from the per-cell counts, plus the rows in
        the ``edge`` cells counted one by one, in one statement (so on one snapshot). Only for
        no filter or a treatment alone: the per-cell counts hold nothing else."""
        parts, params = [], []
        if inside:
            kind = " AND treatment = %s" if treatment is not None else ""
            kinds = [treatment] if treatment is not None else []
            sql, inside_params = _range_by_range(CELL_COUNTS, "entries", kind, kinds, inside)
            parts.append(f"(SELECT COALESCE(SUM(entries), 0) FROM ({sql}) AS cells)")  # noqa: S608
            params += inside_params
        if edge:
            sql, edge_params = self._each_range("1 AS one", edge)
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS found)")  # noqa: S608
            params += edge_params
        if not parts:
            return 0
        return int(self._fetch(f"SELECT {' + '.join(parts)}", params)[0][0])

    def costs(self, ranges: list[tuple[int, int]]) -> list[tuple]:
        """(price, course_price, course_sessions, how many rows) of the rows the search finds."""
        if not ranges:
            return []
        columns = "price, course_price, course_sessions"
        sql, params = self._each_range(columns, ranges)
        counted = f"SELECT {columns}, COUNT(*) FROM ({sql}) AS found GROUP BY {columns}"  # noqa: S608
        return self._fetch(counted, params)

    def clinic_count(self, ranges: list[tuple[int, int]]) -> int:
        if not ranges:
            return 0
        sql, params = self._each_range("organization_id, latitude, longitude", ranges)
        counted = (
            "SELECT COUNT(*) FROM (SELECT DISTINCT organization_id, latitude, longitude "  # noqa: S608
            f"FROM ({sql}) AS found) AS clinics"
        )
        return self._fetch(counted, params)[0][0]

    @staticmethod
    def _fetch(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def nearby(query: Query) -> Page:
    """One page of listings within the radius that match the filters, in the order asked."""
    statement = _Statement(query.place, query.radius, query.filters)
    if query.by_clinic:
        return _clinic_page(query, statement)
    need = query.page * query.per_page + 1  # one more than the page, to know if another follows
    found = _ordered(query, statement, need)
    start = (query.page - 1) * query.per_page
    hits = [_hit(row) for row in found[start : start + query.per_page]]
    return Page(hits=hits, has_next=len(found) > start + query.per_page, number=query.page)


def _hit(row: tuple) -> Hit:
    pk, d2, price, *shown = row
    return Hit(pk, geo.miles_for(d2), price, tuple(shown))


def _order(query: Query) -> str:
    return f"{_PRICE_ORDER}, {_TIE}" if query.sort == "price" else _TIE


def _ordered(query: Query, statement: "_Statement", limit: int) -> list[tuple]:
    """The first ``limit`` rows in the order asked."""
    place, radius = query.place, query.radius
    if query.sort == "price":
        ranges = geo.cell_ranges(geo.box_around(place.latitude, place.longitude, radius))
        picked = statement.picked(ranges, _order(query), limit)
    else:
        picked = _nearest(statement, place, radius, limit)
    return statement.shown([row[0] for row in picked])


def _clinic(row: tuple) -> tuple:
    return tuple(row[column] for column in _CLINIC_COLUMNS)


def _clinic_page(query: Query, statement: "_Statement") -> Page:
    """A page of clinics, in the order of each one's first row; each with all its rows.

    The first ``limit`` rows hold the first clinics in order, so the search asks for more rows
    until they hold one clinic more than the page, or there are no more rows."""
    need = query.page * query.per_page + 1
    limit = need
    while True:
        found = _ordered(query, statement, limit)
        clinics = list(dict.fromkeys(_clinic(row) for row in found))
        if len(clinics) >= need or len(found) < limit:
            break
        limit *= 4
    start = (query.page - 1) * query.per_page
    shown = clinics[start : start + query.per_page]
    rows: dict[tuple, list] = {key: [] for key in shown}
    if shown:
        organizations = list(dict.fromkeys(key[0] for key in shown))
        for row in statement.of_organizations(organizations, _order(query)):
            rows.get(_clinic(row), []).append(row)
    members = [[_hit(row) for row in rows[key]] for key in shown]
    return Page(
        hits=[hit for clinic in members for hit in clinic],
        has_next=len(clinics) > start + query.per_page,
        number=query.page,
        clinics=members,
    )


def clinic_count(query: Query) -> int:
    """How many clinics within the radius have a service that matches the filters."""
    place = query.place
    ranges = geo.cell_ranges(geo.box_around(place.latitude, place.longitude, query.radius))
    return _Statement(place, query.radius, query.filters).clinic_count(ranges)


def entry_count(query: Query) -> int:
    """How many services at a place within the radius match the filters (every page).

    With no filter or a treatment alone, the cells wholly inside the radius are read from the
    per-cell counts and only the cells on its edge row by row: at 100 miles around New York,
    2,679 of its 55,310 rows. Other filters count every row."""
    place, filters = query.place, query.filters
    statement = _Statement(place, query.radius, filters)
    if filters == Filters(treatment=filters.treatment):
        inside, edge = geo.split_cells(place.latitude, place.longitude, query.radius)
        treatment = filters.treatment
        number = None if treatment is None else taxonomy.treatment_number(treatment)
        return statement.count_by_cell(inside, edge, number)
    ranges = geo.cell_ranges(geo.box_around(place.latitude, place.longitude, query.radius))
    return statement.count(ranges)


# Listings at the same distance (services at one place) or price come in the order of their
# service at location's id, which an HSDS export and import keep, so the order is the same on
# every copy of the directory.
_TIE = "d2, service_at_location_id"
# Listings without a price sort last on both databases.
_PRICE_ORDER = "CASE WHEN price IS NULL THEN 1 ELSE 0 END, price"


def _nearest(rows: _Statement, place: Place, radius: int, need: int) -> list[tuple]:
    candidates: list[tuple] = []
    searched = None
    ring = min(FIRST_RING_MILES, radius)
    while True:
        box = geo.box_around(place.latitude, place.longitude, ring)
        ranges = geo.cell_ranges(box, searched)
        if ranges:
            candidates.extend(rows.picked(ranges, _TIE, need))
        # Every listing within `ring` miles has now been seen, or beaten by `need` others.
        covered = geo.chord_squared_for(ring)
        if ring >= radius or sum(1 for row in candidates if row[1] <= covered) >= need:
            break
        searched = box
        ring = min(ring * 2, radius)
    candidates.sort(key=lambda row: (row[1], row[2]))  # (id, d2, service at location id)
    return candidates[:need]


@dataclass(frozen=True)
class RemoteResults:
    entries: list
    total: int


def remote_programmes(query: Query, paged: bool = False) -> RemoteResults:
    """Remote programmes that serve the seeker's state, cheapest first: the first few, or
    (``paged``) the query's page of them all."""
    queryset = _filtered(RemoteEntry.objects.filter(state=query.place.state), query.filters)
    ids = queryset.order_by("sort_price", "service_id").values_list("pk", flat=True)
    if paged:
        start = (query.page - 1) * query.per_page
        return RemoteResults(
            entries=_remote_entries(ids[start : start + query.per_page]), total=queryset.count()
        )
    entries = _remote_entries(ids[:REMOTE_LIMIT])
    total = len(entries) if len(entries) < REMOTE_LIMIT else queryset.count()
    return RemoteResults(entries=entries, total=total)


def _remote_entries(ids) -> list[RemoteEntry]:
    """The programmes of these ids, in their order. The ids are picked from an index that holds
    every column the filters test, so a rare filter reads no table rows to find its few."""
    ids = list(ids)
    found = RemoteEntry.objects.filter(pk__in=ids).select_related("service", "organization")
    by_id = {entry.pk: entry for entry in found}
    return [by_id[pk] for pk in ids]


@dataclass(frozen=True)
class PriceSummary:
    treatment: str
    count: int
    median: float | None
    lowest: int | None
    highest: int | None
    prices: list[int]


def price_summaries(place: Place, radius: int, treatment: str | None) -> list[PriceSummary]:
    """Listed per-session prices within the radius: of one treatment, or of each treatment that
    has a price (in the taxonomy's order) when ``treatment`` is None."""
    ranges = geo.cell_ranges(geo.box_around(place.latitude, place.longitude, radius))
    rows = _Statement(place, radius, Filters(treatment=treatment)).prices(ranges)
    by_treatment: dict[int, list[int]] = {}
    for number, price, times in rows:  # cheapest first, so each list is in order
        by_treatment.setdefault(number, []).extend(repeat(price, times))
    if treatment is not None:
        return [_summary(treatment, by_treatment.get(taxonomy.treatment_number(treatment), []))]
    return [
        _summary(taxonomy.treatment_code(number), by_treatment[number])
        for number in sorted(by_treatment)
    ]


def cost_rows(query: Query) -> list[tuple]:
    """(price, course_price, course_sessions, how many) of the listings the query finds, on
    any page: each distinct combination once, with the number of listings that have it."""
    place = query.place
    ranges = geo.cell_ranges(geo.box_around(place.latitude, place.longitude, query.radius))
    return _Statement(place, query.radius, query.filters).costs(ranges)


def summary_of_counted(label: str, counted: dict) -> PriceSummary:
    """The median, lowest and highest of values given as value -> how many times it occurs,
    and how many there are."""
    return _summary(
        label, list(chain.from_iterable(repeat(value, counted[value]) for value in sorted(counted)))
    )


def price_summary(place: Place, radius: int, treatment: str) -> PriceSummary:
    """Listed per-session prices of one treatment within the radius."""
    return price_summaries(place, radius, treatment)[0]


def _summary(treatment: str, prices: list[int]) -> PriceSummary:
    if not prices:
        return PriceSummary(treatment, 0, None, None, None, [])
    middle = len(prices) // 2
    median = prices[middle] if len(prices) % 2 else (prices[middle - 1] + prices[middle]) / 2
    return PriceSummary(treatment, len(prices), median, prices[0], prices[-1], prices)

import math

from hypothesis import given
from hypothesis import strategies as st

from directory import geo

latitudes = st.floats(min_value=-89.9, max_value=89.9)
longitudes = st.floats(min_value=-180, max_value=179.999)


def test_new_york_to_los_angeles_is_about_2450_miles():
    miles = geo.great_circle_miles(40.7128, -74.0060, 34.0522, -118.2437)
    assert 2440 < miles < 2460


@given(latitudes, longitudes, latitudes, longitudes)
def test_the_chord_gives_back_the_great_circle_distance(lat1, lng1, lat2, lng2):
    a, b = geo.unit_vector(lat1, lng1), geo.unit_vector(lat2, lng2)
    chord_squared = sum((p - q) ** 2 for p, q in zip(a, b, strict=True))
    assert math.isclose(
        geo.miles_for(chord_squared), geo.great_circle_miles(lat1, lng1, lat2, lng2), abs_tol=1e-3
    )


@given(latitudes, longitudes, st.floats(min_value=1, max_value=500), latitudes, longitudes)
def test_every_point_within_the_radius_lies_in_the_box_of_cells(lat, lng, miles, lat2, lng2):
    if geo.great_circle_miles(lat, lng, lat2, lng2) > miles:
        return
    cell = geo.cell_of(lat2, lng2)
    ranges = geo.cell_ranges(geo.box_around(lat, lng, miles))
    assert any(first <= cell <= last for first, last in ranges)


def test_a_ring_leaves_out_the_cells_already_searched():
    inner = geo.box_around(40.7, -74.0, 5)
    outer = geo.box_around(40.7, -74.0, 10)
    ring = geo.cell_ranges(outer, inner)
    inside = set()
    for first, last in geo.cell_ranges(inner):
        inside.update(range(first, last + 1))
    in_ring = set()
    for first, last in ring:
        in_ring.update(range(first, last + 1))
    everything = set()
    for first, last in geo.cell_ranges(outer):
        everything.update(range(first, last + 1))
    assert in_ring.isdisjoint(inside)
    assert in_ring | inside == everything


def test_boxes_wrap_around_the_date_line():
    ranges = geo.cell_ranges(geo.box_around(52.0, 179.95, 20))
    assert geo.cell_of(52.0, -179.95) in {c for a, b in ranges for c in range(a, b + 1)}


def _cells(ranges):
    return {cell for first, last in ranges for cell in range(first, last + 1)}


def _corners(cell):
    row, column = divmod(cell, geo.CELLS_PER_ROW)
    south, west = row * geo.CELL_DEGREES - 90, column * geo.CELL_DEGREES - 180
    return [(south + a, west + b) for a in (0, geo.CELL_DEGREES) for b in (0, geo.CELL_DEGREES)]


def _chord_squared(lat1, lng1, lat2, lng2):
    a, b = geo.unit_vector(lat1, lng1), geo.unit_vector(lat2, lng2)
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True))


def _destination(lat, lng, miles, bearing):
    """The point ``miles`` from (lat, lng) on the initial bearing (degrees from north)."""
    phi, lam = math.radians(lat), math.radians(lng)
    d, theta = miles / geo.EARTH_RADIUS_MILES, math.radians(bearing)
    phi2 = math.asin(math.sin(phi) * math.cos(d) + math.cos(phi) * math.sin(d) * math.cos(theta))
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(d) * math.cos(phi), math.cos(d) - math.sin(phi) * math.sin(phi2)
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180


@given(
    st.floats(min_value=-85, max_value=85),
    longitudes,
    st.floats(min_value=0.5, max_value=300),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1),
)
def test_the_cells_called_inside_hold_only_points_within_the_radius(lat, lng, miles, u, v):
    inside, edge = geo.split_cells(lat, lng, miles)
    inside_cells, edge_cells = _cells(inside), _cells(edge)
    box = _cells(geo.cell_ranges(geo.box_around(lat, lng, miles)))
    assert inside_cells | edge_cells <= box
    assert not inside_cells & edge_cells
    limit = geo.chord_squared_for(miles)
    # A point anywhere within the radius lies in one of the two (the cells left out are
    # wholly outside).
    point = _destination(lat, lng, miles * math.sqrt(u), 360 * v)
    if _chord_squared(lat, lng, *point) <= limit:
        assert geo.cell_of(*point) in inside_cells | edge_cells, point
    # The outermost inside cells of each row, the ones nearest the edge: every corner, and a
    # point anywhere in the cell, passes the database's distance test.
    for cell in {cell for span in inside for cell in span}:
        south, west = _corners(cell)[0]
        points = [*_corners(cell), (south + u * geo.CELL_DEGREES, west + v * geo.CELL_DEGREES)]
        assert all(_chord_squared(lat, lng, *point) <= limit for point in points), cell


def test_most_of_a_large_circle_is_inside_cells_and_only_its_rim_is_edge():
    inside, edge = geo.split_cells(40.75, -73.99, 100)  # New York, 100 miles
    assert len(_cells(inside)) > 2 * len(_cells(edge))
    # Each row of the circle has at most two runs of edge cells, one each side.
    assert len(edge) <= 2 * len({first // geo.CELLS_PER_ROW for first, _last in edge})
    assert geo.split_cells(40.75, -73.99, 2)[0] == []  # smaller than a cell: all edge
    # The box's corners, wholly outside the circle, are left out; its rim is not.
    box = _cells(geo.cell_ranges(geo.box_around(40.75, -73.99, 100)))
    assert len(_cells(inside) | _cells(edge)) < 0.85 * len(box)
    for lat, lng, miles in ((40.75, -73.99, 100), (64.8, -147.7, 250), (-33.9, 151.2, 40)):
        inside, edge = geo.split_cells(lat, lng, miles)
        covered = _cells(inside) | _cells(edge)
        for tenth in range(3600):
            point = _destination(lat, lng, miles * (1 - 1e-9), tenth / 10)
            assert geo.cell_of(*point) in covered, (lat, lng, miles, point)


def test_cells_across_the_date_line_are_split_too():
    inside, _edge = geo.split_cells(51.0, 179.95, 60)
    columns = {cell % geo.CELLS_PER_ROW for cell in _cells(inside)}
    assert 0 in columns and geo.CELLS_PER_ROW - 1 in columns

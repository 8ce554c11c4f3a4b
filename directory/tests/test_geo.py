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

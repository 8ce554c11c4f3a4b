"""Distances on the Earth, and the grid that makes radius search fast. Pure functions only."""

import math
from dataclasses import dataclass

EARTH_RADIUS_MILES = 3958.7613
CELL_DEGREES = 0.1
CELLS_PER_ROW = 3600  # 360 degrees of longitude / 0.1


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lng = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lng), math.cos(lat) * math.sin(lng), math.sin(lat))


def great_circle_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Haversine distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def chord_squared_for(miles: float) -> float:
    """The squared chord length (on the unit sphere) of an arc of ``miles``."""
    angle = min(miles / EARTH_RADIUS_MILES, math.pi)
    return (2 * math.sin(angle / 2)) ** 2


def miles_for(chord_squared: float) -> float:
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(max(chord_squared, 0.0)) / 2))


def row_of(latitude: float) -> int:
    return min(math.floor((latitude + 90) / CELL_DEGREES), int(180 / CELL_DEGREES) - 1)


def column_of(longitude: float) -> int:
    return math.floor((longitude + 180) / CELL_DEGREES) % CELLS_PER_ROW


def cell_of(latitude: float, longitude: float) -> int:
    return row_of(latitude) * CELLS_PER_ROW + column_of(longitude)


@dataclass(frozen=True)
class Box:
    """A block of grid cells: rows and columns, inclusive. Columns may wrap past 180 degrees."""

    first_row: int
    last_row: int
    first_column: int
    last_column: int

    def contains(self, other: "Box") -> bool:
        return (
            self.first_row <= other.first_row
            and other.last_row <= self.last_row
            and self.first_column <= other.first_column
            and other.last_column <= self.last_column
        )


def box_around(latitude: float, longitude: float, miles: float) -> Box:
    """The cells that hold every point within ``miles`` of the centre."""
    lat_span = math.degrees(miles / EARTH_RADIUS_MILES)
    south, north = max(latitude - lat_span, -90.0), min(latitude + lat_span, 90.0)
    # The widest longitude span is at the latitude nearest a pole within the box.
    widest = max(abs(south), abs(north))
    cos_lat = math.cos(math.radians(widest))
    if north >= 90 or south <= -90 or cos_lat < 1e-6:
        lng_span = 180.0
    else:
        ratio = math.sin(miles / EARTH_RADIUS_MILES) / cos_lat
        lng_span = 180.0 if ratio >= 1 else math.degrees(math.asin(ratio))
    if lng_span >= 180:
        return Box(row_of(south), row_of(north), 0, CELLS_PER_ROW - 1)
    first = math.floor((longitude - lng_span + 180) / CELL_DEGREES)
    last = math.floor((longitude + lng_span + 180) / CELL_DEGREES)
    return Box(row_of(south), row_of(north), first, last)


def cell_ranges(box: Box, inner: Box | None = None) -> list[tuple[int, int]]:
    """Cell-number ranges covering ``box`` but not ``inner`` (already searched)."""
    ranges = []
    for row in range(box.first_row, box.last_row + 1):
        spans = [(box.first_column, box.last_column)]
        if inner and inner.first_row <= row <= inner.last_row:
            spans = [
                (box.first_column, inner.first_column - 1),
                (inner.last_column + 1, box.last_column),
            ]
        for first, last in spans:
            if first > last:
                continue
            ranges.extend(_wrapped(row, first, last))
    return _merge(ranges)


# A cell lies wholly within a radius when its four corners do: along a parallel the distance to
# the centre grows with the difference in longitude, and along a meridian it has no maximum
# between the ends, so no point of a cell is farther than its farthest corner. A point's cell
# comes from floor() on floats, so each cell is grown by about a centimetre (in degrees) and the
# radius shrunk a little before the test: a cell called inside holds no row the database's own
# distance test would leave out.
_GROW_DEGREES = 1e-7
_SHRINK_CHORD = 1e-12


def _half_width(latitude: float, centre_latitude: float, cos_radius: float) -> float:
    """The largest difference in longitude (degrees) at which a point on this parallel is within
    the radius of a centre on ``centre_latitude``; -1 when no point of the parallel is."""
    phi, phi0 = math.radians(latitude), math.radians(centre_latitude)
    numerator = cos_radius - math.sin(phi) * math.sin(phi0)
    denominator = math.cos(phi) * math.cos(phi0)
    if denominator < 1e-12:  # at a pole the parallel is one point
        return 180.0 if numerator <= 0 else -1.0
    ratio = numerator / denominator
    if ratio > 1:
        return -1.0
    return 180.0 if ratio <= -1 else math.degrees(math.acos(ratio))


def _widest(south: float, north: float, centre_latitude: float, cos_radius: float) -> float:
    """The largest difference in longitude at which some point of the band of latitudes
    [south, north] is within the radius; -1 when none is. Along the circle the difference
    grows to its most at the latitude where a meridian touches it, then shrinks."""
    tangent = math.sin(math.radians(centre_latitude)) / cos_radius if cos_radius > 0 else 2.0
    if abs(tangent) >= 1:  # the circle holds a pole (or half the Earth): every longitude
        return 180.0
    nearest = min(max(math.degrees(math.asin(tangent)), south), north)
    return _half_width(nearest, centre_latitude, cos_radius)


def _columns(longitude: float) -> float:
    """Cell columns from 180 degrees west, unwrapped (a cell number's column is the floor)."""
    return (longitude + 180) / CELL_DEGREES


def split_cells(
    latitude: float, longitude: float, miles: float
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The cells of ``box_around`` that can hold a point within the radius, as two lists of
    cell-number ranges: those wholly within it, whose rows need not be tested one by one, and
    those its edge crosses. Cells of the box wholly outside the circle are in neither."""
    box = box_around(latitude, longitude, miles)
    chord = chord_squared_for(miles)
    cos_inner = 1 - (chord - _SHRINK_CHORD) / 2  # chord² = 2 - 2 cos d
    cos_outer = 1 - (chord + _SHRINK_CHORD) / 2
    inside: list[tuple[int, int]] = []
    edge: list[tuple[int, int]] = []
    for row in range(box.first_row, box.last_row + 1):
        south = row * CELL_DEGREES - 90 - _GROW_DEGREES
        north = south + CELL_DEGREES + 2 * _GROW_DEGREES
        reach = _widest(south, north, latitude, cos_outer)
        if reach < 0:
            continue
        start, stop = box.first_column, box.last_column
        if reach < 180:  # the columns whose grown cells come within ``reach``
            start = max(start, math.floor(_columns(longitude - reach - _GROW_DEGREES)))
            stop = min(stop, math.floor(_columns(longitude + reach + _GROW_DEGREES)))
        half = min(_half_width(south, latitude, cos_inner), _half_width(north, latitude, cos_inner))
        first, last = start, stop
        if half >= 0:  # the columns whose grown west and east edges are within ``half``
            first = max(first, math.ceil(_columns(longitude - half + _GROW_DEGREES)))
            last = min(last, math.floor(_columns(longitude + half - _GROW_DEGREES)) - 1)
        if half < 0 or first > last:
            edge.extend(_wrapped(row, start, stop))
            continue
        inside.extend(_wrapped(row, first, last))
        for west, east in ((start, first - 1), (last + 1, stop)):
            if west <= east:
                edge.extend(_wrapped(row, west, east))
    return _merge(inside), _merge(edge)


def _wrapped(row: int, first: int, last: int) -> list[tuple[int, int]]:
    base = row * CELLS_PER_ROW
    if last - first + 1 >= CELLS_PER_ROW:
        return [(base, base + CELLS_PER_ROW - 1)]
    first_mod, last_mod = first % CELLS_PER_ROW, last % CELLS_PER_ROW
    if first_mod <= last_mod:
        return [(base + first_mod, base + last_mod)]
    return [(base + first_mod, base + CELLS_PER_ROW - 1), (base, base + last_mod)]


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged

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

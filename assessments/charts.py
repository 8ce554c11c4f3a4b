"""Geometry for the pictures drawn on the server as SVG: a score on its scale, scores over time.

The templates only place what these functions compute; colours come from CSS classes, so the
pictures obey the strict Content Security Policy and print in the print stylesheet's colours.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from assessments.scoring import Band, Score

# Drawn at about a phone's width, so that the labels read at their natural size there.
SCALE_WIDTH = 320
SCALE_BAR_Y = 30
SCALE_BAR_HEIGHT = 22


@dataclass(frozen=True)
class Segment:
    band: Band
    position: int  # 1-based, for the CSS class that colours it
    x: float
    width: float
    current: bool


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class ScalePicture:
    width: int
    bar_y: int
    bar_height: int
    segments: tuple[Segment, ...]
    ticks: tuple[Tick, ...]
    marker_x: float
    total: int
    maximum: int

    @property
    def height(self) -> int:
        return self.bar_y + self.bar_height + 18

    @property
    def marker_points(self) -> str:
        tip = self.bar_y - 4
        x = self.marker_x
        return f"{x - 6:.1f},{tip - 9} {x + 6:.1f},{tip - 9} {x:.1f},{tip}"

    @property
    def marker_label_anchor(self) -> str:
        if self.marker_x < self.width * 0.1:
            return "start"
        if self.marker_x > self.width * 0.9:
            return "end"
        return "middle"


def _cell_left(score_value: int, maximum: int, width: float) -> float:
    """Each possible total owns an equal cell, so a band's width shows how many totals it spans."""
    return score_value * width / (maximum + 1)


def scale_picture(score: Score, width: int = SCALE_WIDTH) -> ScalePicture:
    maximum = score.maximum
    segments = tuple(
        Segment(
            band,
            position,
            x=_cell_left(band.low, maximum, width),
            width=_cell_left(band.high + 1, maximum, width) - _cell_left(band.low, maximum, width),
            current=band == score.band,
        )
        for position, band in enumerate(score.bands, start=1)
    )
    ticks = tuple(Tick(_cell_left(band.low, maximum, width), str(band.low)) for band in score.bands)
    ticks += (Tick(width, str(maximum)),)
    return ScalePicture(
        width,
        SCALE_BAR_Y,
        SCALE_BAR_HEIGHT,
        segments,
        ticks,
        marker_x=_cell_left(score.total, maximum, width) + width / (maximum + 1) / 2,
        total=score.total,
        maximum=maximum,
    )


@dataclass(frozen=True)
class BandStripe:
    band: Band
    position: int
    y: float
    height: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    total: int
    when: datetime


@dataclass(frozen=True)
class HistoryChart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    stripes: tuple[BandStripe, ...]
    y_ticks: tuple[Tick, ...]
    points: tuple[Point, ...]

    @property
    def line(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def bottom(self) -> int:
        return self.top + self.plot_height

    @property
    def right(self) -> int:
        return self.left + self.plot_width


def history_chart(
    results: Sequence[tuple[datetime, int]],
    bands: Sequence[Band],
    maximum: int,
    *,
    width: int = 360,
    height: int = 220,
) -> HistoryChart:
    """Totals over time, on a plot whose background shows the bands, with time to scale."""
    left, top, right_margin, bottom_margin = 30, 10, 12, 30
    plot_width, plot_height = width - left - right_margin, height - top - bottom_margin

    def y_for(value: float) -> float:
        return top + plot_height - value * plot_height / maximum

    stripes = tuple(
        BandStripe(
            band,
            position,
            y=y_for(min(band.high + 1, maximum)),
            height=y_for(band.low) - y_for(min(band.high + 1, maximum)),
        )
        for position, band in enumerate(bands, start=1)
    )
    y_ticks = (
        *(Tick(y_for(band.low), str(band.low)) for band in bands),
        Tick(y_for(maximum), str(maximum)),
    )
    first, last = results[0][0], results[-1][0]
    span = (last - first).total_seconds()
    points = tuple(
        Point(
            x=left
            + (plot_width / 2 if span == 0 else (when - first).total_seconds() * plot_width / span),
            y=y_for(total),
            total=total,
            when=when,
        )
        for when, total in results
    )
    return HistoryChart(width, height, left, top, plot_width, plot_height, stripes, y_ticks, points)

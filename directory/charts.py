"""A price histogram drawn as SVG on the server: shapes and numbers only, no styles or script."""

from dataclasses import dataclass

WIDTH, HEIGHT = 320, 140
PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT = 12, 110, 8, 312


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    low: int
    high: int
    count: int


@dataclass(frozen=True)
class PriceChart:
    width: int
    height: int
    bars: list[Bar]
    median_x: float
    axis_y: float
    lowest: int
    highest: int
    median: float


def price_chart(prices: list[int], median: float, bins: int = 8) -> PriceChart | None:
    if not prices:
        return None
    lowest, highest = prices[0], prices[-1]
    span = max(highest - lowest, 1)
    step = max(-(-span // bins), 1)
    counts = [0] * bins
    for price in prices:
        counts[min((price - lowest) // step, bins - 1)] += 1
    tallest = max(counts)
    plot_width, plot_height = PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP
    slot = plot_width / bins
    bars = []
    for index, count in enumerate(counts):
        height = plot_height * count / tallest
        bars.append(
            Bar(
                x=round(PLOT_LEFT + index * slot + 1, 1),
                y=round(PLOT_BOTTOM - height, 1),
                width=round(slot - 2, 1),
                height=round(height, 1),
                low=lowest + index * step,
                high=lowest + (index + 1) * step - 1 if index < bins - 1 else highest,
                count=count,
            )
        )
    median_x = PLOT_LEFT + plot_width * (median - lowest) / span if highest > lowest else WIDTH / 2
    return PriceChart(WIDTH, HEIGHT, bars, round(median_x, 1), PLOT_BOTTOM, lowest, highest, median)

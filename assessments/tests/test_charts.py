"""The geometry of the pictures: a score where it belongs on its scale, and scores over time."""

from datetime import UTC, datetime, timedelta

from assessments.charts import history_chart, scale_picture
from assessments.scoring import PHQ9_BANDS, score_gad7, score_phq9


def test_each_band_is_as_wide_as_the_totals_it_spans_and_the_marker_sits_in_its_band():
    picture = scale_picture(score_phq9([3, 3, 3, 3, 0, 0, 0, 0, 0]), width=560)
    widths = [round(segment.width) for segment in picture.segments]
    assert widths == [100, 100, 100, 100, 160]  # 5, 5, 5, 5 and 8 of the 28 possible totals
    current = [segment for segment in picture.segments if segment.current]
    assert [segment.band.code for segment in current] == ["moderate"]
    assert current[0].x <= picture.marker_x <= current[0].x + current[0].width
    assert [tick.label for tick in picture.ticks] == ["0", "5", "10", "15", "20", "27"]


def test_the_marker_stays_on_the_picture_at_both_ends():
    low, high = scale_picture(score_gad7([0] * 7)), scale_picture(score_gad7([3] * 7))
    assert 0 < low.marker_x < 30 and low.marker_label_anchor == "start"
    assert low.width - 30 < high.marker_x < low.width and high.marker_label_anchor == "end"


def test_history_points_are_placed_in_time_and_by_score():
    start = datetime(2026, 1, 1, tzinfo=UTC)
    results = [(start, 20), (start + timedelta(days=7), 15), (start + timedelta(days=28), 5)]
    chart = history_chart(results, PHQ9_BANDS, 27)
    xs = [point.x for point in chart.points]
    ys = [point.y for point in chart.points]
    assert xs[0] == chart.left and xs[-1] == chart.right
    assert round((xs[1] - xs[0]) / (xs[2] - xs[0]), 2) == 0.25  # a week of four
    assert ys[0] < ys[1] < ys[2]  # lower scores are drawn lower
    assert chart.stripes[0].y + chart.stripes[0].height == chart.bottom
    assert chart.stripes[-1].y == chart.top


def test_a_single_result_is_drawn_in_the_middle():
    chart = history_chart([(datetime(2026, 1, 1, tzinfo=UTC), 9)], PHQ9_BANDS, 27)
    assert chart.points[0].x == chart.left + chart.plot_width / 2

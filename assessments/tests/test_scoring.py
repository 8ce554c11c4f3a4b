"""The published scoring rules, at every band boundary, and for any valid answers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import (
    SELF_HARM,
    InvalidAnswers,
    score,
    score_gad7,
    score_pc_ptsd_5,
    score_pcl5,
    score_phq9,
)


def answers_totalling(total: int, count: int, highest: int, *, last: int | None = None):
    """Answers that add up to ``total``, filled from the first question; the last one may be
    fixed."""
    answers = []
    remaining = total if last is None else total - last
    for _ in range(count if last is None else count - 1):
        answers.append(min(highest, remaining))
        remaining -= answers[-1]
    assert remaining == 0, "total out of reach"
    return answers if last is None else [*answers, last]


def pcl5_answers(b, c, d, e):
    """PCL-5 answers written cluster by cluster: B items 1-5, C 6-7, D 8-14, E 15-20."""
    assert (len(b), len(c), len(d), len(e)) == (5, 2, 7, 6)
    return [*b, *c, *d, *e]


# Kroenke 2001: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe.
@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (24, "severe"),
    ],
)
def test_phq9_bands_at_every_boundary(total, band):
    result = score_phq9(answers_totalling(total, 9, 3))
    assert (result.total, result.band.code, result.flags) == (total, band, ())


def test_the_phq9_top_of_the_scale_is_severe_and_flagged():
    result = score_phq9([3] * 9)
    assert (result.total, result.band.code, result.flags) == (27, "severe", (SELF_HARM,))


@pytest.mark.parametrize(("total", "item9"), [(1, 1), (3, 3), (4, 1), (26, 3), (27, 3)])
def test_any_item9_answer_above_zero_is_flagged_whatever_the_total(total, item9):
    result = score_phq9(answers_totalling(total, 9, 3, last=item9))
    assert result.total == total
    assert result.flags == (SELF_HARM,)


def test_a_high_total_without_item9_is_not_flagged():
    result = score_phq9([3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert (result.total, result.band.code, result.flags) == (24, "severe", ())


@pytest.mark.parametrize(
    ("first_two", "phq2_total", "positive"),
    [((0, 0), 0, False), ((1, 1), 2, False), ((2, 1), 3, True), ((3, 3), 6, True)],
)
def test_phq2_is_the_first_two_items_positive_at_three(first_two, phq2_total, positive):
    result = score_phq9([*first_two, 0, 0, 0, 0, 0, 0, 0])
    assert (result.phq2_total, result.phq2_positive) == (phq2_total, positive)


# Spitzer 2006: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands_at_every_boundary(total, band):
    result = score_gad7(answers_totalling(total, 7, 3))
    assert (result.total, result.band.code, result.flags) == (total, band, ())


def test_gad7_has_no_moderately_severe_band():
    every_band = {score_gad7(answers_totalling(t, 7, 3)).band.code for t in range(22)}
    assert every_band == {"minimal", "mild", "moderate", "severe"}


@pytest.mark.parametrize(
    ("yes_count", "cut_point", "band"),
    [
        (0, 3, "negative"),
        (2, 3, "negative"),
        (3, 3, "positive"),
        (5, 3, "positive"),
        (3, 4, "negative"),
        (4, 4, "positive"),
    ],
)
def test_pc_ptsd_5_counts_yes_answers_against_the_cut_point(yes_count, cut_point, band):
    answers = [True] * yes_count + [False] * (5 - yes_count)
    result = score_pc_ptsd_5(True, answers, cut_point=cut_point)
    assert (result.total, result.band.code, result.cut_point) == (yes_count, band, cut_point)


def test_without_trauma_exposure_the_pc_ptsd_5_scores_zero_and_needs_no_answers():
    assert score_pc_ptsd_5(False, cut_point=3).total == 0
    ignored = score_pc_ptsd_5(False, [True] * 5, cut_point=3)
    assert (ignored.total, ignored.band.code, ignored.trauma_exposure) == (0, "negative", False)


def test_with_trauma_exposure_the_pc_ptsd_5_needs_its_five_answers():
    with pytest.raises(InvalidAnswers) as error:
        score_pc_ptsd_5(True, None, cut_point=3)
    assert error.value.field == "answers"


@pytest.mark.parametrize(
    ("total", "cut_point", "band"),
    [
        (0, 33, "negative"),
        (32, 33, "negative"),
        (33, 33, "positive"),
        (80, 33, "positive"),
        (30, 31, "negative"),
        (31, 31, "positive"),
    ],
)
def test_pcl5_is_positive_at_the_cut_point(total, cut_point, band):
    result = score_pcl5(answers_totalling(total, 20, 4), cut_point=cut_point)
    assert (result.total, result.band.code) == (total, band)


def test_pcl5_cluster_sums_follow_the_dsm5_clusters():
    answers = pcl5_answers([1, 2, 3, 4, 0], [4, 1], [0, 0, 2, 2, 1, 0, 0], [3, 3, 0, 1, 0, 2])
    result = score_pcl5(answers, cut_point=33)
    clusters = {c.cluster.code: (c.total, c.symptoms) for c in result.clusters}
    assert clusters == {"B": (10, 3), "C": (5, 1), "D": (5, 2), "E": (9, 3)}
    assert result.total == 29
    assert result.dsm5_pattern is True
    assert result.band.code == "negative"  # the pattern and the cut-point are separate findings


def test_the_dsm5_pattern_needs_every_cluster():
    # Two D symptoms and two E symptoms, one B, but C rated only "a little bit" (1).
    answers = pcl5_answers([2, 0, 0, 0, 0], [1, 1], [2, 2, 0, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0])
    result = score_pcl5(answers, cut_point=33)
    assert {c.cluster.code: c.met for c in result.clusters} == {
        "B": True,
        "C": False,
        "D": True,
        "E": True,
    }
    assert result.dsm5_pattern is False
    one_d = pcl5_answers([2, 0, 0, 0, 0], [2, 0], [2, 1, 1, 1, 1, 1, 1], [2, 2, 0, 0, 0, 0])
    assert score_pcl5(one_d, cut_point=33).dsm5_pattern is False


def test_pcl5_json_carries_clusters_and_the_pattern():
    data = score_pcl5([2] * 20, cut_point=33).as_json()
    assert data["total"] == 40 and data["band"] == "positive" and data["cut_point"] == 33
    assert data["clusters"]["D"] == {
        "items": [8, 14],
        "total": 14,
        "symptoms": 7,
        "symptoms_needed": 2,
        "met": True,
    }
    assert data["dsm5_pattern"] is True


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ([0] * 8, "answers"),
        ([0] * 10, "answers"),
        ("0,0,0,0,0,0,0,0,0", "answers"),
        ([0, 0, 4, 0, 0, 0, 0, 0, 0], "answers[2]"),
        ([0, -1, 0, 0, 0, 0, 0, 0, 0], "answers[1]"),
        ([0, 0, 0, 0, 0, 0, 0, 0, True], "answers[8]"),
        ([0, 0, 0, 1.5, 0, 0, 0, 0, 0], "answers[3]"),
        ([0, 0, 0, 0, "1", 0, 0, 0, 0], "answers[4]"),
        ([None] * 9, "answers[0]"),
    ],
)
def test_bad_phq9_answers_are_refused_naming_the_field(answers, field):
    with pytest.raises(InvalidAnswers) as error:
        score_phq9(answers)
    assert error.value.field == field


def test_a_whole_number_written_with_a_point_is_that_number():
    """In JSON, and so in the API's schema, 2.0 is the number 2."""
    assert (
        score_phq9([0, 0, 0, 2.0, 0, 0, 0, 0, 1.0]).total
        == score_phq9([0, 0, 0, 2, 0, 0, 0, 0, 1]).total
        == 3
    )


def test_pc_ptsd_5_answers_must_be_booleans():
    with pytest.raises(InvalidAnswers) as error:
        score_pc_ptsd_5(True, [1, 0, 1, 0, 1], cut_point=3)
    assert error.value.field == "answers[0]"
    with pytest.raises(InvalidAnswers) as error:
        score_pc_ptsd_5("yes", [True] * 5, cut_point=3)
    assert error.value.field == "trauma_exposure"


@pytest.mark.parametrize(
    ("instrument", "body", "field"),
    [
        ("phq9", {}, "answers"),
        ("pcl5", {"answer": [0] * 20}, "answers"),
        ("pc-ptsd-5", {"answers": [True] * 5}, "trauma_exposure"),
        ("bdi", {"answers": [0]}, "instrument"),
    ],
)
def test_a_missing_field_or_unknown_instrument_is_named(instrument, body, field):
    with pytest.raises(InvalidAnswers) as error:
        score(instrument, body, pc_ptsd_5_cut_point=3, pcl5_cut_point=33)
    assert error.value.field == field


def phq9_band(total):
    return (
        "minimal"
        if total <= 4
        else "mild"
        if total <= 9
        else "moderate"
        if total <= 14
        else "moderately_severe"
        if total <= 19
        else "severe"
    )


def gad7_band(total):
    return (
        "minimal"
        if total <= 4
        else "mild"
        if total <= 9
        else "moderate"
        if total <= 14
        else "severe"
    )


@given(st.lists(st.integers(0, 3), min_size=9, max_size=9))
def test_any_valid_phq9_gives_a_total_in_range_and_its_band(answers):
    result = score_phq9(answers)
    assert 0 <= result.total <= 27 and result.total == sum(answers)
    assert result.band.code == phq9_band(result.total)
    assert result.band.low <= result.total <= result.band.high
    assert (SELF_HARM in result.flags) == (answers[8] > 0)


@given(st.lists(st.integers(0, 3), min_size=7, max_size=7))
def test_any_valid_gad7_gives_a_total_in_range_and_its_band(answers):
    result = score_gad7(answers)
    assert 0 <= result.total <= 21 and result.total == sum(answers)
    assert result.band.code == gad7_band(result.total)
    assert result.flags == ()


@given(st.booleans(), st.lists(st.booleans(), min_size=5, max_size=5), st.integers(1, 5))
def test_any_valid_pc_ptsd_5_gives_a_total_in_range_and_its_band(exposed, answers, cut_point):
    result = score_pc_ptsd_5(exposed, answers, cut_point=cut_point)
    expected_total = sum(answers) if exposed else 0
    assert 0 <= result.total <= 5 and result.total == expected_total
    assert result.band.code == ("positive" if expected_total >= cut_point else "negative")


@given(st.lists(st.integers(0, 4), min_size=20, max_size=20), st.integers(1, 80))
def test_any_valid_pcl5_gives_a_total_in_range_its_band_and_its_clusters(answers, cut_point):
    result = score_pcl5(answers, cut_point=cut_point)
    assert 0 <= result.total <= 80 and result.total == sum(answers)
    assert result.band.code == ("positive" if result.total >= cut_point else "negative")
    assert sum(cluster.total for cluster in result.clusters) == result.total
    counted = [
        sum(a >= 2 for a in answers[lo:hi]) for lo, hi in ((0, 5), (5, 7), (7, 14), (14, 20))
    ]
    assert [cluster.symptoms for cluster in result.clusters] == counted
    assert result.dsm5_pattern == (
        counted[0] >= 1 and counted[1] >= 1 and counted[2] >= 2 and counted[3] >= 2
    )


@given(
    st.lists(
        st.one_of(st.integers(), st.booleans(), st.floats(), st.text(), st.none()),
        min_size=0,
        max_size=12,
    )
)
def test_any_invalid_phq9_is_refused_and_never_crashes(answers):
    valid = len(answers) == 9 and all(type(a) is int and 0 <= a <= 3 for a in answers)
    if valid:
        assert score_phq9(answers).total == sum(answers)
    else:
        with pytest.raises(InvalidAnswers):
            score_phq9(answers)

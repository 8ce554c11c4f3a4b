"""The questionnaires as published: item counts, answer scales, wording and credits."""

import pytest

from assessments.instruments import GAD7, INSTRUMENTS, PC_PTSD_5, PCL5, PHQ9


@pytest.mark.parametrize(
    ("instrument", "items", "answers", "maximum"),
    [
        (PHQ9, 9, [0, 1, 2, 3], 27),
        (GAD7, 7, [0, 1, 2, 3], 21),
        (PC_PTSD_5, 5, [1, 0], 5),
        (PCL5, 20, [0, 1, 2, 3, 4], 80),
    ],
)
def test_each_questionnaire_has_its_published_shape(instrument, items, answers, maximum):
    assert len(instrument.items) == items
    assert [choice.value for choice in instrument.choices] == answers
    assert instrument.maximum_total == maximum


def test_the_answer_words_are_the_published_ones():
    assert [str(c.label) for c in PHQ9.choices] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert [str(c.label) for c in PCL5.choices] == [
        "Not at all",
        "A little bit",
        "Moderately",
        "Quite a bit",
        "Extremely",
    ]


def test_phq9_question_9_asks_about_death_and_self_harm():
    assert str(PHQ9.items[8]) == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert str(GAD7.items[0]) == "Feeling nervous, anxious, or on edge"
    assert str(PCL5.items[16]) == 'Being "superalert" or watchful or on guard?'


def test_the_pc_ptsd_5_asks_its_gate_question_first():
    assert "Have you ever experienced this kind of event?" in str(PC_PTSD_5.gate_question)
    assert str(PC_PTSD_5.instructions) == "In the past month, have you..."


@pytest.mark.parametrize("instrument", INSTRUMENTS.values(), ids=lambda i: i.code)
def test_every_questionnaire_carries_its_credit(instrument):
    credit = str(instrument.attribution)
    if instrument in (PHQ9, GAD7):
        assert "Pfizer" in credit and "No permission required" in credit
    else:
        assert "National Center for PTSD" in credit and "public domain" in credit

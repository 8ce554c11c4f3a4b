"""Scoring rules for the screeners, exactly as published. Pure functions: no request, no database.

Every function checks what it is given and raises ``InvalidAnswers`` naming the field, so the web
flow, the saved history and the public API all refuse the same bad input in the same words.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from assessments.instruments import GAD7, PC_PTSD_5, PCL5, PHQ9, Instrument

SELF_HARM = "self_harm"
PHQ2_CUT_POINT = 3  # Kroenke 2003
PCL5_ITEM_COUNTS_AT = 2  # an item rated "moderately" or more counts as a symptom


class InvalidAnswers(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    low: int
    high: int

    def __contains__(self, total: int) -> bool:
        return self.low <= total <= self.high


# Kroenke 2001: 0-4 none to minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe,
# 20-27 severe.
PHQ9_BANDS = (
    Band("minimal", _("Minimal"), 0, 4),
    Band("mild", _("Mild"), 5, 9),
    Band("moderate", _("Moderate"), 10, 14),
    Band("moderately_severe", _("Moderately severe"), 15, 19),
    Band("severe", _("Severe"), 20, 27),
)

# Spitzer 2006: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
GAD7_BANDS = (
    Band("minimal", _("Minimal"), 0, 4),
    Band("mild", _("Mild"), 5, 9),
    Band("moderate", _("Moderate"), 10, 14),
    Band("severe", _("Severe"), 15, 21),
)


SCREEN_BAND_CODES = ("negative", "positive")
BAND_CODES = {
    PHQ9.code: tuple(band.code for band in PHQ9_BANDS),
    GAD7.code: tuple(band.code for band in GAD7_BANDS),
    PC_PTSD_5.code: SCREEN_BAND_CODES,
    PCL5.code: SCREEN_BAND_CODES,
}


def screen_bands(cut_point: int, maximum: int) -> tuple[Band, Band]:
    return (
        Band("negative", _("Negative screen"), 0, cut_point - 1),
        Band("positive", _("Positive screen"), cut_point, maximum),
    )


def bands_for(
    instrument: str, *, pc_ptsd_5_cut_point: int, pcl5_cut_point: int
) -> tuple[Band, ...]:
    if instrument == PHQ9.code:
        return PHQ9_BANDS
    if instrument == GAD7.code:
        return GAD7_BANDS
    if instrument == PC_PTSD_5.code:
        return screen_bands(pc_ptsd_5_cut_point, PC_PTSD_5.maximum_total)
    return screen_bands(pcl5_cut_point, PCL5.maximum_total)


@dataclass(frozen=True)
class Cluster:
    code: str
    label: str
    first_item: int
    last_item: int
    symptoms_needed: int


# Blevins 2015: DSM-5 clusters B (intrusion), C (avoidance), D (mood and thinking), E (arousal).
PCL5_CLUSTERS = (
    Cluster("B", _("Intrusion"), 1, 5, 1),
    Cluster("C", _("Avoidance"), 6, 7, 1),
    Cluster("D", _("Negative changes in thinking and mood"), 8, 14, 2),
    Cluster("E", _("Changes in arousal and reactivity"), 15, 20, 2),
)


@dataclass(frozen=True)
class ClusterScore:
    cluster: Cluster
    total: int
    symptoms: int

    @property
    def met(self) -> bool:
        return self.symptoms >= self.cluster.symptoms_needed


@dataclass(frozen=True)
class Score:
    instrument: Instrument
    total: int
    band: Band
    bands: tuple[Band, ...]
    flags: tuple[str, ...] = ()
    cut_point: int | None = None
    trauma_exposure: bool | None = None
    phq2_total: int | None = None
    clusters: tuple[ClusterScore, ...] = field(default=())

    @property
    def maximum(self) -> int:
        return self.instrument.maximum_total

    @property
    def phq2_positive(self) -> bool:
        return self.phq2_total is not None and self.phq2_total >= PHQ2_CUT_POINT

    @property
    def dsm5_pattern(self) -> bool:
        return bool(self.clusters) and all(cluster.met for cluster in self.clusters)

    def as_json(self) -> dict:
        data = {
            "instrument": self.instrument.code,
            "total": self.total,
            "max_total": self.maximum,
            "band": self.band.code,
            "flags": list(self.flags),
        }
        if self.cut_point is not None:
            data["cut_point"] = self.cut_point
        if self.trauma_exposure is not None:
            data["trauma_exposure"] = self.trauma_exposure
        if self.phq2_total is not None:
            data["phq2"] = {"total": self.phq2_total, "positive": self.phq2_positive}
        if self.clusters:
            data["clusters"] = {
                score.cluster.code: {
                    "items": [score.cluster.first_item, score.cluster.last_item],
                    "total": score.total,
                    "symptoms": score.symptoms,
                    "symptoms_needed": score.cluster.symptoms_needed,
                    "met": score.met,
                }
                for score in self.clusters
            }
            data["dsm5_pattern"] = self.dsm5_pattern
        return data


def band_for(total: int, bands: Sequence[Band]) -> Band:
    for band in bands:
        if total in band:
            return band
    raise ValueError(f"{total} is outside every band")


def _list_of(answers, count: int, kind: str) -> list:
    if not isinstance(answers, list | tuple):
        raise InvalidAnswers(
            "answers", _("Give a list of %(count)s %(kind)s.") % {"count": count, "kind": kind}
        )
    if len(answers) != count:
        raise InvalidAnswers(
            "answers",
            _("Give exactly %(count)s answers, not %(given)s.")
            % {"count": count, "given": len(answers)},
        )
    return list(answers)


def _whole_numbers(answers, instrument: Instrument) -> list[int]:
    low, high = instrument.lowest_answer, instrument.highest_answer
    values = _list_of(answers, len(instrument.items), _("whole numbers"))
    for index, value in enumerate(values):
        # JSON (and its schemas) count 2.0 as the whole number 2.
        if type(value) is float and value.is_integer():
            values[index] = value = int(value)
        # bool is a subclass of int in Python, but true/false is not an answer on these scales.
        if type(value) is not int or not low <= value <= high:
            raise InvalidAnswers(
                f"answers[{index}]",
                _("Question %(number)s needs a whole number from %(low)s to %(high)s.")
                % {"number": index + 1, "low": low, "high": high},
            )
    return values


def _yes_no(answers, instrument: Instrument) -> list[bool]:
    values = _list_of(answers, len(instrument.items), _("true or false answers"))
    for index, value in enumerate(values):
        if not isinstance(value, bool):
            raise InvalidAnswers(
                f"answers[{index}]",
                _("Question %(number)s needs true (yes) or false (no).") % {"number": index + 1},
            )
    return values


def score_phq9(answers: Sequence[int]) -> Score:
    values = _whole_numbers(answers, PHQ9)
    total = sum(values)
    # Item 9 asks about thoughts of death or self-harm: any answer above "not at all" is a
    # safety flag, whatever the total.
    flags = (SELF_HARM,) if values[8] > 0 else ()
    return Score(
        PHQ9,
        total,
        band_for(total, PHQ9_BANDS),
        PHQ9_BANDS,
        flags=flags,
        phq2_total=values[0] + values[1],
    )


def score_gad7(answers: Sequence[int]) -> Score:
    total = sum(_whole_numbers(answers, GAD7))
    return Score(GAD7, total, band_for(total, GAD7_BANDS), GAD7_BANDS)


def score_pc_ptsd_5(
    trauma_exposure: bool, answers: Sequence[bool] | None = None, *, cut_point: int
) -> Score:
    if not isinstance(trauma_exposure, bool):
        raise InvalidAnswers("trauma_exposure", _("Give true or false."))
    if answers is None and trauma_exposure:
        raise InvalidAnswers("answers", _("Give the five answers when trauma_exposure is true."))
    values = _yes_no(answers, PC_PTSD_5) if answers is not None else []
    # Without a traumatic event the five questions are not asked and the screen scores 0.
    total = sum(values) if trauma_exposure else 0
    bands = screen_bands(cut_point, PC_PTSD_5.maximum_total)
    return Score(
        PC_PTSD_5,
        total,
        band_for(total, bands),
        bands,
        cut_point=cut_point,
        trauma_exposure=trauma_exposure,
    )


def score_pcl5(answers: Sequence[int], *, cut_point: int) -> Score:
    values = _whole_numbers(answers, PCL5)
    total = sum(values)
    clusters = tuple(
        ClusterScore(
            cluster,
            total=sum(values[cluster.first_item - 1 : cluster.last_item]),
            symptoms=sum(
                value >= PCL5_ITEM_COUNTS_AT
                for value in values[cluster.first_item - 1 : cluster.last_item]
            ),
        )
        for cluster in PCL5_CLUSTERS
    )
    bands = screen_bands(cut_point, PCL5.maximum_total)
    return Score(PCL5, total, band_for(total, bands), bands, cut_point=cut_point, clusters=clusters)


def score(
    instrument: str, body: Mapping, *, pc_ptsd_5_cut_point: int, pcl5_cut_point: int
) -> Score:
    """Scores a body shaped like the API's: ``{"answers": [...]}``, plus ``trauma_exposure``
    for the PC-PTSD-5."""
    if instrument == PC_PTSD_5.code:
        if "trauma_exposure" not in body:
            raise InvalidAnswers("trauma_exposure", _("This field is required."))
        if "answers" in body and body["answers"] is None:
            raise InvalidAnswers("answers", _("Give the five answers, or leave answers out."))
        return score_pc_ptsd_5(
            body["trauma_exposure"], body.get("answers"), cut_point=pc_ptsd_5_cut_point
        )
    if instrument not in (PHQ9.code, GAD7.code, PCL5.code):
        raise InvalidAnswers(
            "instrument", _("Unknown questionnaire; use phq9, gad7, pc-ptsd-5 or pcl5.")
        )
    if "answers" not in body:
        raise InvalidAnswers("answers", _("This field is required."))
    if instrument == PHQ9.code:
        return score_phq9(body["answers"])
    if instrument == GAD7.code:
        return score_gad7(body["answers"])
    return score_pcl5(body["answers"], cut_point=pcl5_cut_point)

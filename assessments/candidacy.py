"""What the scores and the candidacy answers mean for the options a person might consider.

Pure rules, no request or template code: the result page and ``POST /api/v1/assessments/advice``
both call ``advise``. The answers are first gathered into one ``Facts`` object; then one function
per option decides whether it is listed at all, how it fits and why. The words are in
``assessments.wording``, the safety questions in ``assessments.safety``.

Every option shown carries its reasons, whichever way it fits:
- ``may_fit``: the answers point to it; a link to find providers, with any caution beside it.
- ``talk_to_doctor_first``: the answers point to it, but a health answer means a doctor must
  decide first whether it is safe: no link to book.
- ``not_now``: the answers do not point to it now; no link to book.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from assessments import wording
from assessments.instruments import GAD7, PC_PTSD_5, PCL5, PHQ9
from assessments.safety import (
    ANSWER_CODES,
    NOT_SURE,
    SAFETY_ANSWERS,
    SAFETY_BY_CODE,
    SAFETY_QUESTIONS,
    YES,
    SafetyQuestion,
)
from assessments.scoring import SELF_HARM, InvalidAnswers, Score
from assessments.wording import Reason

__all__ = [
    "ANTIDEPRESSANT_TRIALS",
    "NOT_SURE",
    "OTHER_TREATMENTS",
    "SAFETY_ANSWERS",
    "SAFETY_QUESTIONS",
    "Advice",
    "Facts",
    "Option",
    "Reason",
    "advise",
    "meaning",
    "references_used",
]

ANTIDEPRESSANT_TRIALS = (
    ("0", _("None")),
    ("1", _("One")),
    ("2", _("Two")),
    ("3", _("Three or more")),
    (NOT_SURE, _("I'm not sure")),
)
TRIAL_CODES = tuple(code for code, _label in ANTIDEPRESSANT_TRIALS)
TREATMENT_RESISTANT_AT = 2  # antidepressants without enough benefit, in the current episode

OTHER_TREATMENTS = (
    ("therapy", _("Talk therapy (counseling or psychotherapy)")),
    ("tms", _("TMS (transcranial magnetic stimulation)")),
    ("ect", _("ECT (electroconvulsive therapy)")),
    ("ketamine", _("Ketamine")),
    ("esketamine", _("Esketamine (Spravato)")),
)

MODERATE_AT = 10  # PHQ-9 and GAD-7 totals from the "moderate" band up
MILD_AT = 5
ADULT_AT = 18
#: The antidepressants' boxed warning covers children and young adults: under 25 in the label.
YOUNG_ADULT_UNTIL = 25

MAY_FIT, TALK_FIRST, NOT_NOW = "may_fit", "talk_to_doctor_first", "not_now"
FITS = (MAY_FIT, TALK_FIRST, NOT_NOW)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Option:
    code: str
    title: str
    fit: str
    reasons: tuple[Reason, ...]
    learn_more: tuple[Link, ...] = ()
    #: Health answers and other points to raise with the doctor, shown beside the option.
    cautions: tuple[Reason, ...] = ()
    #: Where to find providers; only an option that may fit has one.
    finder_url: str | None = None

    @property
    def may_fit(self) -> bool:
        return self.fit == MAY_FIT


@dataclass(frozen=True)
class Advice:
    #: What the options rest on (the scores that matter, a resistant depression), said once.
    context: tuple[Reason, ...]
    options: tuple[Option, ...]
    talk_first: tuple[Reason, ...]
    treatment_resistant: bool
    crisis: bool
    #: Safety questions answered "yes" or "not sure", in the screen's order.
    concerns: tuple[SafetyQuestion, ...]

    def _with(self, fit: str) -> tuple[Option, ...]:
        return tuple(option for option in self.options if option.fit == fit)

    @property
    def fitting(self) -> tuple[Option, ...]:
        return self._with(MAY_FIT)

    @property
    def doctor_first(self) -> tuple[Option, ...]:
        return self._with(TALK_FIRST)

    @property
    def not_fitting(self) -> tuple[Option, ...]:
        return self._with(NOT_NOW)

    @property
    def ketamine_in_play(self) -> bool:
        """Whether ketamine or esketamine is something these answers make worth reading about."""
        return any(
            option.code in KETAMINE_OPTIONS and option.fit != NOT_NOW for option in self.options
        )

    @property
    def ketamine_listed(self) -> bool:
        return any(option.code in KETAMINE_OPTIONS for option in self.options)


CONDITION_PAGES = {
    "depression": Link(
        _("Depression, including treatment-resistant depression"), "/conditions/depression/"
    ),
    "anxiety": Link(_("Anxiety"), "/conditions/anxiety/"),
    "ptsd": Link(_("PTSD"), "/conditions/ptsd/"),
}
TREATMENT_PAGES = {
    "ketamine_clinic": Link(_("Ketamine treatment"), "/treatments/ketamine/"),
    "esketamine": Link(_("Esketamine (Spravato)"), "/treatments/esketamine/"),
    "tms": Link(_("TMS"), "/treatments/tms/"),
    "ect": Link(_("ECT"), "/treatments/ect/"),
    "first_line": Link(_("Antidepressants"), "/treatments/antidepressants/"),
}
KETAMINE_OPTIONS = ("ketamine_clinic", "esketamine")
#: The finder's treatment for medicine through a doctor: psychiatric care and medication.
PRESCRIBERS = "ssri"


def finder_url(*, condition: str, treatment: str = "") -> str:
    query = (
        f"treatment={treatment}&condition={condition}" if treatment else f"condition={condition}"
    )
    return f"/find/?{query}"


@dataclass(frozen=True)
class Facts:
    """Everything the rules look at, gathered once from the scores and answers."""

    scores: Mapping[str, Score]
    #: Antidepressants tried without enough benefit; None when the person is not sure.
    trials: int | None
    #: True for 18 to 24, False for 25 or older, None when not asked.
    young_adult: bool | None
    safety: Mapping[str, str]

    @property
    def phq9(self) -> Score | None:
        return self.scores.get(PHQ9.code)

    @property
    def gad7(self) -> Score | None:
        return self.scores.get(GAD7.code)

    @cached_property
    def ptsd(self) -> Score | None:
        for code in (PCL5.code, PC_PTSD_5.code):
            if code in self.scores and self.scores[code].band.code == "positive":
                return self.scores[code]
        return None

    def _phq9_at(self, total: int) -> bool:
        return self.phq9 is not None and self.phq9.total >= total

    @property
    def depressed(self) -> bool:
        return self._phq9_at(MODERATE_AT)

    @property
    def some_depression(self) -> bool:
        return self._phq9_at(MILD_AT)

    @property
    def anxious(self) -> bool:
        return self.gad7 is not None and self.gad7.total >= MODERATE_AT

    @property
    def some_anxiety(self) -> bool:
        return self.gad7 is not None and self.gad7.total >= MILD_AT

    @property
    def resistant(self) -> bool:
        return self.trials is not None and self.trials >= TREATMENT_RESISTANT_AT

    @property
    def self_harm(self) -> bool:
        return self.phq9 is not None and SELF_HARM in self.phq9.flags

    def answered(self, *answers: str) -> tuple[SafetyQuestion, ...]:
        return tuple(q for q in SAFETY_QUESTIONS if self.safety.get(q.code) in answers)

    @cached_property
    def exclusions(self) -> tuple[SafetyQuestion, ...]:
        """Standard exclusions answered "yes"."""
        return tuple(q for q in self.answered(YES) if q.excludes)

    @cached_property
    def ketamine_cautions(self) -> tuple[Reason, ...]:
        """What to raise with the doctor when ketamine or esketamine may still fit."""
        unsure = tuple(wording.unsure(q) for q in self.answered(NOT_SURE))
        cautions = tuple(wording.caution(q) for q in self.answered(YES) if not q.excludes)
        return unsure + cautions

    @property
    def mania_or_psychosis(self) -> bool:
        return self.safety.get("psychosis_mania") == YES


def _ketamine_listed(facts: Facts) -> bool:
    """Ketamine options are shown only when the answers make them a real question."""
    return facts.some_depression or facts.resistant


def _context(facts: Facts) -> tuple[Reason, ...]:
    """What the options rest on, said once for all of them."""
    reasons = [
        wording.band(score)
        for score, present in (
            (facts.phq9, facts.some_depression),
            (facts.gad7, facts.some_anxiety),
        )
        if present
    ]
    if facts.ptsd is not None:
        reasons.append(wording.ptsd_positive(facts.ptsd))
    if facts.resistant:
        reasons.append(wording.RESISTANT)
    return tuple(reasons)


def _ketamine_option(
    facts: Facts, *, code: str, treatment: str, about: Sequence[Reason], **option
) -> Option:
    """Once the scores and history point to ketamine or esketamine: a "yes" to an exclusion
    means a doctor decides first; otherwise it may fit, with every caution beside it."""
    if facts.exclusions:
        excluded = tuple(wording.excluded(q) for q in facts.exclusions)
        return Option(
            code=code,
            fit=TALK_FIRST,
            reasons=(wording.EXCLUDED_LEAD, *excluded),
            **option,
        )
    cautions = list(facts.ketamine_cautions)
    if facts.self_harm:
        cautions.insert(0, wording.NOT_A_CRISIS_SERVICE)
    return Option(
        code=code,
        fit=MAY_FIT,
        reasons=tuple(about),
        cautions=tuple(cautions),
        finder_url=finder_url(treatment=treatment, condition="depression"),
        **option,
    )


def _not_now(option: dict, reasons: tuple[Reason, ...]) -> Option:
    """Ketamine or esketamine explained as not fitting now, without pointing to read more about
    it: the result links the ketamine pages only when ketamine is in play."""
    return Option(fit=NOT_NOW, reasons=reasons, **{**option, "learn_more": ()})


def ketamine_clinic(facts: Facts) -> Option | None:
    if not _ketamine_listed(facts):
        return None
    option = {
        "code": "ketamine_clinic",
        "title": _("A ketamine clinic"),
        "learn_more": (TREATMENT_PAGES["ketamine_clinic"], CONDITION_PAGES["depression"]),
    }
    if not facts.depressed:
        not_now = wording.NOT_DEPRESSED_ENOUGH
    elif facts.trials is None:
        not_now = wording.TRIALS_UNKNOWN
    elif not facts.resistant:
        not_now = wording.TOO_FEW_TRIALS
    else:
        about = [
            wording.KETAMINE_WHY,
            wording.KETAMINE_EVIDENCE,
            wording.KETAMINE_OFF_LABEL,
            wording.KETAMINE_PAYMENT,
            wording.KETAMINE_DURATION,
        ]
        if facts.ptsd is not None:
            about.append(wording.KETAMINE_PTSD)
        return _ketamine_option(facts, treatment="ketamine", about=about, **option)
    return _not_now(option, (not_now,))


def esketamine(facts: Facts) -> Option | None:
    if not _ketamine_listed(facts):
        return None
    option = {
        "code": "esketamine",
        "title": _("Esketamine nasal spray (Spravato)"),
        "learn_more": (TREATMENT_PAGES["esketamine"], CONDITION_PAGES["depression"]),
    }
    if facts.depressed and facts.resistant:
        chosen = _ketamine_option(
            facts,
            treatment="esketamine",
            about=(wording.ESKETAMINE_APPROVAL, wording.ESKETAMINE_SETTING),
            **option,
        )
        if chosen.fit == MAY_FIT and facts.young_adult:
            return replace(chosen, cautions=(wording.UNDER_25, *chosen.cautions))
        return chosen
    if facts.depressed and facts.self_harm:
        # Its second approval: with an oral antidepressant, for depression with acute suicidal
        # thoughts or behaviour. A psychiatrist decides, as part of urgent care: nothing to book.
        excluded = tuple(wording.excluded(q) for q in facts.exclusions)
        return Option(
            fit=TALK_FIRST,
            reasons=(wording.ESKETAMINE_SUICIDAL_THOUGHTS, *excluded),
            **option,
        )
    if not facts.depressed:
        not_now = wording.NOT_DEPRESSED_ENOUGH
    elif facts.trials is None:
        not_now = wording.TRIALS_UNKNOWN
    else:
        not_now = wording.ESKETAMINE_NOT_YET
    return _not_now(option, (not_now,))


def tms(facts: Facts) -> Option | None:
    if not (facts.depressed and facts.resistant):
        return None
    return Option(
        code="tms",
        title=_("TMS (transcranial magnetic stimulation)"),
        fit=MAY_FIT,
        reasons=(wording.TMS_ABOUT, wording.TMS_EVIDENCE),
        cautions=(wording.TMS_CHECKS,),
        finder_url=finder_url(treatment="tms", condition="depression"),
        learn_more=(TREATMENT_PAGES["tms"],),
    )


def ect(facts: Facts) -> Option | None:
    if not (facts.depressed and facts.resistant):
        return None
    heart = {"blood_pressure", "heart_brain_vessels", "aneurysm_bleed"}
    cautions = (
        (wording.ECT_ANAESTHETIC,)
        if any(q.code in heart for q in facts.answered(YES, NOT_SURE))
        else ()
    )
    return Option(
        code="ect",
        title=_("ECT (electroconvulsive therapy)"),
        fit=MAY_FIT,
        reasons=(
            wording.ECT_ABOUT,
            wording.ECT_EVIDENCE,
            wording.ECT_MEMORY,
            wording.ECT_VERSUS_KETAMINE,
        ),
        cautions=cautions,
        finder_url=finder_url(treatment="ect", condition="depression"),
        learn_more=(TREATMENT_PAGES["ect"],),
    )


def _medicine_cautions(facts: Facts) -> tuple[Reason, ...]:
    cautions = []
    if facts.young_adult:
        cautions.append(wording.UNDER_25)
    if facts.mania_or_psychosis:
        cautions.append(wording.MEDICINE_AFTER_MANIA)
    return tuple(cautions)


def first_line(facts: Facts) -> Option | None:
    """Medicine, talk therapy or both through a doctor; after two antidepressants, a change of
    medicine."""
    anxiety = [wording.FIRST_LINE_ANXIETY] if facts.anxious else []
    if facts.depressed and facts.resistant:
        return Option(
            code="first_line",
            title=_("Changing or adding a medicine, through your doctor"),
            fit=MAY_FIT,
            reasons=(wording.MEDICINE_CHANGE, *anxiety),
            cautions=_medicine_cautions(facts),
            finder_url=finder_url(treatment=PRESCRIBERS, condition="depression"),
            learn_more=(TREATMENT_PAGES["first_line"], CONDITION_PAGES["depression"]),
        )
    title = _("Medicine, talk therapy or both, through your doctor")
    if facts.depressed or facts.anxious:
        condition = "depression" if facts.depressed else "anxiety"
        depression = [wording.FIRST_LINE_USUAL] if facts.depressed else []
        return Option(
            code="first_line",
            title=title,
            fit=MAY_FIT,
            reasons=(*depression, *anxiety),
            cautions=_medicine_cautions(facts),
            finder_url=finder_url(treatment=PRESCRIBERS, condition=condition),
            learn_more=(TREATMENT_PAGES["first_line"], CONDITION_PAGES[condition]),
        )
    if facts.some_depression:
        return Option(
            code="first_line",
            title=title,
            fit=NOT_NOW,
            reasons=(wording.FIRST_LINE_MILD,),
            learn_more=(CONDITION_PAGES["depression"],),
        )
    return None


def therapy(facts: Facts) -> Option | None:
    conditions = [
        condition
        for condition, present in (
            ("depression", facts.some_depression),
            ("anxiety", facts.some_anxiety),
            ("ptsd", facts.ptsd is not None),
        )
        if present
    ]
    if not conditions:
        return None
    return Option(
        code="therapy",
        title=_("Talk therapy"),
        fit=MAY_FIT,
        reasons=(wording.THERAPY_HELPS,),
        finder_url=finder_url(treatment="talk-therapy", condition=conditions[0]),
        learn_more=tuple(CONDITION_PAGES[condition] for condition in conditions),
    )


OPTION_RULES = (ketamine_clinic, esketamine, tms, ect, first_line, therapy)
OPTION_CODES = ("ketamine_clinic", "esketamine", "tms", "ect", "first_line", "therapy")


def _talk_first(facts: Facts) -> tuple[Reason, ...]:
    reasons = [wording.SELF_HARM_FIRST] if facts.self_harm else []
    reasons += [wording.excluded(q) for q in facts.exclusions]
    reasons += facts.ketamine_cautions
    if facts.ptsd is not None:
        reasons.append(wording.PTSD_ASSESSMENT)
    return tuple(reasons)


def facts_from(
    scores: Mapping[str, Score],
    *,
    antidepressant_trials: str,
    safety: Mapping[str, str],
    young_adult: bool | None,
) -> Facts:
    """Checks the answers' codes and gathers them; an unknown code raises ``InvalidAnswers``
    naming it, never a bare error."""
    if antidepressant_trials not in TRIAL_CODES:
        raise InvalidAnswers(
            "antidepressant_trials",
            _("Unknown answer; use one of %(codes)s.") % {"codes": ", ".join(TRIAL_CODES)},
        )
    for code, answer in safety.items():
        if code not in SAFETY_BY_CODE:
            raise InvalidAnswers(f"safety.{code}", _("Unknown safety question."))
        if answer not in ANSWER_CODES:
            raise InvalidAnswers(
                f"safety.{code}",
                _("Unknown answer; use one of %(codes)s.") % {"codes": ", ".join(ANSWER_CODES)},
            )
    trials = None if antidepressant_trials == NOT_SURE else int(antidepressant_trials)
    return Facts(scores, trials, young_adult, safety)


def advise(
    scores: Mapping[str, Score],
    *,
    antidepressant_trials: str = NOT_SURE,
    safety: Mapping[str, str] | None = None,
    young_adult: bool | None = None,
) -> Advice:
    """The options these answers point to, how each fits and why; the reasons to talk to a
    doctor first. A safety question left unanswered counts as "not sure", never as "no"."""
    answered = safety or {}
    complete = {q.code: answered.get(q.code, NOT_SURE) for q in SAFETY_QUESTIONS}
    facts = facts_from(
        scores,
        antidepressant_trials=antidepressant_trials,
        safety={**answered, **complete},
        young_adult=young_adult,
    )
    options = tuple(option for rule in OPTION_RULES if (option := rule(facts)) is not None)
    return Advice(
        context=_context(facts),
        options=options,
        talk_first=_talk_first(facts),
        treatment_resistant=facts.resistant,
        crisis=facts.self_harm,
        concerns=facts.answered(YES, NOT_SURE),
    )


def meaning(score: Score) -> Reason:
    """What a score means, in plain words."""
    code, band = score.instrument.code, score.band.code
    if code == PHQ9.code:
        return Reason(PHQ9_MEANINGS[band], ("kroenke2001",))
    if code == GAD7.code:
        return Reason(GAD7_MEANINGS[band], ("spitzer2006",))
    if code == PC_PTSD_5.code:
        return _pc_ptsd_5_meaning(score)
    return _pcl5_meaning(score)


def _pc_ptsd_5_meaning(score: Score) -> Reason:
    if not score.trauma_exposure:
        return Reason(
            _(
                "You said you have not been through this kind of event, so the five "
                "questions are skipped and the screen scores 0."
            ),
            ("prins2016",),
        )
    words = {"yes_count": score.total, "cut_point": score.cut_point}
    if score.band.code == "positive":
        text = _(
            "You answered yes to %(yes_count)s of the 5 questions. This site counts "
            "%(cut_point)s or more as a positive screen: PTSD is possible and worth a fuller "
            "assessment with a clinician. A cut-point of 3 misses fewer people with PTSD; 4 "
            "gives fewer false alarms."
        )
    else:
        text = _(
            "You answered yes to %(yes_count)s of the 5 questions, below the %(cut_point)s "
            "this site counts as a positive screen. If what happened still troubles you, it "
            "is still worth talking about with someone you trust or a clinician."
        )
    return Reason(text % words, ("prins2016", "bovin2021"))


def _pcl5_meaning(score: Score) -> Reason:
    words = {"cut_point": score.cut_point}
    if score.band.code == "positive":
        text = _(
            "Your total is at or above %(cut_point)s, the provisional cut-point this site uses "
            "(studies suggest a cut-point from 31 to 33). PTSD is possible: a clinician can make "
            "a full assessment."
        )
    else:
        text = _(
            "Your total is below %(cut_point)s, the provisional cut-point this site uses "
            "(studies suggest a cut-point from 31 to 33). If these problems still trouble you, "
            "they are worth talking about with a clinician."
        )
    return Reason(text % words, ("bovin2016", "blevins2015"))


PHQ9_MEANINGS = {
    "minimal": _("Your answers suggest few or no signs of depression over the last two weeks."),
    "mild": _(
        "Your answers suggest mild depression. Keep an eye on how you feel and take this again "
        "in a few weeks; talk with a doctor sooner if things get harder."
    ),
    "moderate": _(
        "Your answers suggest moderate depression. This is a good time to talk with a doctor or "
        "therapist about treatment."
    ),
    "moderately_severe": _(
        "Your answers suggest moderately severe depression. Treatment can help, and it is worth "
        "seeing a doctor soon."
    ),
    "severe": _(
        "Your answers suggest severe depression. Please see a doctor as soon as you can: you do "
        "not have to wait until things get worse."
    ),
}

GAD7_MEANINGS = {
    "minimal": _("Your answers suggest few or no signs of anxiety over the last two weeks."),
    "mild": _(
        "Your answers suggest mild anxiety. Keep an eye on how you feel and take this again in a "
        "few weeks."
    ),
    "moderate": _(
        "Your answers suggest moderate anxiety. The questionnaire's authors suggest a fuller "
        "evaluation with a clinician at a score of 10 or more."
    ),
    "severe": _(
        "Your answers suggest severe anxiety. The questionnaire's authors suggest a fuller "
        "evaluation with a clinician at a score of 10 or more; please see one soon."
    ),
}


def references_used(scores: Sequence[Score], advice: Advice | None = None) -> tuple[str, ...]:
    """Every reference key the result cites, in order of first use."""
    keys = [
        key
        for score in scores
        for key in (*score.instrument.references, *meaning(score).references)
    ]
    if advice is not None:
        keys += [key for reason in advice.context for key in reason.references]
        for option in advice.options:
            for reason in (*option.reasons, *option.cautions):
                keys += reason.references
        keys += [key for reason in advice.talk_first for key in reason.references]
    return tuple(dict.fromkeys(keys))


def condition_links(advice: Advice | None) -> tuple[Link, ...]:
    """The condition pages the options point to, each once, in the order first named."""
    if advice is None:
        return ()
    links = [link for option in advice.options for link in option.learn_more]
    return tuple(link for link in dict.fromkeys(links) if link.url.startswith("/conditions/"))

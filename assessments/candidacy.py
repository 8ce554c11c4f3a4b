"""What the scores and the candidacy answers mean for the options a person might consider.

Pure rules, no request or template code. Every clinical statement carries the keys of the
references (assessments.references) it rests on; the result page cites them beside the words.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from assessments.instruments import GAD7, PC_PTSD_5, PCL5, PHQ9
from assessments.scoring import Score

YES, NO, NOT_SURE = "yes", "no", "not_sure"
SAFETY_ANSWERS = ((YES, _("Yes")), (NO, _("No")), (NOT_SURE, _("I'm not sure")))

ANTIDEPRESSANT_TRIALS = (
    ("0", _("None")),
    ("1", _("One")),
    ("2", _("Two")),
    ("3", _("Three or more")),
    (NOT_SURE, _("I'm not sure")),
)
TREATMENT_RESISTANT_AT = 2  # trials without enough benefit, in the current episode

OTHER_TREATMENTS = (
    ("therapy", _("Talk therapy (counseling or psychotherapy)")),
    ("tms", _("TMS (transcranial magnetic stimulation)")),
    ("ect", _("ECT (electroconvulsive therapy)")),
    ("ketamine", _("Ketamine")),
    ("esketamine", _("Esketamine (Spravato)")),
)

MODERATE_AT = 10  # PHQ-9 and GAD-7 totals from the "moderate" band up
MILD_AT = 5


@dataclass(frozen=True)
class SafetyQuestion:
    code: str
    question: str
    caution: str
    references: tuple[str, ...]
    rules_out_esketamine: bool = False


SAFETY_QUESTIONS = (
    SafetyQuestion(
        "psychosis_mania",
        _(
            "Have you ever had psychosis (for example, hearing or seeing things other people do "
            "not, or a diagnosis such as schizophrenia), or an episode of mania?"
        ),
        _(
            "Psychosis or mania, now or in the past: the consensus statement on ketamine for "
            "mood disorders treats this as a reason for caution, and the esketamine label warns "
            "about it. A psychiatrist should weigh it before either is offered."
        ),
        ("sanacora2017", "fda-spravato-label"),
    ),
    SafetyQuestion(
        "blood_pressure",
        _("Do you have high blood pressure that is not under control?"),
        _(
            "High blood pressure that is not under control: esketamine raises blood pressure for "
            "a while after each dose, and the ketamine consensus statement advises caution. "
            "A doctor will want it controlled first."
        ),
        ("sanacora2017", "fda-spravato-label"),
    ),
    SafetyQuestion(
        "heart_brain_vessels",
        _(
            "Do you have heart disease, a heart-rhythm problem, or disease of the blood vessels "
            "in the brain, such as a past stroke?"
        ),
        _(
            "Heart or blood-vessel disease: the ketamine consensus statement names heart and "
            "brain blood-vessel disease, and heart-rhythm problems, as reasons for caution."
        ),
        ("sanacora2017",),
    ),
    SafetyQuestion(
        "aneurysm_bleed",
        _(
            "Have you ever had an aneurysm (a bulging blood vessel) or an arteriovenous "
            "malformation, or bleeding inside the brain?"
        ),
        _(
            "An aneurysm, an arteriovenous malformation or a past bleed in the brain: the "
            "esketamine label says esketamine must not be used, and ketamine calls for the same "
            "care."
        ),
        ("fda-spravato-label", "sanacora2017"),
        rules_out_esketamine=True,
    ),
    SafetyQuestion(
        "pregnancy",
        _(
            "Are you pregnant, could you be, are you planning a pregnancy, or are you "
            "breastfeeding?"
        ),
        _(
            "Pregnancy or breastfeeding: the esketamine label warns of harm to an unborn baby, "
            "and the ketamine consensus statement advises caution."
        ),
        ("fda-spravato-label", "sanacora2017"),
    ),
    SafetyQuestion(
        "substance_misuse",
        _("Have you misused alcohol or drugs recently, including ketamine?"),
        _(
            "Misuse of alcohol or drugs, especially ketamine: ketamine and esketamine can be "
            "misused, and the consensus statement advises caution."
        ),
        ("sanacora2017", "fda-spravato-label"),
    ),
    SafetyQuestion(
        "allergy",
        _("Have you ever had an allergic reaction to ketamine or esketamine?"),
        _(
            "An allergic reaction to ketamine or esketamine: the esketamine label says it must "
            "not be used."
        ),
        ("fda-spravato-label",),
        rules_out_esketamine=True,
    ),
)


@dataclass(frozen=True)
class Reason:
    text: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Option:
    code: str
    title: str
    may_fit: bool
    reasons: tuple[Reason, ...]
    finder_url: str
    learn_more: tuple[Link, ...]
    cautions: tuple[SafetyQuestion, ...] = ()


@dataclass(frozen=True)
class Advice:
    options: tuple[Option, ...]
    talk_first: tuple[Reason, ...]
    treatment_resistant: bool
    concerns: tuple[SafetyQuestion, ...]

    @property
    def fitting(self) -> tuple[Option, ...]:
        return tuple(option for option in self.options if option.may_fit)

    @property
    def not_fitting(self) -> tuple[Option, ...]:
        return tuple(option for option in self.options if not option.may_fit)


CONDITION_PAGES = {
    "depression": Link(
        _("Depression, including treatment-resistant depression"), "/conditions/depression/"
    ),
    "anxiety": Link(_("Anxiety"), "/conditions/anxiety/"),
    "ptsd": Link(_("PTSD"), "/conditions/ptsd/"),
}
KETAMINE_PAGE = Link(_("Ketamine treatment"), "/treatments/ketamine/")
ESKETAMINE_PAGE = Link(_("Esketamine (Spravato)"), "/treatments/esketamine/")


def finder_url(*, condition: str, treatment: str = "") -> str:
    query = (
        f"treatment={treatment}&condition={condition}" if treatment else f"condition={condition}"
    )
    return f"/find/?{query}"


def meaning(score: Score) -> Reason:
    """What a score means, in plain words."""
    code, band = score.instrument.code, score.band.code
    if code == PHQ9.code:
        return Reason(PHQ9_MEANINGS[band], ("kroenke2001",))
    if code == GAD7.code:
        return Reason(GAD7_MEANINGS[band], ("spitzer2006",))
    if code == PC_PTSD_5.code:
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


def _band_reason(score: Score) -> Reason:
    return Reason(
        _("Your %(questionnaire)s score, %(total)s, is in the %(band)s range.")
        % {
            "questionnaire": score.instrument.name,
            "total": score.total,
            "band": str(score.band.label).lower(),
        },
        score.instrument.references[:1],
    )


def _ptsd_positive(scores: Mapping[str, Score]) -> Score | None:
    for code in (PCL5.code, PC_PTSD_5.code):
        if code in scores and scores[code].band.code == "positive":
            return scores[code]
    return None


def advise(
    scores: Mapping[str, Score],
    *,
    antidepressant_trials: str = NOT_SURE,
    safety: Mapping[str, str] | None = None,
) -> Advice:
    """The options that may fit, and why; the reasons to talk to a doctor first."""
    safety = safety or {}
    phq9, gad7 = scores.get(PHQ9.code), scores.get(GAD7.code)
    ptsd = _ptsd_positive(scores)
    depressed = phq9 is not None and phq9.total >= MODERATE_AT
    anxious = gad7 is not None and gad7.total >= MODERATE_AT
    trials_known = antidepressant_trials != NOT_SURE
    resistant = trials_known and int(antidepressant_trials) >= TREATMENT_RESISTANT_AT
    concerns = tuple(q for q in SAFETY_QUESTIONS if safety.get(q.code) in (YES, NOT_SURE))
    ruled_out = tuple(
        q for q in SAFETY_QUESTIONS if q.rules_out_esketamine and safety.get(q.code) == YES
    )

    depression_reasons = []
    if phq9 is not None:
        depression_reasons.append(_band_reason(phq9))
    if resistant:
        depression_reasons.append(
            Reason(
                _(
                    "You have tried two or more antidepressants without enough improvement. "
                    "Doctors call this treatment-resistant depression: the kind in which "
                    "ketamine has been tested in controlled trials, and for which esketamine is "
                    "approved."
                ),
                ("zarate2006", "murrough2013", "fda-spravato-label"),
            )
        )
    elif trials_known:
        depression_reasons.append(
            Reason(
                _(
                    "You have tried fewer than two antidepressants. Ketamine has been tested "
                    "mainly, and esketamine is approved only, for depression that has not "
                    "improved enough after at least two."
                ),
                ("zarate2006", "murrough2013", "fda-spravato-label"),
            )
        )
    else:
        depression_reasons.append(
            Reason(
                _(
                    "You are not sure how many antidepressants you have tried. A doctor can go "
                    "through your treatment history with you."
                )
            )
        )
    if phq9 is not None and not depressed:
        depression_reasons.append(
            Reason(
                _("Ketamine and esketamine are used for depression in the moderate range or above.")
            )
        )

    ketamine_reasons = list(depression_reasons)
    if ptsd is not None:
        ketamine_reasons.append(
            Reason(
                _(
                    "For PTSD, ketamine is still being studied: a trial in civilians found a "
                    "benefit, and a trial in veterans and service members did not."
                ),
                ("feder2021", "abdallah2022"),
            )
        )
    esketamine_reasons = [
        *depression_reasons,
        Reason(
            _(
                "Esketamine is a nasal spray approved for treatment-resistant depression. It is "
                "given only in certified clinics, where you are watched for at least two hours "
                "after each dose."
            ),
            ("fda-spravato-label",),
        ),
    ]
    esketamine_reasons += [Reason(q.caution, q.references) for q in ruled_out]

    first_line_reasons = []
    if depressed and not resistant:
        first_line_reasons.append(_band_reason(phq9))
        first_line_reasons.append(
            Reason(
                _(
                    "Antidepressant medicine, talk therapy or both are usually tried first. "
                    "Antidepressants help many people, though on average the effect is modest."
                ),
                ("cipriani2018",),
            )
        )
    if anxious:
        first_line_reasons.append(_band_reason(gad7))

    therapy_reasons = [
        _band_reason(score)
        for score in (phq9, gad7)
        if score is not None and score.total >= MILD_AT
    ]
    if ptsd is not None:
        therapy_reasons.append(
            Reason(
                _("Your %(questionnaire)s screen is positive.")
                % {"questionnaire": ptsd.instrument.name},
                ptsd.instrument.references[:1],
            )
        )
    if therapy_reasons:
        therapy_reasons.append(
            Reason(
                _(
                    "A therapist can look at these symptoms more fully with you and talk through "
                    "what might help, alongside any other treatment."
                )
            )
        )

    main_condition = (
        "depression"
        if phq9 is not None and phq9.total >= MILD_AT
        else "anxiety"
        if gad7 is not None and gad7.total >= MILD_AT
        else "ptsd"
        if ptsd is not None
        else "depression"
    )
    first_line_condition = "depression" if depressed and not resistant else "anxiety"
    options = (
        Option(
            "ketamine_clinic",
            _("A ketamine clinic"),
            depressed and resistant and not any(q.code == "allergy" for q in ruled_out),
            tuple(ketamine_reasons),
            finder_url(treatment="ketamine", condition="depression"),
            (KETAMINE_PAGE, CONDITION_PAGES["depression"]),
            concerns,
        ),
        Option(
            "esketamine",
            _("Esketamine (Spravato)"),
            depressed and resistant and not ruled_out,
            tuple(esketamine_reasons),
            finder_url(treatment="esketamine", condition="depression"),
            (ESKETAMINE_PAGE, CONDITION_PAGES["depression"]),
            concerns,
        ),
        Option(
            "first_line",
            _("First-line treatment through your doctor: medicine, talk therapy or both"),
            bool(first_line_reasons),
            tuple(first_line_reasons),
            finder_url(condition=first_line_condition),
            (CONDITION_PAGES[first_line_condition],),
        ),
        Option(
            "therapy",
            _("Talk therapy"),
            bool(therapy_reasons),
            tuple(therapy_reasons),
            finder_url(condition=main_condition),
            tuple(
                CONDITION_PAGES[condition]
                for condition, present in (
                    ("depression", phq9 is not None and phq9.total >= MILD_AT),
                    ("anxiety", gad7 is not None and gad7.total >= MILD_AT),
                    ("ptsd", ptsd is not None),
                )
                if present
            ),
        ),
    )

    talk_first = []
    if phq9 is not None and phq9.flags:
        talk_first.append(
            Reason(
                _(
                    "You said you have had thoughts that you would be better off dead or of "
                    "hurting yourself. Tell a doctor about this, and reach out now if you need to: "
                    "call or text 988."
                )
            )
        )
    talk_first += [Reason(q.caution, q.references) for q in concerns]
    if ptsd is not None:
        talk_first.append(
            Reason(
                _("Your PTSD screen is positive: a clinician can make a full assessment."),
                ptsd.instrument.references[:1],
            )
        )
    return Advice(tuple(options), tuple(talk_first), resistant, concerns)


def references_used(scores: Sequence[Score], advice: Advice | None = None) -> tuple[str, ...]:
    """Every reference key the result cites, in order of first use."""
    keys = [
        key
        for score in scores
        for key in (*score.instrument.references, *meaning(score).references)
    ]
    if advice is not None:
        for option in advice.options:
            keys += [key for reason in option.reasons for key in reason.references]
        keys += [key for reason in advice.talk_first for key in reason.references]
    return tuple(dict.fromkeys(keys))

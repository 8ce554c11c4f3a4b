"""What the self-assessment says about each option, in plain words, with the sources it rests on.

The rules that choose among these sentences are in ``assessments.candidacy``; the sentences are
kept here, apart from the rules, so that a clinician reviewing the wording reads one file. Every
clinical statement carries the keys of the references it rests on (``content/references.toml``).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Reason:
    text: str
    references: tuple[str, ...] = ()


def band(score) -> Reason:
    return Reason(
        _("Your %(questionnaire)s score, %(total)s, is in the %(band)s range.")
        % {
            "questionnaire": score.instrument.name,
            "total": score.total,
            "band": str(score.band.label).lower(),
        },
        score.instrument.references[:1],
    )


def excluded(question) -> Reason:
    return Reason(
        _("You answered yes to: %(topic)s. %(why)s")
        % {"topic": question.topic, "why": question.why},
        question.references,
    )


def unsure(question) -> Reason:
    return Reason(
        _("You were not sure about: %(topic)s; a doctor can check this with you. %(why)s")
        % {"topic": question.topic, "why": question.why},
        question.references,
    )


def caution(question) -> Reason:
    return Reason(
        _("You answered yes to: %(topic)s. %(why)s")
        % {"topic": question.topic, "why": question.why},
        question.references,
    )


RESISTANT = Reason(
    _(
        "You have tried two or more antidepressants without enough improvement. Doctors call "
        "this treatment-resistant depression."
    ),
    (),
)

NOT_DEPRESSED_ENOUGH = Reason(
    _(
        "Ketamine and esketamine are considered for depression in the moderate range or above; "
        "your PHQ-9 score is below that."
    ),
)
TOO_FEW_TRIALS = Reason(
    _(
        "You have tried fewer than two antidepressants. Ketamine is usually considered only "
        "after at least two have not helped enough (treatment-resistant depression), the kind "
        "of depression in which it has been tested in controlled trials."
    ),
    ("zarate2006", "murrough2013", "sanacora2017"),
)
TRIALS_UNKNOWN = Reason(
    _(
        "You are not sure how many antidepressants you have tried. A doctor can go through your "
        "treatment history with you: if two or more have not helped enough, ketamine or "
        "esketamine may become an option."
    ),
)
EXCLUDED_LEAD = Reason(
    _(
        "Not right now: one or more of your health answers means a doctor needs to decide "
        "first whether this is safe for you. Ask your own doctor or a psychiatrist before "
        "looking for a clinic."
    ),
)
NOT_A_CRISIS_SERVICE = Reason(
    _(
        "Clinics that give ketamine or esketamine are not crisis services. If you might act on "
        "thoughts of suicide, call or text 988 or go to an emergency department first."
    ),
)

KETAMINE_WHY = Reason(
    _(
        "It is considered for depression like yours: moderate or worse, after two or more "
        "antidepressants have not helped enough. That is the kind of depression in which it "
        "has been tested in controlled trials."
    ),
    ("zarate2006", "murrough2013"),
)
KETAMINE_EVIDENCE = Reason(
    _(
        "Ketamine is an anaesthetic. At lower doses, usually given as a series of infusions "
        "into a vein (IV) in a clinic that watches you for a while afterwards, it eased such "
        "depression within a day more than a placebo or a comparison drug did in those trials."
    ),
    ("zarate2006", "murrough2013"),
)
KETAMINE_OFF_LABEL = Reason(
    _(
        "Its use for depression is off-label: it is approved as an anaesthetic, and the expert "
        "consensus on using it for depression asks clinics to screen and monitor people "
        "carefully."
    ),
    ("sanacora2017",),
)
KETAMINE_PAYMENT = Reason(
    _(
        "Because it is off-label, insurers rarely pay for ketamine for depression, and clinics "
        "differ in how they screen and monitor you: ask before you pay."
    ),
)
KETAMINE_DURATION = Reason(
    _(
        "The benefit often fades: in one study without a comparison group, it lasted a median "
        "of about 18 days after six infusions, so many people need further doses."
    ),
    ("murrough2013b",),
)
KETAMINE_PTSD = Reason(
    _(
        "For PTSD, ketamine is still being studied: a small trial in civilians found a benefit, "
        "and a trial in veterans and service members did not."
    ),
    ("feder2021", "abdallah2022"),
)

ESKETAMINE_APPROVAL = Reason(
    _(
        "Esketamine (Spravato) is a nasal spray approved by the FDA for adults with "
        "treatment-resistant depression, with or without an oral antidepressant, and, with an "
        "oral antidepressant, for depressive symptoms in adults with depression and acute "
        "suicidal thoughts or behaviour."
    ),
    ("fda-spravato-label",),
)
ESKETAMINE_SETTING = Reason(
    _(
        "It is given only in certified treatment centres, where you are watched for at least "
        "two hours after each dose."
    ),
    ("fda-spravato-label",),
)
ESKETAMINE_NOT_YET = Reason(
    _(
        "Esketamine is approved for depression that has not improved enough after at least two "
        "antidepressants, and, with an oral antidepressant, for depression with acute suicidal "
        "thoughts or behaviour. Your answers do not point to either yet."
    ),
    ("fda-spravato-label",),
)
ESKETAMINE_SUICIDAL_THOUGHTS = Reason(
    _(
        "Because you said you have had thoughts of being better off dead or of hurting "
        "yourself: esketamine is also approved, with an oral antidepressant, for adults with "
        "depression and acute suicidal thoughts or behaviour. That is a decision for a "
        "psychiatrist, as part of urgent care, not something to book from a directory. The "
        "label says it has not been shown to prevent suicide."
    ),
    ("fda-spravato-label",),
)
UNDER_25 = Reason(
    _(
        "You are under 25. Antidepressants, esketamine among them, carry the FDA's boxed "
        "warning: in short-term studies they raised the risk of suicidal thoughts and "
        "behaviour in children and young adults. This is not a reason to go without "
        "treatment, but a reason to be seen more often in the first weeks and after any change "
        "of dose. Tell your doctor, and someone you trust, if such thoughts start or get worse."
    ),
    ("fda-spravato-label",),
)

TMS_ABOUT = Reason(
    _(
        "TMS (transcranial magnetic stimulation) passes magnetic pulses through the scalp to a "
        "part of the brain involved in mood. You stay awake and need no anaesthesia; sessions "
        "are on most weekdays for several weeks."
    ),
    ("oreardon2007",),
)
TMS_EVIDENCE = Reason(
    _(
        "It is a standard next step after antidepressants have not helped enough. In its main "
        "trial against a sham treatment, paid for by the device's maker, more people responded "
        "to TMS, though the trial's main measure at four weeks fell just short of a clear result "
        "without an adjustment made afterwards. Scalp discomfort and headache were the most "
        "common side effects."
    ),
    ("oreardon2007",),
)
TMS_CHECKS = Reason(
    _(
        "Before starting, a doctor checks for metal in or near the head and for a history of "
        "seizures."
    ),
)

ECT_ABOUT = Reason(
    _(
        "ECT (electroconvulsive therapy) is given under a short general anaesthetic: a brief "
        "electric current causes a controlled seizure, a few times a week over several weeks."
    ),
)
ECT_EVIDENCE = Reason(
    _(
        "In a review of the trials, ECT worked better in the short term than sham treatment, "
        "and probably better than antidepressant medicine. It is often used when depression is "
        "severe or has not responded to other treatments."
    ),
    ("ectreview2003",),
)
ECT_MEMORY = Reason(
    _(
        "Its main drawback is memory problems, mostly for the time around the treatment; ask "
        "the team how they keep them small."
    ),
)
ECT_VERSUS_KETAMINE = Reason(
    _(
        "Two trials compared it with ketamine: one found ketamine no less effective in people "
        "without psychosis, the other found that ECT brought full recovery (remission) more "
        "often."
    ),
    ("anand2023", "ekstrand2022"),
)
ECT_ANAESTHETIC = Reason(
    _(
        "Because ECT needs a general anaesthetic, your heart and blood-vessel answers will be "
        "looked at first by your doctor and an anaesthetist."
    ),
)

FIRST_LINE_USUAL = Reason(
    _(
        "Antidepressant medicine, talk therapy or both are usually tried first. Antidepressants "
        "help many people, though on average the effect is modest."
    ),
    ("cipriani2018",),
)
MEDICINE_CHANGE = Reason(
    _(
        "After two antidepressants have not helped enough, switching to another, adding a "
        "second medicine, or combining medicine with talk therapy are common next steps. In the "
        "large STAR*D study some people who had not got better at one step did at the next, "
        "though fewer did at each later step."
    ),
    ("rush2006",),
)
FIRST_LINE_ANXIETY = Reason(
    _(
        "For anxiety in the moderate range or above, a doctor or therapist can talk through the "
        "usual treatments with you: talk therapy, medicine, or both."
    ),
)
FIRST_LINE_MILD = Reason(
    _(
        "For mild symptoms, doctors often suggest keeping an eye on how you feel and repeating "
        "the questionnaire in a few weeks before starting medicine; talk therapy can help in "
        "the meantime. See a doctor sooner if things get harder."
    ),
)
MEDICINE_AFTER_MANIA = Reason(
    _(
        "Because you said you have had mania, psychosis or bipolar disorder, a psychiatrist "
        "should choose the medicine: for bipolar disorder, guidelines advise against an "
        "antidepressant on its own, which can bring on mania, and favour mood stabilisers and "
        "certain other medicines."
    ),
    ("nierenberg2023", "yatham2018"),
)

THERAPY_HELPS = Reason(
    _(
        "A therapist can look at these symptoms more fully with you and talk through what might "
        "help, alongside any other treatment."
    ),
)


def ptsd_positive(score) -> Reason:
    return Reason(
        _("Your %(questionnaire)s screen is positive.") % {"questionnaire": score.instrument.name},
        score.instrument.references[:1],
    )


SELF_HARM_FIRST = Reason(
    _(
        "You said you have had thoughts that you would be better off dead or of hurting "
        "yourself. Tell a doctor about this, and reach out now if you need to: call or text 988."
    )
)
PTSD_ASSESSMENT = Reason(
    _("Your PTSD screen is positive: a clinician can make a full assessment."),
)

NOTHING_POINTS_TO_KETAMINE = _(
    "Ketamine and esketamine are considered for depression in the moderate range or above that "
    "has not improved enough with other treatment. Your answers do not point to that now."
)

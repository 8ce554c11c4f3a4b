"""The health and safety questions of the self-assessment, and what each answer means.

An EXCLUSION is a standard reason not to start ketamine or esketamine without a doctor's decision
first: a "yes" takes both off the table for now ("not right now: talk to a doctor first", with no
route to book), a "not sure" keeps them with the caution beside them. A CAUTION is something the
prescriber will ask about and weigh, never a rule-out: a "yes" or "not sure" shows it beside the
options. Sources: the esketamine label, the Ketalar (racemic ketamine) label and the 2017
consensus statement on ketamine for mood disorders; the project's clinical reference lists them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES, NO, NOT_SURE = "yes", "no", "not_sure"
SAFETY_ANSWERS = ((YES, _("Yes")), (NO, _("No")), (NOT_SURE, _("I'm not sure")))
ANSWER_CODES = tuple(code for code, _label in SAFETY_ANSWERS)

EXCLUSION, CAUTION = "exclusion", "caution"


@dataclass(frozen=True)
class SafetyQuestion:
    code: str
    kind: str
    question: str
    #: What the answer is about, short enough to follow "You answered yes to:".
    topic: str
    #: Why it matters for ketamine and esketamine.
    why: str
    references: tuple[str, ...]

    @property
    def excludes(self) -> bool:
        return self.kind == EXCLUSION


SAFETY_QUESTIONS = (
    SafetyQuestion(
        "psychosis_mania",
        EXCLUSION,
        _(
            "Have you ever had psychosis (for example, hearing or seeing things other people do "
            "not, or a diagnosis such as schizophrenia), an episode of mania, or a diagnosis of "
            "bipolar disorder?"
        ),
        _("psychosis, mania or bipolar disorder, now or in the past"),
        _(
            "Ketamine and esketamine can bring on unusual perceptions and thoughts for a while. "
            "The consensus statement on ketamine for mood disorders treats psychosis as a reason "
            "for great caution, and the esketamine label asks doctors to weigh it before starting."
        ),
        ("sanacora2017", "fda-spravato-label"),
    ),
    SafetyQuestion(
        "blood_pressure",
        EXCLUSION,
        _("Do you have high blood pressure that is not under control?"),
        _("high blood pressure that is not under control"),
        _(
            "Ketamine and esketamine raise blood pressure for a while after each dose. The "
            "esketamine label asks for blood pressure to be checked first, and the ketamine "
            "consensus statement advises caution: a doctor will want it under control first."
        ),
        ("fda-spravato-label", "sanacora2017"),
    ),
    SafetyQuestion(
        "heart_brain_vessels",
        EXCLUSION,
        _(
            "Do you have heart disease or a heart-rhythm problem, or have you had a stroke or "
            "another disease of the blood vessels in the brain?"
        ),
        _("heart disease, a heart-rhythm problem, or disease of the blood vessels in the brain"),
        _(
            "Because ketamine and esketamine raise blood pressure and heart rate for a while, the "
            "consensus statement names unstable heart disease, heart-rhythm problems and disease "
            "of the brain's blood vessels as reasons for caution, and the esketamine label asks "
            "doctors to weigh them. Your doctor, or a heart specialist, should say whether it is "
            "safe for you."
        ),
        ("sanacora2017", "fda-spravato-label"),
    ),
    SafetyQuestion(
        "aneurysm_bleed",
        EXCLUSION,
        _(
            "Have you ever had an aneurysm (a bulging blood vessel), an arteriovenous "
            "malformation, or bleeding inside the brain?"
        ),
        _("an aneurysm, an arteriovenous malformation or a past bleed in the brain"),
        _(
            "The esketamine label says esketamine must not be used by people with these "
            "conditions, because of the rise in blood pressure it causes. Racemic ketamine, the "
            "kind given in ketamine clinics, raises blood pressure in the same way."
        ),
        ("fda-spravato-label", "sanacora2017"),
    ),
    SafetyQuestion(
        "pregnancy",
        EXCLUSION,
        _(
            "Are you pregnant, could you be, are you planning a pregnancy, or are you "
            "breastfeeding?"
        ),
        _("pregnancy, a planned pregnancy or breastfeeding"),
        _(
            "The esketamine label warns that it may harm an unborn baby, does not recommend it "
            "in pregnancy, and advises against breastfeeding during treatment. The ketamine "
            "consensus statement also advises caution."
        ),
        ("fda-spravato-label", "sanacora2017"),
    ),
    SafetyQuestion(
        "substance_misuse",
        EXCLUSION,
        _("Are you misusing alcohol or other drugs at the moment, or have you recently?"),
        _("current or recent misuse of alcohol or other drugs"),
        _(
            "Ketamine and esketamine can themselves be misused. The esketamine label carries a "
            "boxed warning about abuse and misuse, and the consensus statement advises caution "
            "with current substance misuse."
        ),
        ("fda-spravato-label", "sanacora2017"),
    ),
    SafetyQuestion(
        "ketamine_misuse",
        EXCLUSION,
        _(
            "Have you ever used ketamine other than as prescribed, for example recreationally, "
            "at any time in your life?"
        ),
        _("past misuse of ketamine"),
        _(
            "Any past misuse of ketamine matters: the consensus statement advises particular "
            "caution with it, and heavy repeated use can cause dependence and damage to the "
            "bladder."
        ),
        ("sanacora2017", "hong2018"),
    ),
    SafetyQuestion(
        "allergy",
        EXCLUSION,
        _("Have you ever had an allergic reaction to ketamine or esketamine?"),
        _("an allergic reaction to ketamine or esketamine"),
        _(
            "The esketamine label says it must not be used by anyone who has had an allergic "
            "reaction to esketamine or ketamine, and the same holds for ketamine itself."
        ),
        ("fda-spravato-label",),
    ),
    SafetyQuestion(
        "liver_disease",
        CAUTION,
        _("Do you have serious liver disease, such as cirrhosis?"),
        _("serious liver disease"),
        _(
            "The ketamine label reports liver injury with repeated use, and the esketamine label "
            "does not recommend it in severe liver disease. A doctor will want to know how well "
            "your liver works before starting."
        ),
        ("fda-ketalar-label", "fda-spravato-label"),
    ),
    SafetyQuestion(
        "head_eye_pressure",
        CAUTION,
        _(
            "Have you been told you have raised pressure inside your head or inside your eyes "
            "(such as glaucoma)?"
        ),
        _("raised pressure inside the head or the eyes"),
        _(
            "Ketamine can raise the pressure inside the eyes for a while, and it has "
            "traditionally been avoided when the pressure inside the head is raised. The "
            "evidence of harm in people is weak, so it is something for the doctor to weigh, not "
            "a reason on its own to rule ketamine out."
        ),
        ("fda-ketalar-label",),
    ),
    SafetyQuestion(
        "interacting_medicines",
        CAUTION,
        _(
            "Do you take a benzodiazepine (such as lorazepam or alprazolam) or another sedative "
            "or sleeping medicine, a stimulant (such as an ADHD medicine), or an MAOI "
            "antidepressant?"
        ),
        _("a sedative, a stimulant or an MAOI antidepressant"),
        _(
            "Sedatives add to the drowsiness ketamine and esketamine cause, and stimulants and "
            "MAOIs can push blood pressure higher; both labels ask doctors to watch for this. "
            "Do not stop or change a medicine on your own: take the list of what you take to the "
            "doctor."
        ),
        ("fda-spravato-label", "fda-ketalar-label"),
    ),
)
SAFETY_BY_CODE = {question.code: question for question in SAFETY_QUESTIONS}

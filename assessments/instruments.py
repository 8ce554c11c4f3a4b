"""The screening questionnaires, worded, answered and credited exactly as published.

PHQ-9 and GAD-7: developed by Drs. Spitzer, Williams, Kroenke and colleagues with an educational
grant from Pfizer; free to reproduce, translate, display and distribute. PC-PTSD-5 and PCL-5:
public domain, from the VA National Center for PTSD. The C-SSRS is deliberately absent: its
electronic use needs a paid licence.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Choice:
    value: int
    label: str


@dataclass(frozen=True)
class UnscoredQuestion:
    """A question printed with a questionnaire that does not count towards its score."""

    code: str
    text: str
    choices: tuple[Choice, ...]
    required: bool
    note: str


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    title: str
    condition: str
    instructions: str
    items: tuple[str, ...]
    choices: tuple[Choice, ...]
    attribution: str
    references: tuple[str, ...]
    gate_question: str = ""
    unscored: tuple[UnscoredQuestion, ...] = ()

    @property
    def lowest_answer(self) -> int:
        return min(choice.value for choice in self.choices)

    @property
    def highest_answer(self) -> int:
        return max(choice.value for choice in self.choices)

    @property
    def maximum_total(self) -> int:
        return self.highest_answer * len(self.items)


PHQ_ATTRIBUTION = _(
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

FREQUENCY_IN_TWO_WEEKS = (
    Choice(0, _("Not at all")),
    Choice(1, _("Several days")),
    Choice(2, _("More than half the days")),
    Choice(3, _("Nearly every day")),
)

YES_NO = (Choice(1, _("Yes")), Choice(0, _("No")))

PCL5_BOTHER = (
    Choice(0, _("Not at all")),
    Choice(1, _("A little bit")),
    Choice(2, _("Moderately")),
    Choice(3, _("Quite a bit")),
    Choice(4, _("Extremely")),
)

PHQ9_DIFFICULTY = UnscoredQuestion(
    code="difficulty",
    text=_(
        "If you checked off any problems, how difficult have these problems made it for you to "
        "do your work, take care of things at home, or get along with other people?"
    ),
    choices=(
        Choice(0, _("Not difficult at all")),
        Choice(1, _("Somewhat difficult")),
        Choice(2, _("Very difficult")),
        Choice(3, _("Extremely difficult")),
    ),
    required=False,
    note=_(
        "The questionnaire's last question is not part of the score: it tells a clinician how "
        "much these problems get in the way of your life. You may leave it blank."
    ),
)

PCL5_STRESSFUL_EXPERIENCE = UnscoredQuestion(
    code="stressful_experience",
    text=_(
        "The checklist asks about problems after a very stressful experience. Have you been "
        "through or seen an event that involved death or the threat of death, serious injury, "
        "or sexual violence, or learned that this happened to someone close to you?"
    ),
    choices=YES_NO,
    required=True,
    note=_(
        "This question is not part of the checklist's score. PTSD can follow only this kind of "
        "event, so it changes what the score can mean."
    ),
)

PHQ9 = Instrument(
    code="phq9",
    name="PHQ-9",
    title=_("Depression (PHQ-9)"),
    condition="depression",
    instructions=_(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        _("Little interest or pleasure in doing things"),
        _("Feeling down, depressed, or hopeless"),
        _("Trouble falling or staying asleep, or sleeping too much"),
        _("Feeling tired or having little energy"),
        _("Poor appetite or overeating"),
        _(
            "Feeling bad about yourself — or that you are a failure or have let yourself or "
            "your family down"
        ),
        _("Trouble concentrating on things, such as reading the newspaper or watching television"),
        _(
            "Moving or speaking so slowly that other people could have noticed? Or the opposite "
            "— being so fidgety or restless that you have been moving around a lot more than "
            "usual"
        ),
        _("Thoughts that you would be better off dead or of hurting yourself in some way"),
    ),
    choices=FREQUENCY_IN_TWO_WEEKS,
    attribution=PHQ_ATTRIBUTION,
    references=("kroenke2001", "kroenke2003"),
    unscored=(PHQ9_DIFFICULTY,),
)

GAD7 = Instrument(
    code="gad7",
    name="GAD-7",
    title=_("Anxiety (GAD-7)"),
    condition="anxiety",
    instructions=_(
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    ),
    items=(
        _("Feeling nervous, anxious, or on edge"),
        _("Not being able to stop or control worrying"),
        _("Worrying too much about different things"),
        _("Trouble relaxing"),
        _("Being so restless that it is hard to sit still"),
        _("Becoming easily annoyed or irritable"),
        _("Feeling afraid, as if something awful might happen"),
    ),
    choices=FREQUENCY_IN_TWO_WEEKS,
    attribution=PHQ_ATTRIBUTION,
    references=("spitzer2006",),
)

PC_PTSD_5 = Instrument(
    code="pc-ptsd-5",
    name="PC-PTSD-5",
    title=_("Trauma (PC-PTSD-5)"),
    condition="ptsd",
    gate_question=_(
        "Sometimes things happen to people that are unusually or especially frightening, "
        "horrible, or traumatic. For example: a serious accident or fire; a physical or sexual "
        "assault or abuse; an earthquake or flood; a war; seeing someone be killed or seriously "
        "injured; having a loved one die through homicide or suicide. Have you ever experienced "
        "this kind of event?"
    ),
    instructions=_("In the past month, have you..."),
    items=(
        _(
            "had nightmares about the event(s) or thought about the event(s) when you did not "
            "want to?"
        ),
        _(
            "tried hard not to think about the event(s) or went out of your way to avoid "
            "situations that reminded you of the event(s)?"
        ),
        _("been constantly on guard, watchful, or easily startled?"),
        _("felt numb or detached from people, activities, or your surroundings?"),
        _(
            "felt guilty or unable to stop blaming yourself or others for the event(s) or any "
            "problems the event(s) may have caused?"
        ),
    ),
    choices=YES_NO,
    attribution=_(
        "Primary Care PTSD Screen for DSM-5 (PC-PTSD-5): Prins, Bovin, Kimerling, Kaloupek, "
        "Marx, Pless Kaiser and Schnurr, National Center for PTSD, U.S. Department of Veterans "
        "Affairs. In the public domain."
    ),
    references=("prins2016", "bovin2021"),
)

PCL5 = Instrument(
    code="pcl5",
    name="PCL-5",
    title=_("PTSD checklist (PCL-5)"),
    condition="ptsd",
    instructions=_(
        "Below is a list of problems that people sometimes have in response to a very stressful "
        "experience. Please read each problem carefully and then choose one of the answers to "
        "indicate how much you have been bothered by that problem in the past month. In the "
        "past month, how much were you bothered by:"
    ),
    items=(
        _("Repeated, disturbing, and unwanted memories of the stressful experience?"),
        _("Repeated, disturbing dreams of the stressful experience?"),
        _(
            "Suddenly feeling or acting as if the stressful experience were actually happening "
            "again (as if you were actually back there reliving it)?"
        ),
        _("Feeling very upset when something reminded you of the stressful experience?"),
        _(
            "Having strong physical reactions when something reminded you of the stressful "
            "experience (for example, heart pounding, trouble breathing, sweating)?"
        ),
        _("Avoiding memories, thoughts, or feelings related to the stressful experience?"),
        _(
            "Avoiding external reminders of the stressful experience (for example, people, "
            "places, conversations, activities, objects, or situations)?"
        ),
        _("Trouble remembering important parts of the stressful experience?"),
        _(
            "Having strong negative beliefs about yourself, other people, or the world (for "
            "example, having thoughts such as: I am bad, there is something seriously wrong with "
            "me, no one can be trusted, the world is completely dangerous)?"
        ),
        _(
            "Blaming yourself or someone else for the stressful experience or what happened "
            "after it?"
        ),
        _("Having strong negative feelings such as fear, horror, anger, guilt, or shame?"),
        _("Loss of interest in activities that you used to enjoy?"),
        _("Feeling distant or cut off from other people?"),
        _(
            "Trouble experiencing positive feelings (for example, being unable to feel happiness "
            "or have loving feelings for people close to you)?"
        ),
        _("Irritable behavior, angry outbursts, or acting aggressively?"),
        _("Taking too many risks or doing things that could cause you harm?"),
        _('Being "superalert" or watchful or on guard?'),
        _("Feeling jumpy or easily startled?"),
        _("Having difficulty concentrating?"),
        _("Trouble falling or staying asleep?"),
    ),
    choices=PCL5_BOTHER,
    attribution=_(
        "PTSD Checklist for DSM-5 (PCL-5): Weathers, Litz, Keane, Palmieri, Marx and Schnurr, "
        "National Center for PTSD, U.S. Department of Veterans Affairs, 2013. In the public "
        "domain."
    ),
    references=("blevins2015", "bovin2016"),
    unscored=(PCL5_STRESSFUL_EXPERIENCE,),
)

INSTRUMENTS = {instrument.code: instrument for instrument in (PHQ9, GAD7, PC_PTSD_5, PCL5)}

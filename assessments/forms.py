"""One form per step. Each error message names the question, so a person can find it again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.candidacy import (
    ANTIDEPRESSANT_TRIALS,
    OTHER_TREATMENTS,
    SAFETY_ANSWERS,
    SAFETY_QUESTIONS,
)
from assessments.flows import AGE, AGE_BANDS, SAFETY, TREATMENTS
from assessments.instruments import INSTRUMENTS, PC_PTSD_5, Instrument


def _yes_no(value: str) -> bool:
    return value == "yes"


YES_NO_CHOICES = (("yes", _("Yes")), ("no", _("No")))


class StepForm(forms.Form):
    """A step's answers go to and come from the session as plain JSON values."""

    def __init__(self, *args, stored: dict | None = None, **kwargs):
        stored = stored or {}
        kwargs.setdefault("initial", self.initial_from(stored))
        super().__init__(*args, **kwargs)

    def initial_from(self, stored: dict) -> dict:
        return dict(stored)

    def stored_values(self) -> dict:
        """What to keep from the answers given, even when some are missing."""
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "", [])}


class AgeForm(StepForm):
    age = forms.ChoiceField(
        label=_("How old are you?"),
        choices=AGE_BANDS,
        widget=forms.RadioSelect,
        help_text=_(
            "This self-assessment is written and tested for adults. Some medicines carry "
            "warnings for people under 25."
        ),
        error_messages={"required": _("Choose your age group.")},
    )


def _question_error(number: int) -> str:
    return _("Question %(number)s: choose an answer.") % {"number": number}


class InstrumentForm(StepForm):
    """The items of a 0-to-N questionnaire (PHQ-9, GAD-7, PCL-5), one radio group each."""

    def __init__(self, *args, instrument: Instrument, **kwargs):
        self.instrument = instrument
        super().__init__(*args, **kwargs)
        for number, text in enumerate(instrument.items, start=1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=text,
                choices=[(choice.value, choice.label) for choice in instrument.choices],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _question_error(number)},
            )
        for question in instrument.unscored:
            self.fields[question.code] = forms.TypedChoiceField(
                label=question.text,
                choices=[(choice.value, choice.label) for choice in question.choices],
                coerce=int,
                widget=forms.RadioSelect,
                required=question.required,
                empty_value=None,
                help_text=question.note,
                error_messages={"required": _("The last question: choose an answer.")},
            )

    def scored_fields(self):
        return [self[f"item_{n}"] for n in range(1, len(self.instrument.items) + 1)]

    def unscored_fields(self):
        return [self[question.code] for question in self.instrument.unscored]

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item_{n}"] for n in range(1, len(self.instrument.items) + 1)]


class PcPtsd5Form(StepForm):
    """The gate question, then the five yes/no items, which count only after a yes."""

    trauma_exposure = forms.TypedChoiceField(
        label=PC_PTSD_5.gate_question,
        choices=YES_NO_CHOICES,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you have experienced this kind of event.")},
    )

    def __init__(self, *args, **kwargs):
        self.instrument = PC_PTSD_5
        super().__init__(*args, **kwargs)
        for number, text in enumerate(PC_PTSD_5.items, start=1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=text,
                choices=YES_NO_CHOICES,
                coerce=_yes_no,
                widget=forms.RadioSelect,
                required=False,
                empty_value=None,
            )

    def initial_from(self, stored):
        return {name: "yes" if value else "no" for name, value in stored.items()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("trauma_exposure"):
            for number in range(1, len(PC_PTSD_5.items) + 1):
                if cleaned.get(f"item_{number}") is None:
                    self.add_error(f"item_{number}", _question_error(number))
        elif cleaned.get("trauma_exposure") is False:
            # The published rule: after a "no", the five questions are not asked.
            for number in range(1, len(PC_PTSD_5.items) + 1):
                cleaned[f"item_{number}"] = None
        return cleaned

    def stored_values(self):
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value is not None}

    def answers(self) -> list[bool]:
        return [self.cleaned_data[f"item_{n}"] for n in range(1, len(PC_PTSD_5.items) + 1)]


class TreatmentsForm(StepForm):
    antidepressant_trials = forms.ChoiceField(
        label=_(
            "In your current period of depression, how many antidepressant medicines have you "
            "taken at the dose and for as long as your prescriber advised, without feeling "
            "enough better?"
        ),
        choices=ANTIDEPRESSANT_TRIALS,
        widget=forms.RadioSelect,
        help_text=_("If you have not been depressed, choose None."),
        error_messages={"required": _("Choose how many antidepressants you have tried.")},
    )
    other_treatments = forms.MultipleChoiceField(
        label=_("Which of these have you tried? Choose all that apply, or none."),
        choices=OTHER_TREATMENTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SafetyForm(StepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in SAFETY_QUESTIONS:
            self.fields[question.code] = forms.ChoiceField(
                label=question.question,
                choices=SAFETY_ANSWERS,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("%(question)s Choose yes, no or not sure.")
                    % {"question": question.question}
                },
            )


def form_for(step: str, *args, **kwargs) -> StepForm:
    if step == AGE:
        return AgeForm(*args, **kwargs)
    if step == TREATMENTS:
        return TreatmentsForm(*args, **kwargs)
    if step == SAFETY:
        return SafetyForm(*args, **kwargs)
    if step == PC_PTSD_5.code:
        return PcPtsd5Form(*args, **kwargs)
    return InstrumentForm(*args, instrument=INSTRUMENTS[step], **kwargs)


class PlaceForm(forms.Form):
    """Where the seeker is, so the result's finder links search near them. Read from the
    address (GET), never stored."""

    near = forms.CharField(
        label=_("Where are you?"),
        max_length=100,
        help_text=_(
            "A ZIP code, or a city and state. The “Find providers near you” buttons then "
            "search near it. It is not stored."
        ),
        error_messages={"max_length": _("Enter a ZIP code or a city and state.")},
    )

    def clean_near(self):
        from directory.geocode import UnknownPlace, locate

        text = " ".join(self.cleaned_data["near"].split())
        try:
            self.place = locate(text)
        except UnknownPlace as unknown:
            raise forms.ValidationError(unknown.message, code="unknown_place") from None
        return text


class SaveForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "Keep these questionnaire answers and scores in my account, so I can see how they "
            "change over time. I can download or delete them whenever I like."
        ),
        error_messages={"required": _("Tick the box to say you want us to keep them.")},
    )


class DeleteForm(forms.Form):
    delete_account = forms.BooleanField(
        label=_("Delete my account too, and sign me out."), required=False
    )

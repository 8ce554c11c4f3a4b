"""The search parameters shared by /find/ and /api/v1/search, checked once, strictly."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FixedSelect
from core.numbers import WholeNumberField
from directory import insurers, taxonomy
from directory.geocode import UnknownPlace, locate
from directory.search import DEFAULT_RADIUS, Filters, Query

SORTS = (("distance", _("Nearest first")), ("price", _("Lowest price first")))
FILTER_FACETS = ("treatment", "route", "setting", "therapist", "condition", "payment")


def _choices(facet, order=None):
    terms = [facet.term(code) for code in order] if order else facet.offered
    return [("", _("Any"))] + [(term.code, term.name) for term in terms]


def _insurer_choices():
    return [("", _("Any")), *insurers.choices()]


class SharedChoiceField(forms.ChoiceField):
    """A choice field whose choices every form shares. Django copies each field for each form,
    choices and all, and copying the translated names of every choice was a tenth of an API
    search; no form changes its own field's choices. A fixed list's options are drawn once
    (core.forms.FixedSelect)."""

    widget = FixedSelect

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class SearchForm(forms.Form):
    near = forms.CharField(
        label=_("Where"),
        max_length=100,
        help_text=_("A ZIP code, or a city and state, e.g. Austin, TX"),
        error_messages={"required": _("Enter a ZIP code or a city and state.")},
    )
    radius = WholeNumberField(
        label=_("Within (miles)"),
        min_value=1,
        max_value=500,
        required=False,
        error_messages={
            "min_value": _("The distance must be between 1 and 500 miles."),
            "max_value": _("The distance must be between 1 and 500 miles."),
            "invalid": _("The distance must be a whole number of miles, from 1 to 500."),
        },
    )
    treatment = SharedChoiceField(
        label=_("Treatment"), choices=_choices(taxonomy.TREATMENT), required=False
    )
    route = SharedChoiceField(
        label=_("How it is given"), choices=_choices(taxonomy.ROUTE), required=False
    )
    setting = SharedChoiceField(
        label=_("Where it is given"), choices=_choices(taxonomy.SETTING), required=False
    )
    therapist = SharedChoiceField(
        label=_("Therapist support"), choices=_choices(taxonomy.THERAPIST), required=False
    )
    condition = SharedChoiceField(
        label=_("Condition treated"), choices=_choices(taxonomy.CONDITION), required=False
    )
    payment = SharedChoiceField(
        label=_("How you will pay"),
        choices=_choices(taxonomy.PAYMENT, taxonomy.PAYMENT_ORDER),
        required=False,
    )
    insurer = SharedChoiceField(
        label=_("Insurance carrier"),
        choices=_insurer_choices,
        required=False,
        help_text=_("Only clinics that say they take this carrier. Check your own plan too."),
        error_messages={
            "invalid_choice": _("“%(value)s” is not an insurer we know: choose one from the list.")
        },
    )
    max_price = WholeNumberField(
        label=_("Most you want to pay per session ($)"),
        min_value=0,
        max_value=100_000,
        required=False,
        error_messages={
            "invalid": _("Enter the price as a whole number of dollars, e.g. 500."),
            "min_value": _("The price cannot be negative."),
            "max_value": _("Enter a price of $100,000 or less."),
        },
    )
    verified = forms.BooleanField(label=_("Verified providers only"), required=False)
    accepting = forms.BooleanField(label=_("Accepting new patients"), required=False)
    sort = SharedChoiceField(label=_("Sort by"), choices=SORTS, required=False)
    page = WholeNumberField(
        min_value=1,
        max_value=1000,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("The page must be a whole number from 1.")},
    )

    def __init__(self, *args, per_page: int = 20, **kwargs):
        super().__init__(*args, **kwargs)
        self.per_page = per_page
        self.place = None
        self.suggestions: list[str] = []
        for name in FILTER_FACETS:
            self.fields[name].error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of the choices for this filter."
            )

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_helptext"}
                )

    def clean_near(self):
        text = self.cleaned_data["near"]
        try:
            self.place = locate(text)
        except UnknownPlace as unknown:
            self.suggestions = unknown.suggestions
            raise forms.ValidationError(unknown.message, code="unknown_place") from None
        return text

    def query(self) -> Query:
        data = self.cleaned_data
        pairs = [(name, data[name]) for name in FILTER_FACETS[1:] if data.get(name)]
        return Query(
            place=self.place,
            radius=data.get("radius") or DEFAULT_RADIUS,
            filters=Filters(
                treatment=data.get("treatment") or None,
                features=taxonomy.mask(pairs),
                max_price=data.get("max_price"),
                verified_only=bool(data.get("verified")),
                accepting_only=bool(data.get("accepting")),
                insurer=insurers.known()[data["insurer"]][0] if data.get("insurer") else None,
            ),
            sort=data.get("sort") or "distance",
            page=data.get("page") or 1,
            per_page=self.per_page,
        )

    def first_error(self) -> tuple[str, str]:
        field, errors = next(iter(self.errors.items()))
        return field, errors[0]

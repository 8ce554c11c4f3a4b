"""The portal's forms. Every message names its field, and every label says what is asked."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationRequest
from core.numbers import DecimalNumberField, WholeNumberField
from directory import npi, taxonomy
from directory.models import (
    STATE_CHOICES,
    CostOption,
    Insurer,
    Location,
    Organization,
    Schedule,
    Service,
    TaxonomyTerm,
)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ConsultationRequest.Status.choices,
        error_messages={"invalid_choice": _("Choose one of the statuses listed.")},
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Add a note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only your clinic's staff see notes. They are deleted with the request."),
        error_messages={"required": _("Write the note before saving it.")},
    )


class ExportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Which requests"),
        choices=[("", _("All requests")), *ConsultationRequest.Status.choices],
        required=False,
    )
    understood = forms.BooleanField(
        label=_("I understand this file holds people's contact details and health concerns."),
        error_messages={
            "required": _("Tick the box to confirm you will keep the file safe, then download.")
        },
    )


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address like https://clinic.example.")},
    )

    class Meta:
        model = Organization
        fields = ["description", "website", "email"]
        labels = {
            "description": _("About the clinic"),
            "website": _("Website"),
            "email": _("E-mail for new requests"),
        }
        help_texts = {
            "email": _(
                "We tell this address when someone sends a request (never what they wrote)."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


def _facet_field(facet: taxonomy.Facet, order=None) -> forms.MultipleChoiceField:
    terms = [facet.term(code) for code in order] if order else facet.terms
    return forms.MultipleChoiceField(
        label=facet.name,
        choices=[(term.code, term.name) for term in terms],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ServiceForm(forms.ModelForm):
    """A service with its taxonomy terms, the places it is offered and its protocol card."""

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "treatment",
            "status",
            "accepting_new_patients",
            "is_remote",
            "insurance_notes",
            "dosing_approach",
            "monitoring",
            "integration_therapy_included",
            "first_course_sessions",
            "first_course_price",
            "refund_policy",
        ]
        labels = {
            "name": _("Service name"),
            "description": _("Description"),
            "treatment": _("Treatment"),
            "status": _("Shown in the finder"),
            "accepting_new_patients": _("Accepting new patients"),
            "is_remote": _("Offered at home by telehealth"),
            "insurance_notes": _("Insurance notes"),
            "dosing_approach": _("Dosing approach"),
            "monitoring": _("Monitoring during and after sessions"),
            "integration_therapy_included": _("Integration therapy included"),
            "first_course_sessions": _("Sessions in a first course"),
            "first_course_price": _("Total price of a first course (USD)"),
            "refund_policy": _("Refund policy"),
        }
        help_texts = {
            "first_course_price": _("Everything a first course costs, in dollars."),
        }
        field_classes = {
            "first_course_sessions": WholeNumberField,
            "first_course_price": DecimalNumberField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "dosing_approach": forms.Textarea(attrs={"rows": 3}),
            "monitoring": forms.Textarea(attrs={"rows": 3}),
            "refund_policy": forms.Textarea(attrs={"rows": 3}),
        }

    route = _facet_field(taxonomy.ROUTE)
    setting = _facet_field(taxonomy.SETTING)
    therapist = _facet_field(taxonomy.THERAPIST)
    condition = _facet_field(taxonomy.CONDITION)
    payment = _facet_field(taxonomy.PAYMENT, taxonomy.PAYMENT_ORDER)
    insurers = forms.ModelMultipleChoiceField(
        label=_("Insurance carriers you take"),
        queryset=Insurer.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick “Private insurance” above too. Saving confirms this list as of today."),
    )
    insurer_plans = forms.CharField(
        label=_("Only some plans or networks?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One line a plan, the carrier first, e.g. “Aetna: PPO plans”. "
            "Leave empty when you take all of a carrier's plans."
        ),
    )
    service_areas = forms.MultipleChoiceField(
        label=_("States served by telehealth"),
        choices=STATE_CHOICES,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        required=False,
        help_text=_("Only for telehealth. Hold Ctrl (or Cmd) to choose several."),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Offered at"),
        queryset=Location.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    FACETS = {facet.code: facet for facet in taxonomy.BIT_FACETS}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["treatment"].queryset = TaxonomyTerm.objects.filter(taxonomy="treatment")
        self.fields["treatment"].empty_label = None
        self.fields["integration_therapy_included"].widget.choices = [
            ("unknown", _("Not said")),
            ("true", _("Yes")),
            ("false", _("No")),
        ]
        self.fields["locations"].queryset = organization.locations.filter(
            location_type=Location.Type.PHYSICAL
        )
        self.fields["locations"].label_from_instance = lambda location: location.name
        if self.instance.pk:
            self.initial.update(self._initial_of(self.instance))

    def _initial_of(self, service) -> dict:
        """What the saved service has chosen, for the fields that are not the model's own."""
        initial = {code: [] for code in self.FACETS}
        for link in service.attribute_links.select_related("taxonomy_term"):
            if link.taxonomy_term.taxonomy in initial:
                initial[link.taxonomy_term.taxonomy].append(link.taxonomy_term.code)
        links = list(service.insurer_links.select_related("insurer"))
        initial["insurers"] = sorted({link.insurer.slug for link in links})
        initial["insurer_plans"] = "\n".join(
            f"{link.insurer.name}: {link.plan}" for link in links if link.plan
        )
        initial["service_areas"] = list(service.service_areas.values_list("state", flat=True))
        initial["locations"] = list(service.at_locations.values_list("location_id", flat=True))
        return initial

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_remote") and not cleaned.get("service_areas"):
            self.add_error(
                "service_areas", _("Choose at least one state for a telehealth service.")
            )
        if not cleaned.get("is_remote") and not cleaned.get("locations"):
            self.add_error(
                "locations",
                _("Choose where it is offered, or mark it as offered at home by telehealth."),
            )
        return cleaned

    def clean_insurer_plans(self) -> list[tuple[str, str]]:
        """(carrier slug, plan) of each line; the carrier must be one ticked above."""
        text = self.cleaned_data["insurer_plans"]
        ticked = {insurer.name.casefold(): insurer.slug for insurer in self._ticked_insurers()}
        plans = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            carrier, _colon, plan = line.partition(":")
            slug = ticked.get(carrier.strip().casefold())
            if slug is None or not plan.strip():
                raise forms.ValidationError(
                    _(
                        "Line %(number)d: write a carrier ticked above, a colon and the plan, "
                        "e.g. “Aetna: PPO plans”."
                    )
                    % {"number": number}
                )
            plans.append((slug, plan.strip()[:120]))
        return plans

    def _ticked_insurers(self):
        # Fields are cleaned in order, and insurers comes before insurer_plans.
        return self.cleaned_data.get("insurers") or []

    def chosen_insurers(self) -> list[tuple[str, str]]:
        """(carrier slug, plan) to store: a carrier's plans, or the carrier alone ("")."""
        plans = self.cleaned_data["insurer_plans"]
        planned = {slug for slug, _plan in plans}
        whole = [(insurer.slug, "") for insurer in self.cleaned_data["insurers"]]
        return sorted({*plans, *(pair for pair in whole if pair[0] not in planned)})

    def chosen_terms(self) -> list[tuple[str, str]]:
        return [(code, value) for code in self.FACETS for value in self.cleaned_data[code]]


class CostOptionForm(forms.ModelForm):
    class Meta:
        model = CostOption
        fields = ["option", "amount", "per_session", "includes"]
        labels = {
            "option": _("What is paid for"),
            "amount": _("Price (USD)"),
            "per_session": _("Price of one session"),
            "includes": _("What it includes"),
        }
        help_texts = {"option": _("For example 'One infusion' or 'Course of six'.")}
        field_classes = {"amount": DecimalNumberField}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("A price cannot be below zero."))
        return amount


CostOptionFormSet = inlineformset_factory(
    Service, CostOption, form=CostOptionForm, extra=1, can_delete=True
)


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = Schedule
        fields = ["byday", "opens_at", "closes_at"]
        labels = {"byday": _("Day"), "opens_at": _("Opens at"), "closes_at": _("Closes at")}
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return cleaned


ScheduleFormSet = inlineformset_factory(
    Location, Schedule, form=ScheduleForm, extra=2, can_delete=True
)


class ClaimForm(forms.Form):
    npi = forms.CharField(
        label=_("The clinic's NPI"),
        max_length=20,
        help_text=_("The 10-digit National Provider Identifier the listing carries."),
        error_messages={"required": _("Enter the clinic's 10-digit NPI.")},
    )
    role_at_clinic = forms.CharField(
        label=_("Your role at the clinic"),
        max_length=120,
        help_text=_("For example 'Practice manager' or 'Medical director'."),
        error_messages={"required": _("Say what you do at the clinic.")},
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_npi(self):
        value = "".join(self.cleaned_data["npi"].split())
        npi.validate_npi(value)
        if value != self.organization.npi:
            raise forms.ValidationError(
                _(
                    "This NPI is valid but is not the one on record for %(name)s. Check it "
                    "against your NPPES record, or write to us if our record is wrong."
                )
                % {"name": self.organization.name}
            )
        return value


class RejectClaimForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the claim is not approved"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The claimant receives this by e-mail."),
        error_messages={"required": _("Give the reason: the claimant will read it.")},
    )


def error_items(form, label: str = "") -> list[tuple[str, str]]:
    """(field id, message naming the field) for each error of a form, for an error summary."""
    prefix = f"{label}: " if label else ""
    items = []
    for field in form:
        # A group of choices is reached through its first choice.
        grouped = field.widget_type in ("checkboxselectmultiple", "radioselect")
        target = f"{field.auto_id}_0" if grouped else field.auto_id
        for error in field.errors:
            items.append((target, f"{prefix}{field.label}: {error}"))
    for error in form.non_field_errors():
        items.append(("", f"{prefix}{error}"))
    return items


def formset_error_items(formset, label: str) -> list[tuple[str, str]]:
    items = []
    for number, form in enumerate(formset.forms, start=1):
        items += error_items(
            form, _("%(label)s, row %(number)d") % {"label": label, "number": number}
        )
    for error in formset.non_form_errors():
        items.append(("", f"{label}: {error}"))
    return items

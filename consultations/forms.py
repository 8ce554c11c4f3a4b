import phonenumbers
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationRequest
from core.emails import normalise_address
from directory.models import Organization, Service
from directory.taxonomy import US_STATES

MESSAGE_MAX_LENGTH = 1000
Method = ConsultationRequest.ContactMethod


class ConsultationRequestForm(forms.Form):
    """What a seeker sends a provider. Field ids start with ``request-`` so the form can sit on
    the provider's profile beside other forms."""

    name = forms.CharField(
        label=_("Your name"),
        help_text=_("Or the name you would like the clinic to use."),
        max_length=200,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Enter a name of %(limit_value)d characters or fewer."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an e-mail address like name@example.com."),
            "max_length": _("Enter an e-mail address of %(limit_value)d characters or fewer."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("A US number like (415) 555-0143, or another country's with + first."),
        required=False,
        max_length=40,
        error_messages={"max_length": _("Enter a phone number of 40 characters or fewer.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("How would you like them to contact you?"),
        choices=Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would like to be contacted.")},
    )
    preferred_time = forms.ChoiceField(
        label=_("When is best?"),
        choices=ConsultationRequest.ContactTime.choices,
        initial=ConsultationRequest.ContactTime.ANY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when you would like to be contacted.")},
    )
    state = forms.ChoiceField(
        label=_("The state you are in"),
        help_text=_("Clinics can only treat people in the states where they are licensed."),
        choices=[("", _("Choose a state")), *sorted(US_STATES.items(), key=lambda item: item[1])],
        error_messages={
            "required": _("Choose the state you are in."),
            "invalid_choice": _("Choose the state you are in from the list."),
        },
    )
    service = forms.ModelChoiceField(
        label=_("Which service are you asking about?"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Not sure yet"),
        error_messages={"invalid_choice": _("Choose a service from the list, or 'Not sure yet'.")},
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        help_text=_(
            "Anything the clinic should know before they contact you, in 1,000 characters or "
            "fewer. You do not have to share health details here."
        ),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Shorten your message to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            )
        },
        widget=forms.Textarea(attrs={"rows": 5, "data-character-count": MESSAGE_MAX_LENGTH}),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("Tick the box to agree to share your request with this clinic.")
        },
    )
    # A honeypot: hidden from people by CSS, filled in by robots that fill in every field.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, organization: Organization, *args, **kwargs):
        kwargs.setdefault("auto_id", "request-%s")
        super().__init__(*args, **kwargs)
        self.organization = organization
        # The counter that JavaScript adds under the message reads these. No maxlength: a
        # browser would cut a pasted message short without a word; the server says so instead.
        self.fields["message"].widget.attrs.pop("maxlength", None)
        self.fields["message"].widget.attrs.update(
            {
                "data-count-left": gettext("Characters left: %(count)s"),
                "data-count-over": gettext("Characters over the limit: %(count)s"),
            }
        )
        self.fields["consent"].label = _(
            "I agree to share this request, with my contact details, with %(clinic)s."
        ) % {"clinic": organization.name}
        services = organization.services.filter(status=Service.Status.ACTIVE)
        self.fields["service"].queryset = services
        if not services.exists():
            del self.fields["service"]

    @property
    def is_spam(self) -> bool:
        """Whether the honeypot was filled in (checked before anything else)."""
        return bool(self.data.get("website", "").strip())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        return normalise_address(self.cleaned_data["email"])

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            number = phonenumbers.parse(value, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(
                _("Enter a phone number like (415) 555-0143, or +44 20 7946 0958 outside the US."),
                code="invalid",
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean_message(self):
        return self.cleaned_data["message"].strip()

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("preferred_contact")
        email_given = bool(cleaned.get("email")) or "email" in self.errors
        phone_given = bool(cleaned.get("phone")) or "phone" in self.errors
        if method == Method.EMAIL and not email_given:
            self.add_error(
                "email", _("Enter your e-mail address: you asked to be contacted by e-mail.")
            )
        elif method in (Method.PHONE, Method.TEXT) and not phone_given:
            self.add_error(
                "phone",
                _("Enter your phone number: you asked for a call.")
                if method == Method.PHONE
                else _("Enter your phone number: you asked for a text message."),
            )
        elif not method and not email_given and not phone_given:
            self.add_error(
                "email", _("Enter an e-mail address or a phone number so the clinic can reply.")
            )
        return cleaned


class DeletionLinksForm(forms.Form):
    email = forms.EmailField(
        label=_("The e-mail address you gave with your request"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address you gave with your request."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        return normalise_address(self.cleaned_data["email"])

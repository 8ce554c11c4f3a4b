from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from newsletter.models import DEFAULT_TOPICS, ConsentRecord, Topic

ZIP_CODE = RegexValidator(
    r"^[0-9]{5}(-[0-9]{4})?$",
    _("Enter a ZIP code of 5 digits, or ZIP+4 like 12345-6789."),
)


class TopicsForm(forms.Form):
    """Topics and the ZIP code they need: on the sign-up, confirmation and preferences pages."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    zip_code = forms.CharField(
        label=_("ZIP code (for new providers near you)"),
        required=False,
        max_length=10,
        validators=[ZIP_CODE],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )

    def clean_zip_code(self):
        return self.cleaned_data["zip_code"].strip()

    def clean(self):
        cleaned = super().clean()
        wants_providers = Topic.PROVIDERS_NEAR_ME in cleaned.get("topics", [])
        if wants_providers and not cleaned.get("zip_code") and "zip_code" not in self.errors:
            self.add_error(
                "zip_code", _("Enter your ZIP code to hear about new providers near you.")
            )
        if not wants_providers:
            # A ZIP code is kept only for the topic that uses it.
            cleaned["zip_code"] = ""
        return cleaned


EMAIL_FIELD = {
    "label": _("E-mail address"),
    "max_length": 254,
    "error_messages": {
        "required": _("Enter your e-mail address."),
        "invalid": _("Enter an e-mail address like name@example.com."),
    },
    "widget": forms.EmailInput(attrs={"autocomplete": "email"}),
}


class SubscribeForm(TopicsForm):
    """The /subscribe/ page: an address and its topics, all ticked to begin with, so an address
    alone is enough; the person unticks what they do not want."""

    field_order = ["email", "topics", "zip_code"]
    form_name = ConsentRecord.Form.SUBSCRIBE_PAGE

    email = forms.EmailField(**EMAIL_FIELD)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"topics": list(Topic.values)})
        super().__init__(*args, **kwargs)
        self.fields["zip_code"].help_text = _(
            "Only for new providers near you: without it, you get the other topics."
        )

    def clean(self):
        topics = self.cleaned_data.get("topics", [])
        others = [topic for topic in topics if topic != Topic.PROVIDERS_NEAR_ME]
        if others and not self.cleaned_data.get("zip_code") and "zip_code" not in self.errors:
            # Providers near me needs a ZIP code; left empty, the other topics are enough.
            self.cleaned_data["topics"] = others
        return super().clean()


class FooterSubscribeForm(forms.Form):
    """The footer on every page: only an address, for the default topics, which the
    confirmation page lets the person change."""

    form_name = ConsentRecord.Form.FOOTER

    email = forms.EmailField(**EMAIL_FIELD)

    def clean(self):
        cleaned = super().clean()
        cleaned.update(topics=list(DEFAULT_TOPICS), zip_code="")
        return cleaned

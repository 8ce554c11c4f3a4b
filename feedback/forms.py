from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import MESSAGE_MAX_LENGTH, ProblemReport


class ProblemReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of problem is it?"),
        choices=ProblemReport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of problem it is.")},
    )
    message = forms.CharField(
        label=_("What is the problem?"),
        help_text=_(
            "Tell us what is wrong and, if you know, what is right. Please leave out your "
            "name and anything about your health: we do not reply to reports."
        ),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Describe the problem."),
            "max_length": _("Keep the description under %(limit_value)d characters."),
        },
    )
    # A field people never see: robots fill it in.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

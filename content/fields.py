from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A list of values from a fixed set, edited as checkboxes (routes, settings ...).

    Kept as a JSON list so a page revision stores it as it is; each item is checked against the
    choices on every save.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = dict(self.item_choices)
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(
                _("Choose from: %(choices)s.") % {"choices": ", ".join(map(str, allowed))},
                code="invalid_choice",
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, value) -> list[str]:
        """The human-readable labels of ``value``'s items, in the order of the choices."""
        chosen = set(value or ())
        return [str(label) for item, label in self.item_choices if item in chosen]

"""The widgets drawn in Python give exactly the HTML of Django's own widget templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.translation import gettext_lazy

from core.forms import INPUT_TEMPLATES, SELECT, SELECT_OPTION, FastRenderer, FixedSelect
from directory.forms import SearchForm


class Everything(forms.Form):
    text = forms.CharField(help_text="Say <anything>", max_length=20)
    number = forms.IntegerField(min_value=1)
    email = forms.EmailField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    choice = forms.ChoiceField(
        choices=[("", "Any"), ("a&b", 'A & "B"'), ("c", "<C>")], required=False
    )
    fixed = forms.ChoiceField(
        choices=[("", "Any"), ("a&b", 'A & "B"'), ("a&b", "Again"), ("c", "<C>")],
        required=True,
        widget=FixedSelect(attrs={"class": "wide"}),
    )
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("none", "None")]
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    agree = forms.BooleanField(required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False)


BOUND = [
    {},
    {
        "text": '"><script>',
        "number": "0",
        "choice": "a&b",
        "fixed": "a&b",
        "grouped": "pear",
        "many": ["y"],
        "route": "iv",
        "sort": "price",
    },
    {
        "text": "fine",
        "number": "3",
        "choice": "nope",
        "fixed": "nope",
        "agree": "on",
        "hidden": "h&",
        "treatment": "esketamine",
        "payment": "unknown",
    },
]


@pytest.mark.parametrize("data", BOUND)
def test_every_widget_is_drawn_as_the_templates_draw_it(data, db):
    for form_class, bound in ((Everything, data), (SearchForm, {"near": "", **data})):
        fast = form_class(bound or None, renderer=FastRenderer())
        slow = form_class(bound or None, renderer=DjangoTemplates())
        fast.is_valid() if bound else None
        slow.is_valid() if bound else None
        for name in fast.fields:
            assert str(fast[name]) == str(slow[name]), name


class Recording(FastRenderer):
    """Notes each template it hands on to Django's engine."""

    def __init__(self):
        super().__init__()
        self.handed_on = []

    def render(self, template_name, context, request=None):
        if template_name in (SELECT, *INPUT_TEMPLATES):
            self.handed_on.append(template_name)
        return super().render(template_name, context, request)


def test_selects_and_inputs_never_reach_the_template_engine(monkeypatch, db):
    renderer = Recording()
    engine_calls = []
    original = DjangoTemplates.render

    def engine(self, template_name, context, request=None):
        engine_calls.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", engine)
    form = SearchForm({"near": "10001", "route": "iv"}, renderer=renderer)
    html = "".join(str(form[name]) for name in form.fields)
    assert '<option value="iv" selected>' in html
    assert renderer.handed_on  # selects and inputs were drawn...
    assert not set(engine_calls) & {SELECT, SELECT_OPTION, *INPUT_TEMPLATES}  # ...in Python


def test_a_fixed_select_is_drawn_again_in_each_language():
    class Answer(forms.Form):
        answer = forms.ChoiceField(
            choices=[("y", gettext_lazy("Yes")), ("n", gettext_lazy("No"))], widget=FixedSelect
        )

    english = str(Answer(renderer=FastRenderer())["answer"])
    with translation.override("de"):
        german = str(Answer(renderer=FastRenderer())["answer"])
        assert german == str(Answer(renderer=DjangoTemplates())["answer"])
    assert ">Yes</option>" in english and ">Ja</option>" in german
    assert str(Answer(renderer=FastRenderer())["answer"]) == english

"""Form widgets drawn in Python: the same HTML as Django's own widget templates, without the
template engine.

Django renders every ``<option>`` of a select through an included template; the finder's form
has eight selects, and drawing them took as long as finding the results. ``FastRenderer`` writes
the markup of Django's ``select.html``, ``select_option.html`` and ``input.html`` (with
``attrs.html``) directly and hands every other template to Django. The test
``core/tests/test_forms.py`` compares its output with the templates' for each widget.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "checkbox",
    )
)


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict) -> str:
    value = conditional_escape(str(option["value"]))
    label = conditional_escape(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>'


def _spaced_option(option: dict) -> str:
    # The option template ends with a newline, and the engine keeps it.
    return f"\n  {_option(option)}\n"


def _select_start(name: str, attrs: dict) -> str:
    return f'<select name="{conditional_escape(name)}"{_attrs(attrs)}>'


def _select(widget: dict) -> str:
    parts = [_select_start(widget["name"], widget["attrs"])]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(_spaced_option(option) for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    name = conditional_escape(widget["name"])
    kind = conditional_escape(widget["type"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


class FastRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name == SELECT and all(
                option["template_name"] == SELECT_OPTION
                for _name, options, _index in widget["optgroups"]
                for option in options
            ):
                return mark_safe(_select(widget))  # noqa: S308 (every value escaped above)
            if template_name in INPUT_TEMPLATES:
                return mark_safe(_input(widget))  # noqa: S308 (every value escaped above)
        return super().render(template_name, context, request)


#: Each fixed select's options, drawn once per language: (value, unselected, selected) HTML.
_drawn_options: dict[tuple, list[tuple[str, str, str]]] = {}
DRAWN_KEPT = 256


class FixedSelect(forms.Select):
    """A select of a fixed list of choices (not a callable's, not grouped), whose options are
    drawn once per language and reused, only the chosen one marked. The finder's form has seven;
    building each option's context and escaping its label again for every search took a tenth
    of the page. The HTML is the templates' (core/tests/test_forms.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        options = self._options(name) if isinstance(renderer, FastRenderer) else None
        if options is None:
            return super().render(name, value, attrs, renderer)
        chosen = set(self.format_value(value))
        parts = [_select_start(name, self.build_attrs(self.attrs, attrs))]
        marked = False
        for option_value, plain, selected in options:
            # As Django's select: only the first option with the value is marked.
            if not marked and option_value in chosen:
                marked = True
                parts.append(selected)
            else:
                parts.append(plain)
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped in _options)

    def _options(self, name):
        choices = self.choices
        if self.allow_multiple_selected or not isinstance(choices, list):
            return None
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return None  # grouped: drawn by Django's widget
        key = (get_language(), name, tuple(str(value) for value, _label in choices))
        options = _drawn_options.get(key)
        if options is None:
            if len(_drawn_options) >= DRAWN_KEPT:
                _drawn_options.clear()
            options = []
            for value, label in choices:
                plain = {"value": value, "label": label, "attrs": {}}
                selected = {**plain, "attrs": self.checked_attribute}
                options.append((str(value), _spaced_option(plain), _spaced_option(selected)))
            _drawn_options[key] = options
        return options

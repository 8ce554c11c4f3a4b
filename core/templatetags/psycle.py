from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, href: str, label: str):
    """A navigation link that tells assistive technology when it leads to the current section."""
    request = context.get("request")
    current = request is not None and request.path.startswith(href)
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', href, label)
    return format_html('<a href="{}">{}</a>', href, label)


@register.simple_tag
def field_widget(field):
    """A form field's input, described by its hint and its errors (ids ``<id>_helptext`` and
    ``<id>_error``, as ``includes/form_field.html`` writes them)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else None
    return field.as_widget(attrs=attrs)


@register.filter
def money(amount, places=None):
    """US dollars as the site writes them everywhere: "$1,075", or "$1,075.50" when there are
    cents; ``places=0`` rounds to whole dollars (half up), as medians are shown."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount))
    if places is not None:
        value = value.quantize(Decimal(1) if int(places) == 0 else Decimal(10) ** -int(places),
                               rounding=ROUND_HALF_UP)  # fmt: skip
    if value == value.to_integral_value():
        return f"${int(value):,}"
    return f"${value:,.2f}"


@register.simple_tag
def confirmed(day, stale=False):
    """When a fact was last confirmed, "confirmed 3 Mar 2026", marked when it may be out of
    date. A tag rather than an included template: a page of results shows dozens of them."""
    text = gettext("confirmed %(date)s") % {"date": date_filter(day, "j M Y")}
    if stale:
        text = f"{text}: {gettext('may be out of date')}"
        return format_html('<span class="confirmed confirmed--stale">{}</span>', text)
    return format_html('<span class="confirmed">{}</span>', text)


@register.simple_tag
def form_field(field):
    """A form field with its label, hint and errors: the markup every form on the site uses.
    Written here rather than as an included template, which costs a millisecond a field."""
    errors = "".join(format_html('<p class="field__error">{}</p>', error) for error in field.errors)
    css = "field field--error" if field.errors else "field"
    if field.widget_type == "checkbox":
        return format_html(
            '<div class="{}">\n  <div class="field__check">{} <label for="{}">{}</label></div>\n'
            "  {}\n</div>",
            css, field, field.id_for_label, field.label, mark_safe(errors),  # noqa: S308
        )  # fmt: skip
    described = ""
    if field.help_text or field.errors:
        # Django points aria-describedby at <id>_helptext when there is help text.
        help_text = (
            format_html('<p class="field__help">{}</p>', field.help_text) if field.help_text else ""
        )
        described = format_html(
            '\n  <div id="{}_helptext">\n    {}\n    {}\n  </div>',
            field.auto_id, help_text, mark_safe(errors),  # noqa: S308
        )  # fmt: skip
    return format_html(
        '<div class="{}">\n  <label for="{}">{}</label>{}\n  {}\n</div>',
        css, field.id_for_label, field.label, described, field,
    )  # fmt: skip

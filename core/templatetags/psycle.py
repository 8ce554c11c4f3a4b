from django import template
from django.utils.html import format_html

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

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from content import contents
from content.citations import Citations, strip_markers
from core.json_ld import as_json_ld

register = template.Library()


def _citations(context) -> Citations:
    """The page's citation registry; a block rendered on its own (a preview) gets its own."""
    citations = context.get("citations")
    if citations is None:
        from content.models import all_references

        citations = Citations(all_references())
        context.dicts[0]["citations"] = citations
    return citations


@register.simple_tag(takes_context=True)
def cited(context, text):
    """``text`` with its [ref:key] markers made into numbered links to the page's references."""
    return _citations(context).cite(text)


@register.inclusion_tag("content/includes/reference_list.html", takes_context=True)
def reference_list(context, heading=""):
    """The sources cited so far on the page and not yet listed, under ``heading``."""
    return {"entries": _citations(context).take_unlisted(), "heading": heading}


@register.filter
def uncite(text):
    """``text`` without citation markers, for places that list no references."""
    return strip_markers(text)


@register.filter
def json_ld(data):
    return as_json_ld(data)


@register.filter
def heading_id(heading):
    """The id of a section heading, as the page's contents list links to it."""
    return contents.heading_id(heading)


@register.filter
def with_heading_ids(rendered):
    """Rendered rich text (already safe) with an id on each h2, for the contents list."""
    return mark_safe(contents.with_heading_ids(conditional_escape(rendered)))  # noqa: S308

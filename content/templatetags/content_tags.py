from django import template

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

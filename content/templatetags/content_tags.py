from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


@register.simple_tag(takes_context=True)
def reference_list(context, heading=""):
    """The sources cited so far on the page and not yet listed, under ``heading``. Written in
    Python rather than a template: a page lists dozens, and the template cost a quarter of
    the treatment page's render."""
    entries = _citations(context).take_unlisted()
    if not entries:
        return ""
    first = entries[0].number
    items = mark_safe("".join(_reference_item(entry) for entry in entries))  # noqa: S308
    return format_html(
        '<section class="references" aria-labelledby="references-{}">\n'
        '  <h2 id="references-{}">{}</h2>\n  <ol class="references__list">{}</ol>\n</section>',
        first, first, heading or _("References"), items,
    )  # fmt: skip


def _reference_item(entry) -> str:
    reference = entry.reference
    links = []
    if reference.doi:
        links.append(format_html('<a href="{}">doi:{}</a>', reference.doi_url, reference.doi))
    if reference.pmid:
        links.append(
            format_html('<a href="{}">PubMed {}</a>', reference.pubmed_url, reference.pmid)
        )
    if reference.url:
        links.append(format_html('<a href="{}">{}</a>', reference.url, _("Official page")))
    if len(entry.anchors) == 1:
        back = format_html('<a href="#{}">{}</a>', entry.anchors[0], _("Back to the text"))
    else:
        place = '<a href="#{}"><span class="visually-hidden">{} </span>{}</a>'
        places = ", ".join(
            format_html(place, anchor, _("place"), number)
            for number, anchor in enumerate(entry.anchors, start=1)
        )
        back = format_html("{} {}", _("Cited in the text at"), mark_safe(places))  # noqa: S308
    links = mark_safe("\n      ".join(links))  # noqa: S308 (each link is escaped)
    return format_html(
        '\n    <li id="ref-{}" value="{}">\n'
        '      <span class="references__citation">{}.</span>\n      {}\n'
        '      <span class="references__back">{}</span>\n    </li>',
        entry.number, entry.number, reference.citation, links, back,
    )  # fmt: skip


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

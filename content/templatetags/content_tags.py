from django import template
from django.utils.html import conditional_escape, escape, format_html
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
    words = _ReferenceWords()
    items = "".join(_reference_item(entry, words) for entry in entries)
    return format_html(
        '<section class="references" aria-labelledby="references-{}">\n'
        '  <h2 id="references-{}">{}</h2>\n  <ol class="references__list">{}</ol>\n</section>',
        first, first, heading or _("References"), mark_safe(items),  # noqa: S308
    )  # fmt: skip


class _ReferenceWords:
    """The list's own words, translated and escaped once for the whole list."""

    def __init__(self):
        self.official = escape(_("Official page"))
        self.back = escape(_("Back to the text"))
        self.place = escape(_("place"))
        self.cited_at = escape(_("Cited in the text at"))


def _reference_item(entry, words: _ReferenceWords) -> str:
    """One source of the list. Built with f-strings around escaped values: a page lists
    dozens, each linked back to several places, and format_html cost a tenth of the render."""
    reference = entry.reference
    links = []
    if reference.doi:
        links.append(f'<a href="{escape(reference.doi_url)}">doi:{escape(reference.doi)}</a>')
    if reference.pmid:
        links.append(
            f'<a href="{escape(reference.pubmed_url)}">PubMed {escape(reference.pmid)}</a>'
        )
    if reference.url:
        links.append(f'<a href="{escape(reference.url)}">{words.official}</a>')
    # Anchors are made of integers (see Citations._link).
    if len(entry.anchors) == 1:
        back = f'<a href="#{entry.anchors[0]}">{words.back}</a>'
    else:
        places = ", ".join(
            f'<a href="#{anchor}"><span class="visually-hidden">{words.place} </span>{number}</a>'
            for number, anchor in enumerate(entry.anchors, start=1)
        )
        back = f"{words.cited_at} {places}"
    links = "\n      ".join(links)
    return (
        f'\n    <li id="ref-{entry.number}" value="{entry.number}">\n'
        f'      <span class="references__citation">{escape(reference.citation)}.</span>\n'
        f"      {links}\n"
        f'      <span class="references__back">{back}</span>\n    </li>'
    )


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

"""The "On this page" list of a long page: one jump link for each section of its body.

A section is a second-level heading: the h2s an editor writes in a text block, and the heading
of each block that renders one. Each gets an id made from its words, here and where the heading
is rendered (``heading_id`` and the ``with_heading_ids`` filter), so the two always agree.
"""

import html
import re
from dataclasses import dataclass

from django.utils.text import slugify

# A page with fewer sections than this is short enough to read without a contents list.
MINIMUM_SECTIONS = 4
# The blocks whose own heading is an h2, by block type.
HEADED_BLOCKS = {"pros_and_cons", "benefits_and_considerations", "faq", "treatment_options"}
REFERENCES_ID = "sources"

_H2 = re.compile(r"<h2([^>]*)>(.*?)</h2>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CITATION = re.compile(r"\[ref:[^\]]*\]")


@dataclass(frozen=True)
class Section:
    id: str
    title: str


def plain(heading: str) -> str:
    """A heading's words, without markup or citation markers."""
    return html.unescape(_TAG.sub("", _CITATION.sub("", str(heading)))).strip()


def heading_id(heading: str) -> str:
    return slugify(plain(heading)) or "section"


def with_heading_ids(rendered: str) -> str:
    """Rendered rich text with an id on each h2 that has none."""

    def add_id(match):
        attributes, inner = match.group(1), match.group(2)
        if "id=" in attributes:
            return match.group(0)
        return f'<h2{attributes} id="{heading_id(inner)}">{inner}</h2>'

    return _H2.sub(add_id, rendered)


def _block_headings(block) -> list[str]:
    if block.block_type == "rich_text":
        return [inner for _attributes, inner in _H2.findall(block.value.source)]
    if block.block_type in HEADED_BLOCKS:
        return [block.value["heading"]]
    return []


def sections(page) -> list[Section]:
    """The sections of the page's body, in order; the first of any two with the same id."""
    body = getattr(page, "body", None)
    if not body or isinstance(body, str):  # the home page's body is one rich text
        return []
    found, seen = [], set()
    for block in body:
        if block.block_type == "references":
            found.append(Section(REFERENCES_ID, plain(block.value["heading"])))
            continue
        for heading in _block_headings(block):
            section = Section(heading_id(heading), plain(heading))
            if section.id not in seen:
                seen.add(section.id)
                found.append(section)
    return found


def contents(page) -> list[Section]:
    """The contents list to show: the sections of a long page, none for a short one."""
    found = sections(page)
    return found if len(found) >= MINIMUM_SECTIONS else []

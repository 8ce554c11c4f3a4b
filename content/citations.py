"""Numbered citations: `[ref:key]` markers in page text become superscript links to a list.

Writers and editors cite a source by its bibliography key anywhere in a page's text, for example
``... non-inferior to ECT [ref:anand2023].`` (several keys: ``[ref:anand2023, ekstrand2022]``).
While a page renders, each key is numbered in the order a reader meets it; the references block
then lists the sources under those numbers, each with links back to the sentences that cite it.
The rules here are plain functions and one small registry, so the loader, page validation and
templates all read markers the same way.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MARKER = re.compile(r"\[ref:\s*([a-z0-9][a-z0-9-]*(?:\s*,\s*[a-z0-9][a-z0-9-]*)*)\s*\]")
# A marker with the space before it: removed, or replaced, together.
MARKER_WITH_SPACE = re.compile(r"\s*" + MARKER.pattern)


def keys_in(text: str) -> list[str]:
    """The keys cited in ``text``, in reading order, each once."""
    keys: list[str] = []
    for match in MARKER.finditer(text or ""):
        for key in re.split(r"\s*,\s*", match.group(1)):
            if key not in keys:
                keys.append(key)
    return keys


def strip_markers(text: str) -> str:
    """``text`` without its markers, for places with no reference list (cards, meta tags)."""
    return MARKER_WITH_SPACE.sub("", text or "")


@dataclass
class Entry:
    """One numbered source on a page, and the ids of the places that cite it."""

    number: int
    key: str
    reference: object | None
    anchors: list[str] = field(default_factory=list)
    listed: bool = False


class Citations:
    """Numbers the sources cited on one page as it renders, and remembers where each was cited.

    ``references`` maps each known key to its reference (anything with ``citation``, ``doi``,
    ``pmid`` and ``url``); it may be a lazy mapping, read on first use.
    """

    def __init__(self, references: Mapping[str, object]):
        self._references = references
        self._entries: dict[str, Entry] = {}

    def cite(self, text) -> SafeString:
        """``text`` (escaped unless already safe HTML) with its markers made into links."""
        html = str(conditional_escape(text))
        # The space before a marker goes, so a number never starts a line on its own.
        return mark_safe(MARKER_WITH_SPACE.sub(lambda match: self._links(match.group(1)), html))  # noqa: S308

    def _links(self, keys: str) -> str:
        return "".join(self._link(key) for key in re.split(r"\s*,\s*", keys))

    def _link(self, key: str) -> str:
        entry = self._entries.get(key)
        if entry is None:
            entry = Entry(len(self._entries) + 1, key, self._references.get(key))
            self._entries[key] = entry
        anchor = f"cite-{entry.number}-{len(entry.anchors) + 1}"
        entry.anchors.append(anchor)
        if entry.reference is None:
            # Page validation refuses unknown keys; this shows an editor a source deleted since.
            return format_html(
                '<sup class="cite cite--missing" id="{}">[{}]</sup>',
                anchor,
                _("missing reference: %(key)s") % {"key": key},
            )
        # Built directly: a page has a hundred of these, and format_html cost a tenth of its
        # render. The number and the anchor are made of integers; the word is escaped once.
        return (
            f'<sup class="cite"><a href="#ref-{entry.number}" id="{anchor}">'
            f'[<span class="visually-hidden">{self._reference_word} </span>'
            f"{entry.number}]</a></sup>"
        )

    @cached_property
    def _reference_word(self) -> str:
        return escape(_("reference"))

    def take_unlisted(self) -> list[Entry]:
        """The sources cited so far and not yet listed, marking them listed."""
        unlisted = [
            entry
            for entry in self._entries.values()
            if not entry.listed and entry.reference is not None
        ]
        for entry in unlisted:
            entry.listed = True
        return unlisted

    @property
    def numbered(self) -> list[Entry]:
        return list(self._entries.values())


def unknown_keys(texts: Iterable[str], known: Iterable[str]) -> list[str]:
    """Keys cited in ``texts`` that are not among ``known``, in the order they appear."""
    known = set(known)
    unknown: list[str] = []
    for text in texts:
        for key in keys_in(text):
            if key not in known and key not in unknown:
                unknown.append(key)
    return unknown

"""The site's one bibliography, content/references.toml, read as plain data.

The library loads it into the database (content/loading.py) so editors can see it; the
self-assessment cites from it directly (assessments/references.py). Both read it here, so a
source is written down once. Reading needs no database and no Django: a test, a command or the
API can call ``read()``.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

BIBLIOGRAPHY = Path(__file__).resolve().parent.parent / "content" / "references.toml"

# citation and status are required; every other field may be left out. `confirmed` says how an
# entry was checked against its publisher's or PubMed's record, for the people who keep the file.
FIELDS = ("citation", "year", "doi", "pmid", "url", "status", "supports", "confirmed")
STATUSES = ("confirmed", "partly confirmed")


class BibliographyError(ValueError):
    """The bibliography cannot be read, with the entry and the reason."""


@dataclass(frozen=True)
class Reference:
    key: str
    citation: str
    year: int | None = None
    doi: str = ""
    pmid: str = ""
    url: str = ""
    status: str = ""
    supports: str = ""
    confirmed: str = ""

    @property
    def link(self) -> str:
        """Where a reader can check the source: its DOI, else PubMed, else the official page."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


def read(path: Path = BIBLIOGRAPHY) -> dict[str, Reference]:
    """Every reference in the file, by key, in the file's order."""
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BibliographyError(f"{path.name}: {error}") from None
    return {key: _reference(key, entry) for key, entry in entries.items()}


def _reference(key: str, entry) -> Reference:
    if not isinstance(entry, dict):
        raise BibliographyError(f"[{key}] must be a table of fields.")
    if unknown := sorted(set(entry) - set(FIELDS)):
        raise BibliographyError(
            f"[{key}] has no field {', '.join(unknown)}; use {', '.join(FIELDS)}."
        )
    if not entry.get("citation"):
        raise BibliographyError(f"[{key}] needs a citation.")
    if entry.get("status") not in STATUSES:
        raise BibliographyError(f"[{key}] status must be one of: {', '.join(STATUSES)}.")
    year = entry.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise BibliographyError(f"[{key}] year must be a whole number, such as 2019.")
    text = {name: entry.get(name, "") for name in FIELDS if name != "year"}
    for name, value in text.items():
        if not isinstance(value, str):
            raise BibliographyError(f"[{key}] {name} must be text.")
    return Reference(key=key, year=year, **text)

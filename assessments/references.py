"""The sources the self-assessment cites: the site's one bibliography, content/references.toml.

``REFERENCES[key]`` gives a reference with ``key``, ``citation``, ``year``, ``doi``, ``pmid``,
``url`` and ``link``. A blank DOI or PMID was not confirmed and stays blank (Sanacora 2017 has
neither, so it is cited by name alone).
"""

from core.references import Reference, read

__all__ = ["REFERENCES", "Reference"]

REFERENCES: dict[str, Reference] = read()

"""The one bibliography, read as plain data by the library and the self-assessment alike."""

import re

import pytest

from core import references
from core.references import BibliographyError, Reference


def write(tmp_path, text):
    path = tmp_path / "references.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_bibliography_reads_with_a_year_and_a_link_for_every_confirmed_article():
    bibliography = references.read()
    assert bibliography["anand2023"].year == 2023
    assert bibliography["anand2023"].link == "https://doi.org/10.1056/NEJMoa2302399"
    ketalar = bibliography["fda-ketalar-label"]
    assert ketalar.link.startswith("https://dailymed.nlm.nih.gov/")
    assert "openFDA" in ketalar.confirmed
    for key, reference in bibliography.items():
        assert reference.key == key
        if reference.status == "confirmed" and not reference.url:
            assert reference.year, key


def test_a_link_prefers_the_doi_then_pubmed_then_the_official_page():
    assert Reference("a", "A", doi="10.1/x", pmid="1", url="https://e.org").link == (
        "https://doi.org/10.1/x"
    )
    assert Reference("b", "B", pmid="12", url="https://e.org").link == (
        "https://pubmed.ncbi.nlm.nih.gov/12/"
    )
    assert Reference("c", "C", url="https://e.org").link == "https://e.org"
    assert Reference("d", "D").link == ""


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('citation = "A"\nstatus = "confirmed"\ncolour = "red"', "[smith2020] has no field colour"),
        ('status = "confirmed"', "[smith2020] needs a citation"),
        ('citation = "A"\nstatus = "sure"', "[smith2020] status must be one of"),
        ('citation = "A"\nstatus = "confirmed"\nyear = "2020"', "[smith2020] year must be a whole"),
        ('citation = "A"\nstatus = "confirmed"\ndoi = 10', "[smith2020] doi must be text"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_entry_and_the_field(tmp_path, entry, message):
    path = write(tmp_path, f"[smith2020]\n{entry}\n")
    with pytest.raises(BibliographyError, match=re.escape(message)):
        references.read(path)


def test_a_file_that_is_not_toml_is_refused_with_its_name(tmp_path):
    path = write(tmp_path, "[smith2020\n")
    with pytest.raises(BibliographyError, match=re.escape("references.toml: ")):
        references.read(path)

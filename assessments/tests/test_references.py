"""The self-assessment cites from the site's one bibliography, content/references.toml."""

import ast
import re
from pathlib import Path

from assessments.instruments import INSTRUMENTS
from assessments.references import REFERENCES
from core import references

ASSESSMENTS = Path(__file__).resolve().parents[1]
# How the bibliography's keys look: an author and a year ("anand2023", "murrough2013b"), or an
# official source ("fda-spravato-label"). Safety codes such as "psychosis_mania" never do.
KEY_SHAPED = re.compile(r"^(?:[a-z]+\d{4}[a-z]?|fda-[a-z0-9-]+)$")


def test_the_assessment_reads_the_same_bibliography_as_the_library():
    assert references.read() == REFERENCES
    phq9 = REFERENCES["kroenke2001"]
    assert (phq9.key, phq9.year, phq9.pmid) == ("kroenke2001", 2001, "11556941")
    assert phq9.citation.startswith("Kroenke K, Spitzer RL, Williams JB. The PHQ-9")
    assert phq9.link == "https://doi.org/10.1046/j.1525-1497.2001.016009606.x"


def test_every_source_a_questionnaire_cites_is_in_the_bibliography():
    cited = {key for instrument in INSTRUMENTS.values() for key in instrument.references}
    assert cited and cited <= set(REFERENCES)


def test_every_source_the_assessment_names_in_its_code_is_in_the_bibliography():
    """Catches a mistyped key in the rules or the questionnaires, however they come to cite it."""
    named = set()
    for module in ASSESSMENTS.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        named |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and KEY_SHAPED.match(node.value)
        }
    assert {"kroenke2001", "sanacora2017", "fda-spravato-label"} <= named
    assert named <= set(REFERENCES), named - set(REFERENCES)

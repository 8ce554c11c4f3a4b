import json

from content.structured_data import plain
from core.json_ld import as_json_ld


def test_json_ld_cannot_end_its_script_early():
    data = {"name": "</script><script>alert(1)</script> & more"}
    serialised = as_json_ld(data)
    assert "</script>" not in serialised and "&" not in serialised
    assert json.loads(serialised) == data


def test_text_for_search_engines_has_no_markup_or_markers():
    assert plain("<p>Fast  relief [ref:murrough2013].</p>") == "Fast relief."

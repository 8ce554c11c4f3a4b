"""The map's state outlines are what bin/simplify-outlines makes from the us-atlas source."""

import importlib.util
import json
from importlib.machinery import SourceFileLoader
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "directory" / "static" / "directory" / "us-states.json"


def test_the_shipped_outlines_are_the_scripts_output(tmp_path):
    loader = SourceFileLoader("simplify_outlines", str(ROOT / "bin" / "simplify-outlines"))
    script = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(script)
    written = tmp_path / "us-states.json"
    script.main(["--output", str(written)])
    assert written.read_bytes() == SHIPPED.read_bytes()


def test_every_state_is_there_with_its_name_and_arcs_that_exist():
    source = json.loads((ROOT / "directory" / "data" / "us-states-10m.json").read_text())
    outline = json.loads(SHIPPED.read_text())
    names = {state["properties"]["name"] for state in outline["objects"]["states"]["geometries"]}
    expected = {s["properties"]["name"] for s in source["objects"]["states"]["geometries"]}
    assert names == expected and {"New York", "Alaska", "Hawaii", "California"} <= names
    assert "nation" not in outline["objects"]
    for state in outline["objects"]["states"]["geometries"]:
        parts = [state["arcs"]] if state["type"] == "Polygon" else state["arcs"]
        indexes = [index for part in parts for ring in part for index in ring]
        assert all(0 <= (i if i >= 0 else ~i) < len(outline["arcs"]) for i in indexes)
    assert all(len(arc) >= 2 for arc in outline["arcs"])
    assert (
        len(SHIPPED.read_bytes())
        < len((ROOT / "directory/data/us-states-10m.json").read_bytes()) * 0.6
    )
    licence = (ROOT / "directory" / "static" / "directory" / "us-states.LICENSE.txt").read_text()
    assert "bin/simplify-outlines" in licence and "Copyright 2013-2019 Michael Bostock" in licence

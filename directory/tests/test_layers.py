"""The finder page and the search API reach the search only through ``directory.finder``."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INTERNALS = {"directory.search", "directory.listings"}


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module or "")
            modules |= {f"{node.module}.{alias.name}" for alias in node.names}
    return modules


@pytest.mark.parametrize("path", ["directory/views.py", "api/search.py"])
def test_the_page_and_the_api_call_the_finder_not_the_search_internals(path):
    modules = imported_modules(ROOT / path)
    assert "directory.finder" in modules or "directory.finder.find" in modules
    reached = {name for name in modules if any(name.startswith(m) for m in INTERNALS)}
    assert not reached, f"{path} imports search internals: {sorted(reached)}"

"""The shape of the code itself: no function too long to hold in one's head, and no import
circle between the project's modules (an import inside a function counts too)."""

import ast
from pathlib import Path

from django.conf import settings


def project_packages() -> list[Path]:
    """The project's own top-level packages (the apps and psycle/), found, so a new app counts."""
    return sorted(
        path.parent
        for path in settings.BASE_DIR.glob("*/__init__.py")
        if not path.parent.name.startswith(".")
    )


LONGEST_FUNCTION = 80


def project_modules() -> dict[str, Path]:
    """Every module of the project by its dotted name, leaving out tests and migrations."""
    modules = {}
    for package in project_packages():
        for path in package.rglob("*.py"):
            parts = path.relative_to(settings.BASE_DIR).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_names(name: str, path: Path) -> set[str]:
    """What the module imports, anywhere in it, as dotted names (from-imports with each name)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".")
                if path.name != "__init__.py":
                    package = package[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(name, path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a circle (Tarjan)."""
    order, lowest, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        order[module] = lowest[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in order:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in on_stack:
                lowest[module] = min(lowest[module], order[target])
        if lowest[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_every_app_is_looked_at():
    names = {package.name for package in project_packages()}
    assert {"psycle", "core", "content", "directory", "feedback"} <= names


def test_no_import_circle_between_the_projects_modules():
    assert circles(import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_no_function_is_longer_than_80_lines():
    too_long = [
        f"{name}.{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for name, path in project_modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    ]
    assert too_long == []

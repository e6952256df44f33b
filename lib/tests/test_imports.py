"""Imports run one way, in the order the data flows (read from the source with ``ast``, nothing imported).

Every module of ``lib/`` (not ``lib/tests/`` nor ``lib/tools/``), imports inside functions included.
"""
import ast

import pytest

from lib import ROOT

LIB = ROOT / "lib"
MODULES = sorted(p.stem for p in LIB.glob("*.py"))
STAGES = {"load", "timexes", "actors", "events"}
CURATED_READERS_ALLOWED = {"load", "annotate", "evaluate"}
LOAD_FROM_CURATED = {"curated_path", "read_metadata", "parse_metadata", "METADATA_FIELDS"}     # metadata only


def _imports(module: str) -> dict[str, set[str]]:
    """``{lib module: names imported from it}`` for one module of ``lib/`` (``lib`` itself is ``__init__``)."""
    tree = ast.parse((LIB / f"{module}.py").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}

    def add(target: str, name: str | None = None) -> None:
        parts = target.split(".")
        if parts[0] != "lib":
            return
        if len(parts) == 1:
            # ``from lib import X``: X is a module of lib when there is a file for it, else a name of lib/__init__.py
            if name in MODULES or (LIB / name).is_dir():
                found.setdefault(name, set())
            else:
                found.setdefault("__init__", set()).add(name)
            return
        found.setdefault(parts[1], set()).update({name} if name else set())

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:                           # relative imports: lib is imported by absolute names only
                pytest.fail(f"lib/{module}.py: relative import from {'.' * node.level}{node.module or ''}")
            for alias in node.names:
                add(node.module or "", alias.name)
    found.pop(module, None)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def test_the_modules_are_found():
    assert {"load", "dct", "timexes", "actors", "events", "annotate", "curated", "tables", "text", "errors",
            "timeline", "charts", "exports", "evaluate", "render", "cli"} <= set(MODULES)
    assert set(GRAPH["annotate"]) >= {"load", "dct", "timexes", "actors", "events"}


def test_no_import_cycle():
    edges = {m: {t for t in GRAPH[m] if t in GRAPH} for m in GRAPH}
    state: dict[str, str] = {}

    def visit(module, path):
        state[module] = "open"
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_stage_imports_no_other_stage(stage):
    assert not (set(GRAPH[stage]) & (STAGES - {stage})), GRAPH[stage]


@pytest.mark.parametrize("module", MODULES)
def test_curated_files_are_read_only_where_allowed(module):
    if "curated" not in GRAPH[module]:
        return
    assert module in CURATED_READERS_ALLOWED, f"lib/{module}.py imports lib.curated"
    if module == "load":
        assert GRAPH["load"]["curated"] <= LOAD_FROM_CURATED, GRAPH["load"]["curated"]


def test_no_stage_imports_a_later_module():
    later = {"annotate", "timeline", "charts", "exports", "evaluate", "render", "cli", "tools", "__main__"}
    for stage in STAGES | {"dct", "curated", "tables", "text", "errors"}:
        assert not (set(GRAPH[stage]) & later), (stage, GRAPH[stage])


def test_charts_do_not_import_exports():
    assert "exports" not in GRAPH["charts"]


def test_timeline_does_not_import_evaluate():
    assert "evaluate" not in GRAPH["timeline"]


def test_the_cheap_package_and_the_error_module():
    assert GRAPH["__init__"] == {} and GRAPH["errors"] == {}
    assert set(GRAPH["tables"]) <= {"__init__", "errors"}

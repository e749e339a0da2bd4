"""The layout's rules: stages import only the shared kernel and their own package; start-up stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "graph"
KERNEL = {"graph.types", "graph.vocab", "graph.names", "graph.iris", "graph.settings", "graph.errors", "graph.atomic", "graph.lifetime", "graph.centrality"}
STAGES = ("graph.ingest", "graph.nlp", "graph.extract", "graph.resolve", "graph.output", "graph.sparql")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph"):
            found |= {node.module} if node.module != "graph" else {f"graph.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("graph")}
    return found


def _stage(module: str) -> str | None:
    return next((s for s in STAGES if module == s or module.startswith(s + ".")), None)


def test_stages_import_only_the_kernel_and_themselves():
    crossings = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        own = _stage(module)
        if own is None:
            continue
        for imported in _imports(path):
            if imported in KERNEL or _stage(imported) == own:
                continue
            crossings.append(f"{module} imports {imported}")
    assert crossings == []


def test_the_check_sees_a_crossing(tmp_path):
    bad = PACKAGE / "extract" / "relations.py"
    assert "graph.nlp" not in _imports(bad)
    probe = tmp_path / "probe.py"
    probe.write_text("from graph.nlp import load\nfrom graph import resolve\n")
    assert _imports(probe) == {"graph.nlp", "graph.resolve"}


def test_import_graph_and_help_do_not_load_heavy_libraries():
    code = "import sys, graph, graph.cli; print(sorted(m for m in ('spacy', 'rdflib', 'pyvis', 'networkx', 'pyoxigraph') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_query_on_a_small_file_does_not_load_spacy(tmp_path):
    graph_file = tmp_path / "g.ttl"
    graph_file.write_text("<https://e.org/a> <https://e.org/p> <https://e.org/b> .\n")
    code = ("import sys; from typer.testing import CliRunner; from graph.cli import app; "
            f"r = CliRunner().invoke(app, ['query', {str(graph_file)!r}, 'SELECT * WHERE {{ ?s ?p ?o }}']); "
            "print(r.exit_code, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]

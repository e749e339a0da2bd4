"""`kg export --format neo4j`: the CSV files and the Cypher script load into a real embedded Cypher database (Kùzu)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import kuzu
import pytest
from conftest import ROOT
from test_interop import ARTICLE, TRIPLES

from graph.output.neo4j import NODE_COLUMNS, REL_COLUMNS
from graph.output.rdf import to_rdf

KUZU_TYPES = {"int": "INT64", "float": "DOUBLE"}


def _column(header: str) -> str:
    name, _, kind = header.partition(":")
    return f"{name or 'id'} {KUZU_TYPES.get(kind, 'STRING')}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    entities = {t.subject.id: t.subject for t in TRIPLES} | {t.object.id: t.object for t in TRIPLES}
    graph_file = tmp_path_factory.mktemp("neo4j") / "graph.ttl"
    graph_file.write_text(to_rdf([ARTICLE], entities.values(), TRIPLES).serialize(format="turtle"), encoding="utf-8")
    out = graph_file.parent / "neo4j"
    done = subprocess.run([sys.executable, "-m", "graph", "export", str(graph_file), "--format", "neo4j", "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return out


def _schema(conn: kuzu.Connection, out: Path) -> None:
    for label, columns in NODE_COLUMNS.items():
        conn.execute(f"CREATE NODE TABLE {label}(id STRING, {', '.join(_column(c) for c in columns)}, PRIMARY KEY(id))")
    pairs: dict[str, list[str]] = {}
    for path in sorted(out.glob("rels_*.csv")):
        kind, start, end = path.stem.removeprefix("rels_").rsplit("_", 2)
        pairs.setdefault(kind, []).append(f"FROM {start} TO {end}")
    for kind, ends in pairs.items():
        conn.execute(f"CREATE REL TABLE {kind}({', '.join(ends)}, {', '.join(_column(c) for c in REL_COLUMNS)})")


def _rows(conn: kuzu.Connection, cypher: str) -> list[list]:
    result = conn.execute(cypher)
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    return rows


QUERIES = [
    ("MATCH (p:Person)-[r:WORKS_FOR]->(o:Organization) RETURN p.name, o.name, r.role, r.support", [["Ann Quill", "Quill Widgets", "CEO", 1]]),
    ("MATCH (o:Organization)-[:FOUNDED_BY]->(p:Person) RETURN o.name, p.name", [["Quill Widgets", "Bo Marsh"]]),
    ("MATCH (x)-[:LOCATED_IN]->(p:Place) RETURN x.name, p.name ORDER BY x.name", [["Eastmere", "Westvale"], ["Quill Labs", "Westvale"]]),
    ("MATCH (u:Organization)-[:PARENT_ORGANIZATION]->(o:Organization)-[:HEADQUARTERED_IN]->(p:Place) RETURN u.name, p.name", [["Quill Labs", "Eastmere"]]),
    ("MATCH (n) RETURN count(n)", [[9]]),
    ("MATCH ()-[r]->() RETURN count(r)", [[len(TRIPLES)]]),
]


def test_the_csv_files_load_into_a_cypher_database(exported, tmp_path):
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "db")))
    _schema(conn, exported)
    for path in sorted(exported.glob("nodes_*.csv")):
        conn.execute(f"COPY {path.stem.removeprefix('nodes_')} FROM '{path}' (header=true, parallel=false)")
    for path in sorted(exported.glob("rels_*.csv")):
        kind, start, end = path.stem.removeprefix("rels_").rsplit("_", 2)
        conn.execute(f"COPY {kind} FROM '{path}' (header=true, parallel=false, from='{start}', to='{end}')")
    for cypher, expected in QUERIES:
        assert _rows(conn, cypher) == expected, cypher
    evidence = _rows(conn, "MATCH (:Person)-[r:WORKS_FOR]->() RETURN r.evidence, r.articles, r.confidence")
    assert evidence == [["Ann Quill worksFor Quill Widgets.", f"https://example.org/news-kg/id/article/{ARTICLE.id}", 0.9]]


def test_the_cypher_script_loads_the_same_graph(exported, tmp_path):
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "db")))
    _schema(conn, exported)
    script = (exported / "graph.cypher").read_text(encoding="utf-8").splitlines()
    assert script[0].startswith("//") and all(line.endswith(";") for line in script[1:])
    for line in script[1:]:
        if not line.startswith("CREATE CONSTRAINT"):  # Neo4j's schema; Kùzu's tables are made above
            conn.execute(line)
    for cypher, expected in QUERIES:
        assert _rows(conn, cypher) == expected, cypher


def test_the_csv_headers_follow_neo4j_admin_import(exported):
    for path in exported.glob("nodes_*.csv"):
        header = next(csv.reader(path.open(encoding="utf-8")))
        assert header[0] == "id:ID"
    for path in exported.glob("rels_*.csv"):
        header = next(csv.reader(path.open(encoding="utf-8")))
        assert header[:2] == [":START_ID", ":END_ID"] and path.stem.split("_")[1].isupper()

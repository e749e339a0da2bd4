"""The kg command as a user runs it: real processes, real exit codes, no tracebacks."""

import json
import os
import subprocess
import sys

import pytest
from conftest import EXPORTS, ROOT

KG = [sys.executable, "-m", "graph"]


def kg(*args, stdin=None):
    return subprocess.run([*KG, *args], capture_output=True, text=True, input=stdin, cwd=ROOT)


QUERIES = {
    "headquarters.rq": [["Yi+", "Zhongguancun"]],
    "people-employers.rq": [["Mo Zhang", "Yi+", "CEO"], ["Yujia He", "Scowcroft Center for Strategy and Security", "visiting fellow"]],
    "evidence.rq": [["Yi+, an AI company with offices in Singapore and San Jose, is headquartered in Zhongguancun."]],
    "aliases.rq": [["Zhongguancun"]],
    "articles.rq": [["Beijing Set to Transform Itself Into a Tech Capital", "Ben Halder", "OZY"]],
}


@pytest.mark.parametrize("name, expected", QUERIES.items())
def test_example_queries_return_expected_rows(name, expected):
    done = kg("query", "exports/graph.ttl", f"queries/{name}", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = [[b[v]["value"] for v in json.loads(done.stdout)["head"]["vars"] if v in b] for b in json.loads(done.stdout)["results"]["bindings"]]
    for row in expected:
        assert any(r[: len(row)] == row for r in rows), (row, rows)


def test_transitive_location_query():
    done = kg("query", "exports/graph.ttl", "queries/located-in-china.rq", "--format", "csv")
    assert done.returncode == 0
    things = {line.split(",")[0] for line in done.stdout.splitlines()[1:]}
    assert {"Zhongguancun", "Haidian District", "Yi+", "Google", "Beijing"} <= things


def test_query_table_and_bad_query():
    done = kg("query", "exports/graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Organization }")
    assert done.returncode == 0 and done.stdout.splitlines()[0].strip() == "n" and "(1 row)" in done.stdout
    bad = kg("query", "exports/graph.ttl", "SELEKT nothing")
    assert bad.returncode == 1 and bad.stderr.startswith("kg: error: query failed") and "Traceback" not in bad.stderr


def test_extract_prints_the_interface(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Jane Smith, CEO of Acme Robotics, spoke in Lyon on Monday.\n", encoding="utf-8")
    done = kg("extract", str(doc))
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    out = json.loads(line)
    assert set(out) == {"id", "entities", "relations"}
    text = doc.read_text(encoding="utf-8")
    ids = {e["id"] for e in out["entities"]}
    for e in out["entities"]:
        assert set(e) == {"id", "text", "name", "type", "start", "end"} and text[e["start"] : e["end"]] == e["text"]
    for r in out["relations"]:
        assert {"head", "tail", "type", "confidence", "evidence", "start", "end"} <= set(r)
        assert r["head"] in ids and r["tail"] in ids and 0 <= r["confidence"] <= 1 and text[r["start"] : r["end"]] == r["evidence"]
    assert any(r["type"] == "worksFor" for r in out["relations"])


def test_extract_jsonl_keeps_order_and_ids():
    lines = '{"id": "x1", "text": "Steve Jobs founded Apple."}\n{"id": "x2", "text": "Nokia was acquired by Microsoft."}\n'
    done = kg("extract", "--jsonl", "-", stdin=lines)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["x1", "x2"]


def test_stats_lists_types_relations_and_central_entities():
    done = kg("stats", str(EXPORTS / "graph.ttl"))
    assert done.returncode == 0
    assert "Organization" in done.stdout and "headquarteredIn" in done.stdout and "PageRank" in done.stdout


def _subcommands() -> list[str]:
    from graph.cli import app

    return [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands if c.callback]


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_has_help(command):
    done = kg(command, "--help")
    assert done.returncode == 0 and "Usage" in done.stdout and len(done.stdout.splitlines()) > 4


def _unreadable(tmp_path):
    if os.geteuid() == 0:  # root reads any file whatever its mode; this one fails for everybody
        return "/proc/self/mem"
    path = tmp_path / "locked.txt"
    path.write_text("Some text here.", encoding="utf-8")
    path.chmod(0)
    return str(path)


@pytest.mark.parametrize("case", ["missing", "empty", "unreadable", "binary"])
def test_bad_input_gives_one_line_and_nonzero_exit(tmp_path, case):
    path = tmp_path / f"{case}.txt"
    if case == "empty":
        path.write_text("", encoding="utf-8")
    elif case == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    elif case == "unreadable":
        path = _unreadable(tmp_path)
    done = kg("build", str(path), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert all(line.startswith("kg: ") for line in done.stderr.splitlines()) and str(path) in done.stderr
    assert not (tmp_path / "out").exists()


def test_one_bad_file_does_not_lose_the_others(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Title\n\nJane Smith, CEO of Acme Robotics, spoke in Lyon on Monday.\n", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00bad\x00")
    done = kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert done.returncode == 3 and "bad.txt" in done.stderr and "Traceback" not in done.stderr
    assert "Jane Smith" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_stats_lists_possible_duplicates(tmp_path):
    graph_file = tmp_path / "g.ttl"
    graph_file.write_text(
        "@prefix schema: <https://schema.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://e.org/a> a schema:Organization ; rdfs:label \"Harbrook\" .\n"
        "<https://e.org/b> a schema:Organization ; rdfs:label \"Harbrook Robotics\" .\n"
        "<https://e.org/c> a schema:Place ; rdfs:label \"Lyon\" .\n"
        "<https://e.org/d> a schema:Organization ; rdfs:label \"Lyon Opera\" .\n"
    )
    done = kg("stats", str(graph_file))
    assert done.returncode == 0
    assert "Harbrook  ~  Harbrook Robotics" in done.stdout and "Lyon  ~" not in done.stdout

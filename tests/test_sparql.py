"""Every example query gives the same rows from rdflib, the Oxigraph store, `kg serve` over
HTTP, and a real Oxigraph server after `kg push`; validation; incremental builds."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import EXPORTS, ROOT
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.query import Result

from graph.pipeline import build, write
from graph.sparql import query, store
from graph.sparql.server import oxigraph_binary

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
KG = [sys.executable, "-m", "graph"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read() if process.stderr else "server exited")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def served():
    port = free_port()
    process = subprocess.Popen([*KG, "serve", str(EXPORTS / "graph.ttl"), "--port", str(port)], stderr=subprocess.PIPE, text=True)
    wait_for(port, process)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(tmp_path_factory):
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"], stderr=subprocess.PIPE, text=True)
    wait_for(port, process)
    done = subprocess.run([*KG, "push", str(EXPORTS / "graph.ttl"), "--endpoint", f"http://127.0.0.1:{port}/store"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    location = tmp_path_factory.mktemp("store") / "db"
    store.load_file(location, EXPORTS / "graph.ttl")
    return location


def over_http(base: str, sparql: str) -> Result:
    request = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": sparql}).encode(),
                                     headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return Result.parse(io.BytesIO(response.read()), format="json")


def rows(result: Result) -> list[tuple]:
    return sorted(tuple(None if v is None else v.toPython() for v in row) for row in result)


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_every_query_gives_the_same_rows_everywhere(path, store_dir, served, pushed):
    sparql = path.read_text(encoding="utf-8")
    expected = rows(query.run(query.load_graph(EXPORTS / "graph.ttl"), sparql))
    assert expected, f"{path.name} returns nothing on the seed graph"
    assert rows(store.query(store_dir, sparql)) == expected
    assert rows(over_http(served, sparql)) == expected
    assert rows(over_http(pushed, sparql)) == expected


def test_served_endpoint_refuses_updates(served):
    request = urllib.request.Request(f"{served}/update", data=urllib.parse.urlencode({"update": "INSERT DATA { <a:a> <a:b> <a:c> }"}).encode())
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code in {403, 404, 405}


def test_kg_query_store_cli(store_dir):
    done = subprocess.run([*KG, "query", "--store", str(store_dir), "queries/headquarters.rq", "--format", "csv"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "Yi+,Zhongguancun" in done.stdout


def test_validate_conforms_and_reports_broken_nodes(tmp_path):
    ok = subprocess.run([*KG, "validate", str(EXPORTS / "graph.ttl")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text((EXPORTS / "graph.ttl").read_text(encoding="utf-8") + "\n<https://example.org/news-kg/id/place/beijing> kg:worksFor <https://example.org/news-kg/id/place/china> .\n", encoding="utf-8")
    bad = subprocess.run([*KG, "validate", str(broken)], capture_output=True, text=True)
    assert bad.returncode == 1 and "place/beijing" in bad.stdout and "violation" in bad.stderr


def test_trig_has_one_named_graph_per_article_and_equals_the_graph(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name, text in ARTICLES[:2]:
        (corpus / name).write_text(text, encoding="utf-8")
    result = build(corpus)
    write(result, tmp_path / "out", ["ttl", "trig", "nt"])
    dataset = Dataset().parse(tmp_path / "out" / "graph.trig", format="trig")
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert len(names) == 2
    union = Graph()
    for g in dataset.graphs():
        for t in g:
            union.add(t)
    assert isomorphic(union, Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle"))
    assert isomorphic(Graph().parse(tmp_path / "out" / "graph.nt", format="nt"), union)
    write(result, tmp_path / "again", ["trig"])
    assert (tmp_path / "again" / "graph.trig").read_bytes() == (tmp_path / "out" / "graph.trig").read_bytes()  # sorted quads


ARTICLES = [
    ("a.txt", "Rates Rise - Ledger\n\nBy Ann Lee\n\nGlobex, a software company with offices in Paris and Berlin, is headquartered in Lyon.\n"),
    ("b.txt", "Talent Moves - Ledger\n\nBy Bo Chen\n\n“We are growing,” says Jane Smith, CEO of Globex.\n"),
    ("c.txt", "Deal Done - Ledger\n\nBy Ann Lee\n\nGlobex has signed a partnership agreement with Initech.\n"),
    ("d.txt", "Campus News - Ledger\n\nBy Bo Chen\n\nMaria Lopez, a senior economist at the World Bank, graduated from Stanford University.\n"),
]


def kg_build(corpus: Path, out: Path, cache: Path, *extra: str) -> str:
    done = subprocess.run([*KG, "build", str(corpus), "-o", str(out), "--cache", str(cache), "-v", *extra], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_incremental_build_reextracts_only_what_changed(tmp_path):
    corpus, cache = tmp_path / "news", tmp_path / "cache"
    corpus.mkdir()
    for name, text in ARTICLES[:3]:
        (corpus / name).write_text(text, encoding="utf-8")
    assert "3 extracted, 0 reused" in kg_build(corpus, tmp_path / "out", cache)
    (corpus / ARTICLES[3][0]).write_text(ARTICLES[3][1], encoding="utf-8")
    assert "1 extracted, 3 reused" in kg_build(corpus, tmp_path / "out", cache)
    kg_build(corpus, tmp_path / "clean", tmp_path / "unused", "--no-cache")
    incremental = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert isomorphic(incremental, Graph().parse(tmp_path / "clean" / "graph.ttl", format="turtle"))
    globex = [s for s, o in incremental.subject_objects(predicate=None) if str(s).endswith("organization/globex")]
    assert globex, "the same organisation in several articles is one node"

    (corpus / "c.txt").unlink()
    assert "0 extracted, 3 reused" in kg_build(corpus, tmp_path / "out", cache)
    assert "partnerOf" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")

"""Hostile and broken input, crash safety, and the locked-down endpoint."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import networkx as nx
import pytest
from conftest import EXPORTS, headquarters_extraction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from test_sparql import free_port, wait_for

from graph.ingest import parse_article
from graph.iris import entity_id
from graph.output import export
from graph.pipeline import assemble, extract_articles, write
from graph.types import Article

KG = [sys.executable, "-m", "graph"]
GOOD = "Wire story\n\nGlobex, a software company with offices in Paris, is headquartered in Lyon.\n"


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, **kwargs)


# --- the input matrix ----------------------------------------------------------------------


def _one_line_failure(done: subprocess.CompletedProcess, name: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1 and name in done.stderr


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.txt", b""),
        ("blank.txt", b"  \n\t \n"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
        ("broken-utf8.txt", b"Globex \x81\x8d\x8f\x90 is in Lyon"),
    ],
)
def test_unusable_files_give_one_line_and_exit_1(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    _one_line_failure(kg("build", str(tmp_path / name), "-o", str(tmp_path / "out")), name)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_legacy_and_utf16_encodings_give_the_same_graph(tmp_path, encoding):
    text = "Wire story\n\nJosé Müller, CEO of Globex, said sales in Zürich rose.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_bytes(text.encode(encoding))
    for folder in ("a", "b"):
        assert kg("build", str(tmp_path / folder / "x.txt"), "-o", str(tmp_path / f"out-{folder}"), "--no-cache").returncode == 0
    a = Graph().parse(tmp_path / "out-a" / "graph.ttl")
    assert "José Müller" in (tmp_path / "out-b" / "graph.ttl").read_text(encoding="utf-8")
    assert isomorphic(a, Graph().parse(tmp_path / "out-b" / "graph.ttl"))


def test_huge_file_is_refused_with_the_limit_in_the_message(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MB (sparse): refused before it is read
    done = kg("build", str(huge), "-o", str(tmp_path / "out"))
    _one_line_failure(done, "huge.txt")
    assert "size limit" in done.stderr
    small = kg("build", str(huge), "-o", str(tmp_path / "out"), "--max-bytes", "50")
    assert "size limit of 50" in small.stderr


def test_html_page_keeps_the_article_and_drops_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Deal - Herald</title><script>var globex='Initech';</script></head><body>"
                    "<nav>Home | Sports</nav><p>Globex, a software company with offices in Paris, is headquartered in Lyon.</p>"
                    "<script>document.write('Acme Hacks')</script></body></html>", encoding="utf-8")
    assert kg("build", str(page), "-o", str(tmp_path / "out"), "--no-cache").returncode == 0
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "headquarteredIn" in ttl and "Acme" not in ttl and "Initech" not in ttl and "Sports" not in ttl


def test_missing_path_and_empty_directory(tmp_path):
    _one_line_failure(kg("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")), "nope")
    (tmp_path / "empty").mkdir()
    _one_line_failure(kg("build", str(tmp_path / "empty"), "-o", str(tmp_path / "out")), "empty")


def test_unreadable_file_in_a_batch_is_a_warning(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = folder / "bad.txt"
    if os.geteuid() == 0:  # root reads any file; a dangling link is unreadable for everyone
        bad.symlink_to(tmp_path / "gone.txt")
    else:
        bad.write_text(GOOD, encoding="utf-8")
        bad.chmod(0)
    done = kg("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert done.returncode == 3 and "bad.txt" in done.stderr and "Traceback" not in done.stderr
    assert "Globex" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


# --- hostile names in every format ---------------------------------------------------------

HOSTILE = ['Acme "Quote\' Co', "<b>Bold</b> & Sons", "Back\\slash `Tick`", "New\nLine Inc", "{{template}} Ltd",
           "javascript:alert(1) Corp", "Emoji 😀 Group", "\u202eRTL\u200f Holdings", "X" * 3000]


def test_hostile_names_keep_every_format_valid(tmp_path):
    result = assemble([(headquarters_extraction(HOSTILE, Article("hostile", 'Title "<script>" & \\ `x`', "", ("O'Brien <x>",))), False)])
    write(result, tmp_path, export.GRAPH_FORMATS)
    ttl = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert isomorphic(ttl, Graph().parse(tmp_path / "graph.nt", format="nt"))
    assert isomorphic(ttl, Graph().parse(tmp_path / "graph.jsonld", format="json-ld"))
    names = {str(o) for o in ttl.objects(None, URIRef("https://schema.org/name"))}
    assert {" ".join(n.split()) for n in HOSTILE} <= names
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_nodes() == len(result.entities)
    if shutil.which("rapper") or os.environ.get("CI"):
        for name, syntax in (("graph.ttl", "turtle"), ("graph.nt", "ntriples"), ("graph.trig", "trig")):
            done = subprocess.run(["rapper", "-i", syntax, "-c", str(tmp_path / name)], capture_output=True, text=True)
            assert done.returncode == 0, done.stderr


# --- property-based ------------------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_any_text_gives_exports_that_parse_and_round_trip(tmp_path, text):
    body = f"Wire story\n\n{text}\nAnna Berg, CEO of Globex, lives in Boston.\n"
    result = assemble((x, False) for x in extract_articles([parse_article(body, "any.txt")], learned=False))
    ttl = export.turtle(result.rdf)
    parsed = Graph().parse(data=ttl, format="turtle")
    assert isomorphic(parsed, result.rdf)
    assert isomorphic(Graph().parse(data=export.jsonld(export.oxigraph_triples(result.rdf)), format="json-ld"), parsed)
    nx.parse_graphml(export.graphml(result.network))


@given(st.text(max_size=200), st.sampled_from(["Person", "Organization", "Place"]))
def test_any_name_gives_a_valid_stable_iri(name, kind):
    ident = entity_id(kind, name)
    assert ident == entity_id(kind, name) and len(ident) <= 100
    iri = URIRef("https://example.org/id/" + ident)
    g = Graph()
    g.add((iri, iri, iri))
    assert len(Graph().parse(data=g.serialize(format="nt"), format="nt")) == 1


# --- crash safety --------------------------------------------------------------------------


def test_killed_build_leaves_previous_exports_and_cache_intact(tmp_path):
    corpus, out, cache = tmp_path / "news", tmp_path / "out", tmp_path / "cache"
    corpus.mkdir()
    sentences = [f"Company{i} Holdings, a software company with offices in City{i % 40}, is headquartered in Town{i % 90}." for i in range(800)]
    for a in range(40):
        (corpus / f"{a:02d}.txt").write_text("Wire story\n\n" + "\n\n".join(sentences[a * 20 : a * 20 + 20]) + "\n", encoding="utf-8")
    assert kg("build", str(corpus), "-o", str(out), "--cache", str(cache), "--workers", "1").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (corpus / "00.txt").write_text("Wire story\n\nAnna Berg, CEO of Initech, lives in Boston.\n", encoding="utf-8")
    for delay in (0.5, 1.5, 2.5, 3.5):
        process = subprocess.Popen([*KG, "build", str(corpus), "-o", str(out), "--cache", str(cache), "--workers", "1"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == set(before)  # dot files: temporaries
        Graph().parse(out / "graph.ttl", format="turtle")
        json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
        nx.read_graphml(out / "graph.graphml")
        assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    done = kg("build", str(corpus), "-o", str(out), "--cache", str(cache), "--workers", "1", "-v")
    assert done.returncode == 0 and "Initech" in (out / "graph.ttl").read_text(encoding="utf-8")


# --- the endpoint --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint():
    port = free_port()
    process = subprocess.Popen([*KG, "serve", str(EXPORTS / "graph.ttl"), "--port", str(port), "--timeout", "2",
                                "--max-result-bytes", "20000"], stderr=subprocess.PIPE, text=True)
    wait_for(port, process)
    yield f"http://127.0.0.1:{port}", process
    process.terminate()
    process.wait(timeout=10)


def _post(url: str, data: dict | bytes, content_type: str = "application/x-www-form-urlencoded") -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type, "Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_endpoint_binds_loopback_and_answers_queries(endpoint):
    base, _ = endpoint
    assert base.startswith("http://127.0.0.1:")
    status, body = _post(f"{base}/query", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert status == 200 and body.splitlines()[0].strip() == "n"


def test_endpoint_refuses_updates_and_graph_store_writes(endpoint):
    base, _ = endpoint
    assert _post(f"{base}/query", {"update": "INSERT DATA { <a:a> <a:b> <a:c> }"})[0] == 403
    assert _post(f"{base}/update", {"update": "INSERT DATA { <a:a> <a:b> <a:c> }"})[0] == 403
    assert _post(f"{base}/store?default", b"<a:a> <a:b> <a:c> .", "text/turtle")[0] == 403
    request = urllib.request.Request(f"{base}/store?default", data=b"<a:a> <a:b> <a:c> .", method="PUT", headers={"Content-Type": "text/turtle"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 405
    status, body = _post(f"{base}/query", {"query": "ASK { <a:a> <a:b> <a:c> }"})
    assert status == 200 and "true" not in body.lower()


def test_endpoint_refuses_service(endpoint):
    base, _ = endpoint
    status, body = _post(f"{base}/query", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"})
    assert status == 403 and "SERVICE" in body


def test_endpoint_limits_result_size_and_time(endpoint):
    base, _ = endpoint
    status, body = _post(f"{base}/query", {"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 413 and "result larger than 20000 bytes" in body
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, body = _post(f"{base}/query", {"query": slow})
    assert status != 200 and body.strip()


def test_endpoint_rejects_garbage_with_a_clear_message(endpoint):
    base, _ = endpoint
    status, body = _post(f"{base}/query", {"query": "SELEKT nothing"})
    assert status == 400 and body.startswith("not a SPARQL query")


def _exchange(request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one real HTTP request (error statuses included)."""
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def test_endpoint_answers_a_cors_preflight_and_marks_answers_readable(endpoint):
    base, _ = endpoint
    origin = "https://yasgui.example.org"
    preflight = urllib.request.Request(f"{base}/query", method="OPTIONS", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,accept"})
    status, headers, body = _exchange(preflight)
    assert status == 204 and body == b""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")} == {"GET", "POST", "OPTIONS"}
    assert {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")} == {"content-type", "accept"}
    assert "Access-Control-Allow-Private-Network" not in headers  # only when a browser asks for it
    private = urllib.request.Request(f"{base}/query", method="OPTIONS", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Private-Network": "true"})
    assert _exchange(private)[1]["Access-Control-Allow-Private-Network"] == "true"

    post = urllib.request.Request(f"{base}/query", data=b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                  headers={"Origin": origin, "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    status, headers, body = _exchange(post)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*" and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
    get = urllib.request.Request(f"{base}/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}), headers={"Origin": origin})
    status, headers, _ = _exchange(get)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    refused = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(), headers={"Origin": origin})
    status, headers, _ = _exchange(refused)  # a page can read why it was refused
    assert status == 403 and headers["Access-Control-Allow-Origin"] == "*"
    assert _exchange(urllib.request.Request(f"{base}/elsewhere", method="OPTIONS"))[0] == 404


def test_endpoint_serves_its_query_page_under_a_strict_policy(endpoint):
    base, _ = endpoint
    status, headers, body = _exchange(urllib.request.Request(f"{base}/"))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8" and b"<textarea" in body
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'" and policy["connect-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert policy["script-src"].startswith("'sha256-") and "unsafe" not in headers["Content-Security-Policy"]
    assert b"innerHTML" not in body and b"insertAdjacentHTML" not in body and b"<a " not in body
    assert headers["X-Content-Type-Options"] == "nosniff" and "Access-Control-Allow-Origin" not in headers


def test_endpoint_allow_origin_names_one_origin_or_is_refused(tmp_path):
    port = free_port()
    process = subprocess.Popen([*KG, "serve", str(EXPORTS / "graph.ttl"), "--port", str(port), "--allow-origin", "http://127.0.0.1:8080"],
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, process)
        status, headers, _ = _exchange(urllib.request.Request(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", headers={"Origin": "http://127.0.0.1:8080"}))
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://127.0.0.1:8080"
    finally:
        process.terminate()
        process.wait(timeout=20)
    done = kg("serve", str(EXPORTS / "graph.ttl"), "--port", str(free_port()), "--allow-origin", "evil.example\r\nX-Injected: 1", timeout=60)
    assert done.returncode == 1 and done.stderr.startswith("kg: error: --allow-origin ") and done.stderr.count("\n") == 1

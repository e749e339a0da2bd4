"""Reliability II: an endpoint one query cannot crash or stall, no network nobody asked for,
bounded input, all-or-nothing outputs (issue 18)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest
from conftest import EXPORTS
from test_sparql import free_port, wait_for

KG = [sys.executable, "-m", "graph"]


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, **kwargs)


def start_endpoint(*options: str) -> tuple[str, subprocess.Popen]:
    port = free_port()
    process = subprocess.Popen([*KG, "serve", str(EXPORTS / "graph.ttl"), "--port", str(port), *options], stderr=subprocess.PIPE, text=True)
    wait_for(port, process)
    return f"http://127.0.0.1:{port}", process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def endpoint():
    base, process = start_endpoint("--timeout", "2", "--concurrency", "2", "--idle-timeout", "1", "--max-result-bytes", "200000")
    yield base, process
    stop(process)


def ask(base: str, query: str, timeout: float = 30) -> tuple[int, str]:
    request = urllib.request.Request(f"{base}/query", data=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def raw(base: str, request: bytes, timeout: float = 10) -> bytes:
    """Send bytes as they are and read the whole answer."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as conn:
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    return data


def count_query(base: str) -> int:
    status, body = ask(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200, body
    return int(body.splitlines()[1])


def engines(process: subprocess.Popen) -> list[psutil.Process]:
    """The endpoint's live engine processes (one killed at its deadline may be a zombie for a moment)."""
    found = []
    for child in psutil.Process(process.pid).children():
        try:
            if "graph.sparql.worker" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            pass
    return found


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

# --- the endpoint: queries that crashed Oxigraph ---------------------------------------------

CRASHERS = {
    "10,000-term sum": "SELECT * WHERE { FILTER(" + "+".join(["1"] * 10_000) + " > 0) }",
    "10,000-term &&": "SELECT * WHERE { FILTER(" + "&&".join(["true"] * 10_000) + ") }",
    "5,000-term ||": "SELECT * WHERE { FILTER(" + "||".join(["false"] * 5_000) + ") }",
    "2,000-step path": "SELECT * WHERE { ?s " + "/".join(["<p:p>"] * 2_000) + " ?o }",
    "10,000 nested brackets": "SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }",
    "2,000 nested calls": "SELECT * WHERE { FILTER(" + "STR(" * 2_000 + "1" + ")" * 2_000 + ") }",
    "10,000 nested groups": "SELECT * WHERE " + "{" * 10_000 + "?s ?p ?o" + "}" * 10_000,
    "5,000 unions": "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 5_000) + " }",
    "minus hidden in variables": "SELECT * WHERE { BIND(" + "-".join(["?a"] * 10_000) + " AS ?x) }",
}


@pytest.mark.parametrize("name", CRASHERS)
def test_crash_queries_are_refused_and_the_endpoint_stays_up(endpoint, name):
    base, process = endpoint
    status, body = ask(base, CRASHERS[name])
    assert status == 400 and "too deeply nested" in body
    assert process.poll() is None and count_query(base) > 0


@pytest.mark.parametrize("query", ['SELECT * WHERE { ?s ?p """' + 'a \\"' * 20_000 + " }", 'SELECT * WHERE { ?s ?p "' + 'a\\"' * 30_000 + " }"])
def test_unclosed_strings_are_refused_at_once(endpoint, query):
    status, body = ask(endpoint[0], query, timeout=10)  # bounded: a backtracking tokeniser took 40 s
    assert status == 400 and "not closed" in body


def test_a_valid_query_with_many_triple_patterns_runs(endpoint):
    base, _ = endpoint
    patterns = " . ".join(f"?s <https://example.org/none{i}> ?o{i}" for i in range(84))  # 84: refused by the old rdflib gate
    status, body = ask(base, f"SELECT ?s WHERE {{ {patterns} }}")
    assert status == 200 and body.splitlines()[0].strip() == "s"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service:x { ?s ?p ?o } }",
    "SELECT * WHERE { sErViCe SILENT <http://127.0.0.1:1/> { ?s ?p ?o } }",
])
def test_escaped_and_prefixed_service_is_refused(endpoint, query):
    status, body = ask(endpoint[0], query)
    assert status == 403 and "SERVICE" in body


def test_a_killed_engine_is_replaced(endpoint):
    base, process = endpoint
    before = count_query(base)
    for engine in engines(process):
        engine.kill()
    assert all(count_query(base) == before for _ in range(5))


# --- the endpoint: a deadline that stops work ---------------------------------------------------


def test_slow_query_gets_504_in_time_and_the_engine_stops(endpoint):
    base, process = endpoint
    started = time.monotonic()
    status, body = ask(base, SLOW, timeout=10)
    elapsed = time.monotonic() - started
    assert status == 504 and "did not finish within 2 s" in body
    assert elapsed < 2 + 1, f"504 after {elapsed:.1f} s"  # the acceptance bound: timeout + 1 s
    time.sleep(1)  # then the engines must be idle: under 0.3 s of CPU over the next second
    busy = {p.pid: sum(p.cpu_times()[:2]) for p in engines(process)}
    time.sleep(1)
    used = sum(sum(p.cpu_times()[:2]) - busy[p.pid] for p in engines(process) if p.pid in busy)
    assert used < 0.3, f"engines used {used:.2f} s of CPU after the 504"
    assert count_query(base) > 0


MEDIUM = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g <https://schema.org/name> ?i }"  # about 1 s alone


def paused_engines(process: subprocess.Popen) -> int:
    """How many engines are stopped (SIGSTOP) now."""
    count = 0
    for engine in engines(process):
        try:
            count += engine.status() == psutil.STATUS_STOPPED
        except psutil.Error:  # killed meanwhile
            pass
    return count


def _cheap_meanwhile(base: str, process: subprocess.Popen, busy: threading.Thread, seconds: float) -> list[int]:
    """Send cheap queries while `busy` runs (at most `seconds`); how many engines were paused after each."""
    paused, stop_at = [], time.monotonic() + seconds
    while time.monotonic() < stop_at and busy.is_alive():
        assert ask(base, "ASK { ?s ?p ?o }")[0] == 200
        paused.append(paused_engines(process))
    return paused


def test_a_heavy_query_is_paused_while_cheap_ones_run_and_then_finishes():
    base, process = start_endpoint("--timeout", "60", "--concurrency", "2")
    try:
        names = int(ask(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://schema.org/name> ?o }")[1].splitlines()[1])
        expected = count_query(base) ** 2 * names
        answer: list[tuple[int, str]] = []
        heavy = threading.Thread(target=lambda: answer.append(ask(base, MEDIUM, timeout=90)))
        heavy.start()
        time.sleep(0.5)  # demoted after 0.2 s
        paused = _cheap_meanwhile(base, process, heavy, 1.5)
        assert paused and max(paused) == 1, "the heavy query was never paused while cheap ones ran"
        heavy.join(90)
        assert answer == [(200, f"n\r\n{expected}\r\n")]  # resumed once the cheap ones stopped
        assert paused_engines(process) == 0  # no engine is left paused
        assert all(count_query(base) > 0 for _ in range(4))
    finally:
        stop(process)


def test_a_heavy_query_is_set_aside_so_cheap_ones_keep_an_engine():
    base, process = start_endpoint("--timeout", "6", "--concurrency", "1")
    try:
        answers: list[int] = []
        heavy = [threading.Thread(target=lambda: answers.append(ask(base, SLOW, timeout=30)[0])) for _ in range(2)]
        heavy[0].start()
        time.sleep(0.6)  # demoted after 0.2 s, and its place taken by a fresh engine
        assert ask(base, "ASK { ?s ?p ?o }") == (200, "true") and heavy[0].is_alive()  # --concurrency 1, yet answered meanwhile
        heavy[1].start()
        time.sleep(0.6)  # at most --concurrency queries are set aside: the second one keeps its engine
        assert len(engines(process)) <= 2
        for thread in heavy:
            thread.join(30)
        assert answers == [504, 504]
        assert count_query(base) > 0 and len(engines(process)) == 1
    finally:
        stop(process)


def test_a_paused_query_still_meets_its_deadline(endpoint):
    base, process = endpoint
    answer: list[tuple[int, str]] = []
    started = time.monotonic()
    heavy = threading.Thread(target=lambda: answer.append(ask(base, SLOW, timeout=30)))
    heavy.start()
    time.sleep(0.5)
    assert max(_cheap_meanwhile(base, process, heavy, 10)) == 1  # cheap queries until it ends
    heavy.join(30)
    assert answer[0][0] == 504 and time.monotonic() - started < 2 + 1, f"{answer} after {time.monotonic() - started:.1f} s"
    assert paused_engines(process) == 0 and count_query(base) > 0


def test_a_timed_out_query_never_gives_a_truncated_200(endpoint):
    base, _ = endpoint
    for query in (SLOW, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"):
        status, _ = ask(base, query, timeout=10)
        assert status in (413, 504)


def test_too_many_queries_at_once_get_503():
    base, process = start_endpoint("--timeout", "3", "--concurrency", "1")
    try:
        answers: list[int] = []
        slow = [threading.Thread(target=lambda: answers.append(ask(base, SLOW, timeout=30)[0])) for _ in range(5)]
        for thread in slow:  # one runs, four wait: the most one engine admits
            thread.start()
        time.sleep(1)
        status, body = ask(base, "ASK { ?s ?p ?o }")
        assert status == 503 and "too many queries" in body
        for thread in slow:
            thread.join()
        assert 504 in answers and set(answers) <= {503, 504}  # stopped, or waited too long for the engine
        assert ask(base, "ASK { ?s ?p ?o }")[0] == 200
    finally:
        stop(process)


# --- the endpoint: HTTP edge cases ---------------------------------------------------------


@pytest.mark.parametrize("length, status", [("-1", 400), ("abc", 400), ("1e3", 400), ("", 400), ("200000", 413)])
def test_content_length_is_strict(endpoint, length, status):
    base, process = endpoint
    answer = raw(base, f"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: {length}\r\n\r\nASK {{}}".encode())
    assert answer.startswith(f"HTTP/1.0 {status} ".encode()), answer[:80]
    assert process.poll() is None and count_query(base) > 0


def test_post_without_length_or_chunked_is_refused(endpoint):
    base, _ = endpoint
    assert raw(base, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n\r\n").startswith(b"HTTP/1.0 411 ")
    chunked = b"POST /query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/sparql-query\r\n\r\n7\r\nASK {}\n\r\n0\r\n\r\n"
    assert raw(base, chunked).startswith(b"HTTP/1.0 411 ")


def test_an_idle_connection_is_closed(endpoint):
    base, _ = endpoint
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"POST /query HTTP/1.1\r\n")  # and then nothing
        assert conn.recv(100) == b""  # closed by the server (idle timeout 1 s), not by our 10 s


@pytest.mark.parametrize("method", ["HEAD", "TRACE", "CONNECT", "PUT", "DELETE", "PATCH", "BREW"])
def test_other_methods_get_405_with_allow(endpoint, method):
    """OPTIONS is the CORS preflight (tests/test_security.py); every other method is refused."""
    answer = raw(endpoint[0], f"{method} /query HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".encode())
    head = answer.split(b"\r\n\r\n")[0]
    assert head.startswith(b"HTTP/1.0 405 ") and b"Allow: GET, POST, OPTIONS" in head.split(b"\r\n")
    if method == "HEAD":
        assert answer.endswith(b"\r\n\r\n")


# --- the endpoint: the engine is private and dies with the gate --------------------------------


def test_engines_listen_nowhere_and_die_with_a_killed_endpoint():
    base, process = start_endpoint("--concurrency", "2")
    workers = engines(process)
    assert len(workers) == 2
    assert all(not p.net_connections(kind="inet") for p in workers)  # pipes only: no port to reach
    location = Path(workers[0].cmdline()[-3])
    assert location.exists()
    process.send_signal(signal.SIGKILL)
    process.wait()
    for _ in range(100):  # bounded liveness wait: 10 s
        if not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in workers) and not location.exists():
            break
        time.sleep(0.1)
    assert not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in workers)
    assert not location.exists(), "the temporary store was left behind"


# --- no network nobody asked for -----------------------------------------------------------


class Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.seen: list[bytes] = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.seen.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.seen.append(b"(connected)")

    def close(self) -> list[bytes]:
        time.sleep(0.3)
        self.running = False
        self.thread.join()
        self.socket.close()
        return self.seen


@pytest.fixture()
def listener():
    spy = Listener()
    yield spy
    spy.close()


def one_line_error(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert all(word in done.stderr for word in words), done.stderr


def test_query_with_service_makes_no_request(listener):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    one_line_error(kg("query", str(EXPORTS / "graph.ttl"), query), "SERVICE")
    assert listener.close() == []


def test_store_query_with_service_makes_no_request(listener, tmp_path):
    from graph.sparql import store

    store.load_file(tmp_path / "db", EXPORTS / "graph.ttl")
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    one_line_error(kg("query", "--store", str(tmp_path / "db"), query), "SERVICE")
    assert listener.close() == []


@pytest.mark.parametrize("context", ["remote", "file", "import", "nested"])
def test_jsonld_contexts_are_not_fetched_or_read(listener, tmp_path, context):
    url = f"http://127.0.0.1:{listener.port}/context.jsonld"
    secret = tmp_path / "secret.jsonld"
    secret.write_text('{"@context": {"name": "https://schema.org/name"}}', encoding="utf-8")
    value = {"remote": f'"{url}"', "file": f'"{secret.as_uri()}"', "import": f'{{"@import": "{url}"}}',
             "nested": f'{{"knows": {{"@id": "https://schema.org/knows", "@context": "{url}"}}}}'}[context]
    doc = tmp_path / "g.jsonld"
    doc.write_text(f'{{"@context": {value}, "@id": "https://example.org/a", "name": "A"}}', encoding="utf-8")
    one_line_error(kg("stats", str(doc)), "g.jsonld", "context")
    assert listener.close() == []


def test_jsonld_nested_too_deeply_is_one_line(tmp_path):
    doc = tmp_path / "deep.jsonld"
    doc.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    one_line_error(kg("stats", str(doc)), "deep.jsonld")


def test_rdfxml_entity_expansion_is_refused(tmp_path):
    laughs = ['<!ENTITY a0 "ha">'] + [f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    doc = tmp_path / "laughs.rdf"
    doc.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [{"".join(laughs)}]>\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="https://schema.org/">'
                   '<rdf:Description rdf:about="https://example.org/a"><s:name>&a9;</s:name></rdf:Description></rdf:RDF>\n', encoding="utf-8")
    one_line_error(kg("stats", str(doc)), "laughs.rdf", "ENTITY")
    port = free_port()
    done = subprocess.run([*KG, "serve", str(doc), "--port", str(port)], capture_output=True, text=True, timeout=60)
    one_line_error(done, "laughs.rdf", "ENTITY")


# --- input ---------------------------------------------------------------------------------

GOOD = "Wire story\n\nGlobex, a software company with offices in Paris, is headquartered in Lyon.\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def built(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, str]:
    done = kg("build", *args, "-o", str(tmp_path / "out"), "--no-cache", "--workers", "1")
    graph = tmp_path / "out" / "graph.ttl"
    return done, graph.read_text(encoding="utf-8") if graph.exists() else ""


def test_a_link_out_of_the_corpus_is_not_followed_unless_asked(tmp_path):
    folder = corpus(tmp_path)
    secret = tmp_path / "private.txt"
    secret.write_text("Initech, a software company with offices in Oslo, is headquartered in Bergen.\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    done, ttl = built(tmp_path, str(folder))
    assert done.returncode == 3 and "link.txt" in done.stderr and "--follow-symlinks" in done.stderr and "Traceback" not in done.stderr
    assert "Globex" in ttl and "Initech" not in ttl
    done, ttl = built(tmp_path, str(folder), "--follow-symlinks")
    assert done.returncode == 0 and "Initech" in ttl


def test_a_link_inside_the_corpus_is_read(tmp_path):
    folder = corpus(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "same.txt").symlink_to(folder / "good.txt")
    done, ttl = built(tmp_path, str(folder))
    assert done.returncode == 0, done.stderr


def test_devices_are_never_read(tmp_path):
    folder = corpus(tmp_path)
    (folder / "zero.txt").symlink_to("/dev/zero")
    done, ttl = built(tmp_path, str(folder), "--follow-symlinks")
    assert done.returncode == 3 and "zero.txt: not a regular file" in done.stderr and "Globex" in ttl
    for device in ("/dev/zero", "/dev/urandom"):
        one_line_error(kg("extract", device, timeout=60), device, "not a regular file")


def test_stdin_is_read_only_up_to_the_limit(tmp_path):
    endless = subprocess.Popen([sys.executable, "-c", "import sys\nwhile True: sys.stdout.buffer.write(b'word ' * 20000)"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        done = subprocess.run([*KG, "extract", "-", "--max-bytes", "100000"], stdin=endless.stdout, capture_output=True, text=True, timeout=120)
    finally:
        endless.kill()
        endless.wait()
    one_line_error(done, "<stdin>", "size limit of 100000")


def test_a_paragraph_over_spacys_limit_is_split_and_the_batch_kept(tmp_path):
    folder = corpus(tmp_path)
    (folder / "long.txt").write_text("Wire story\n\n" + "x" * 1_200_000 + " ends here.\n", encoding="utf-8")
    done, ttl = built(tmp_path, str(folder))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "Globex" in ttl


def test_split_block_keeps_every_word_in_pieces_under_the_limit():
    from graph.ingest import split_block

    text = "A short one. " + "Word " * 30 + "End. " + "y" * 250 + " tail"
    pieces = list(split_block(text, 0, len(text), limit=100))
    assert all(0 < end - start <= 100 for start, end in pieces)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(pieces, pieces[1:], strict=False))
    assert "".join(text[s:e] for s, e in pieces).replace(" ", "") == text.replace(" ", "")


def test_a_file_name_that_is_not_utf8_is_built(tmp_path):
    folder = corpus(tmp_path)
    with open(os.fsencode(str(folder)) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(b"Wire story\n\nAnna Berg, CEO of Initech, lives in Boston.\n")
    done, ttl = built(tmp_path, str(folder), "--format", "ttl,jsonld,graphml,html,trig")
    assert done.returncode == 0, done.stderr
    assert "Initech" in ttl and "caf\ufffd.txt" in ttl


def test_jsonl_edge_cases_are_one_line_warnings(tmp_path):
    lines = [b'{"id": "a", "text": "Anna Berg lives in Boston."}', b'{"id": "b", "text": "x", "title": 5}',
             b'{"id": "c", "text": "Bo \xff Chen"}', b"[" * 100_000 + b"]" * 100_000, b'{"id": "e", "text": ["x"]}',
             b'{"id": "f", "text": "Carl Dahl lives in Oslo."}']
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    done = kg("extract", "--jsonl", str(path), "--no-learned")
    assert done.returncode == 3 and "Traceback" not in done.stderr, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["a", "f"]
    warnings = done.stderr.strip().splitlines()
    assert [w.split(":")[3] for w in warnings] == ["2", "3", "4", "5"], warnings
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes('{"id": "a", "text": "Anna Berg lives in Boston."}\n'.encode("utf-16"))
    one_line_error(kg("extract", "--jsonl", str(utf16)), "utf16.jsonl", "UTF-16")


def test_an_unreadable_subfolder_is_reported(tmp_path):
    folder = corpus(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    # root reads any folder; drop the capabilities that let it, so the test means the same for everyone
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    try:
        done = subprocess.run([*prefix, *KG, "build", str(folder), "-o", str(tmp_path / "out"), "--no-cache", "--workers", "1"],
                              capture_output=True, text=True)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 3 and "locked: cannot read folder" in done.stderr and "Traceback" not in done.stderr, done.stderr


# --- all-or-nothing outputs ----------------------------------------------------------------

WRITE_AND_DIE = """
import os, signal, sys
from pathlib import Path
from rdflib import Graph
from graph.output import export
from graph.pipeline import write, build
result = build(sys.argv[1], learned=False)

def die():
    os.kill(os.getpid(), signal.SIGKILL)

export.write_all(Path(sys.argv[2]), ["ttl", "jsonld", "graphml", "html"], result.rdf, result.network,
                 (Graph(), Graph()), html=die, dataset=lambda: None)
"""


def test_a_build_killed_while_writing_leaves_the_old_set_whole(tmp_path):
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    assert kg("build", str(folder), "-o", str(out), "--no-cache", "--workers", "1").returncode == 0
    (out / "graph.png").write_bytes(b"not ours")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "good.txt").write_text("Wire story\n\nAnna Berg, CEO of Initech, lives in Boston.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", WRITE_AND_DIE, str(folder), str(out)], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL  # killed after graph.ttl, graph.jsonld and graph.graphml were written
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    done = kg("build", str(folder), "-o", str(out), "--no-cache", "--workers", "1")
    assert done.returncode == 0 and "Initech" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert (out / "graph.png").read_bytes() == b"not ours"  # files that are not exports are kept
    assert [p.name for p in tmp_path.iterdir() if ".new-" in p.name] == []  # the killed writer's folder is cleaned up


def test_a_second_writer_waits_for_the_first(tmp_path):
    from graph.atomic import replaced_dir

    out, order = tmp_path / "out", []
    entered = threading.Event()

    def first() -> None:
        with replaced_dir(out) as fresh:
            entered.set()
            (fresh / "a.txt").write_text("first", encoding="utf-8")
            time.sleep(0.5)
            (fresh / "b.txt").write_text("first", encoding="utf-8")
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    entered.wait(10)
    with replaced_dir(out) as fresh:
        order.append("second starts")
        (fresh / "a.txt").write_text("second", encoding="utf-8")
    thread.join()
    assert order == ["first done", "second starts"]
    assert (out / "a.txt").read_text(encoding="utf-8") == "second" and (out / "b.txt").read_text(encoding="utf-8") == "first"


def test_concurrent_builds_to_one_folder_give_one_complete_set(tmp_path):
    corpora = []
    for name, text in (("a", GOOD), ("b", "Wire story\n\nAnna Berg, CEO of Initech, lives in Boston.\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text(text, encoding="utf-8")
        corpora.append(tmp_path / name)
    out = tmp_path / "out"
    builds = [subprocess.Popen([*KG, "build", str(c), "-o", str(out), "--no-cache", "--workers", "1"], stderr=subprocess.PIPE) for c in corpora]
    assert [b.wait(timeout=300) for b in builds] == [0, 0]
    ttl, jsonld, html = ((out / n).read_text(encoding="utf-8") for n in ("graph.ttl", "graph.jsonld", "graph.html"))
    winner = "Globex" if "Globex" in ttl else "Initech"
    assert winner in jsonld and winner in html
    assert not any(other in text for other in {"Globex", "Initech"} - {winner} for text in (ttl, jsonld, html))


STORE_AND_DIE = """
import os, signal, sys
from pathlib import Path
from graph.sparql import store

class Dying:
    def serialize(self, **options):
        os.kill(os.getpid(), signal.SIGKILL)

store.write_graph(Path(sys.argv[1]), Dying())
"""


def test_the_store_survives_a_killed_rewrite(tmp_path):
    from rdflib import Graph

    from graph.sparql import store

    db = tmp_path / "db"
    graph = Graph().parse(EXPORTS / "graph.ttl")
    assert store.write_graph(db, graph) == len(graph)
    done = subprocess.run([sys.executable, "-c", STORE_AND_DIE, str(db)], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL
    answer = kg("query", "--store", str(db), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert answer.returncode == 0 and answer.stdout.split()[1] == str(len(graph))


@pytest.mark.parametrize("where", ["file", "/dev/null"])
def test_an_unusable_cache_warns_once_and_the_build_goes_on(tmp_path, where):
    folder = corpus(tmp_path)
    (folder / "two.txt").write_text("Wire story\n\nAnna Berg, CEO of Initech, lives in Boston.\n", encoding="utf-8")
    cache_dir = tmp_path / "cache-file" if where == "file" else Path(where)
    if where == "file":
        cache_dir.write_text("not a folder", encoding="utf-8")
    done = kg("build", str(folder), "-o", str(tmp_path / "out"), "--cache", str(cache_dir), "--workers", "1")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("cache disabled") == 1
    assert "Initech" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_cache_entry_that_does_not_fit_its_article_is_ignored(tmp_path):
    folder = corpus(tmp_path)
    cache_dir, out = tmp_path / "cache", tmp_path / "out"
    assert kg("build", str(folder), "-o", str(out), "--cache", str(cache_dir), "--workers", "1").returncode == 0
    first = (out / "graph.ttl").read_bytes()
    for entry in cache_dir.rglob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert data["relations"]
        for relation in data["relations"]:
            relation[0], relation[1] = -1, -2  # would silently pick other mentions
        entry.write_text(json.dumps(data), encoding="utf-8")
    done = kg("build", str(folder), "-o", str(out), "--cache", str(cache_dir), "--workers", "1", "-v")
    assert done.returncode == 0 and "1 extracted, 0 reused" in done.stderr, done.stderr
    assert (out / "graph.ttl").read_bytes() == first


# --- kg push -------------------------------------------------------------------------------


class Scripted:
    """A loopback server that reads one request and answers with `reply(connection)`; counts bytes sent."""

    def __init__(self, reply) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(4)
        self.port = self.socket.getsockname()[1]
        self.requests: list[bytes] = []
        self.sent = 0
        self.reply = reply
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.socket.settimeout(60)
        try:
            conn, _ = self.socket.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data and (chunk := conn.recv(65536)):
                    data += chunk
            except OSError:
                pass
            self.requests.append(data.split(b"\r\n")[0])
            try:
                self.reply(self, conn)
            except OSError:
                pass

    def send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        self.sent += len(data)

    def close(self) -> None:
        self.socket.close()
        self.thread.join(30)


def push(port: int, *options: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return kg("push", str(EXPORTS / "graph.ttl"), "--endpoint", f"http://127.0.0.1:{port}/store", *options, timeout=timeout)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("append", [True, False])
def test_push_treats_a_redirect_as_an_error(listener, status, append):
    location = f"http://127.0.0.1:{listener.port}/elsewhere".encode()
    server = Scripted(lambda s, conn: s.send(conn, b"HTTP/1.1 %d Moved\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % (status, location)))
    done = push(server.port, *(["--append"] if append else []))
    server.close()
    one_line_error(done, "redirect", str(status))
    assert listener.close() == []  # the redirect was not followed


def test_push_has_an_overall_deadline():
    def trickle(s, conn):
        s.send(conn, b"HTTP/1.1 200 OK\r\n")
        for _ in range(200):  # a header byte every 0.1 s: each read is quick, the answer never ends
            s.send(conn, b"X")
            time.sleep(0.1)

    server = Scripted(trickle)
    done = push(server.port, "--timeout", "2", timeout=15)  # bounded liveness: it must stop by itself
    server.close()
    one_line_error(done, "within 2 s")


def test_push_reads_only_the_start_of_an_error_body():
    def flood(s, conn):
        s.send(conn, b"HTTP/1.1 500 Oops\r\nContent-Length: 300000000\r\n\r\n" + b"E" * 4096)
        for _ in range(300):
            s.send(conn, b"x" * 1_000_000)

    server = Scripted(flood)
    done = push(server.port)
    server.close()
    one_line_error(done, "HTTP 500")
    assert server.sent < 50_000_000


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:1/a store", "http://127.0.0.1:99999/store", "ftp://127.0.0.1/store", "http:///store"])
def test_push_to_a_bad_url_is_one_line(endpoint):
    one_line_error(kg("push", str(EXPORTS / "graph.ttl"), "--endpoint", endpoint), "endpoint")


# --- trust in what we load -----------------------------------------------------------------


@pytest.fixture()
def models_copy(tmp_path, monkeypatch):
    import shutil

    from graph.learned import MODELS, learned_parts

    monkeypatch.delenv("KG_UNVERIFIED_MODELS", raising=False)
    learned_parts.cache_clear()
    yield Path(shutil.copytree(MODELS, tmp_path / "models"))
    learned_parts.cache_clear()


def test_the_shipped_models_match_their_manifest(models_copy):
    from graph.learned import learned_parts
    from graph.settings import DEFAULT_MODEL

    assert learned_parts(DEFAULT_MODEL, True, models_copy).ner is not None


@pytest.mark.parametrize("name", ["typer.json", "relations.json", "ner/model", "encoder/model.onnx", "encoder/tokenizer.json"])
def test_a_flipped_byte_in_a_model_file_is_refused_naming_it(models_copy, name):
    from graph.integrity import IntegrityError
    from graph.learned import learned_parts
    from graph.settings import DEFAULT_MODEL

    path = models_copy / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError) as err:
        learned_parts(DEFAULT_MODEL, True, models_copy)
    assert name in str(err.value) and "sha256" in str(err.value) and "\n" not in str(err.value)


def test_an_added_or_missing_model_file_is_refused(models_copy):
    from graph.integrity import IntegrityError
    from graph.learned import learned_parts
    from graph.settings import DEFAULT_MODEL

    (models_copy / "extra.json").write_text("{}", encoding="utf-8")
    with pytest.raises(IntegrityError, match="extra.json: not listed"):
        learned_parts(DEFAULT_MODEL, True, models_copy)
    (models_copy / "extra.json").unlink()
    (models_copy / "typer.json").unlink()
    learned_parts.cache_clear()
    with pytest.raises(IntegrityError, match="typer.json: listed in manifest.json but missing"):
        learned_parts(DEFAULT_MODEL, True, models_copy)


def test_another_base_pipeline_version_is_refused_and_the_override_loads(models_copy, monkeypatch):
    from graph.integrity import IntegrityError, write_manifest
    from graph.learned import learned_parts
    from graph.settings import DEFAULT_MODEL

    write_manifest(models_copy, DEFAULT_MODEL, "0.0.1")
    with pytest.raises(IntegrityError, match="trained on .* 0.0.1"):
        learned_parts(DEFAULT_MODEL, True, models_copy)
    (models_copy / "typer.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("KG_UNVERIFIED_MODELS", "1")
    learned_parts.cache_clear()
    assert learned_parts(DEFAULT_MODEL, True, models_copy).typer is not None


def test_a_tampered_model_stops_the_command_line_in_one_line(tmp_path):
    import shutil

    import graph

    package = Path(shutil.copytree(Path(graph.__file__).parent, tmp_path / "copy" / "graph", ignore=shutil.ignore_patterns("__pycache__")))
    typer_file = package / "models" / "typer.json"
    typer_file.write_bytes(typer_file.read_bytes().replace(b"0", b"1", 1))
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KG_UNVERIFIED_MODELS"}
    done = subprocess.run([*KG, "extract", str(tmp_path / "a.txt")], capture_output=True, text=True, env=env, cwd=tmp_path / "copy")
    one_line_error(done, "typer.json", "sha256")
    env["KG_UNVERIFIED_MODELS"] = "1"
    done = subprocess.run([*KG, "extract", str(tmp_path / "a.txt")], capture_output=True, text=True, env=env, cwd=tmp_path / "copy")
    assert done.returncode == 0, done.stderr


def test_the_lock_file_pins_every_dependency_within_its_range():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (root / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pinned = dict(line.split("==") for line in lines if line and not line.startswith("#"))
    for line in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in requirements.lock (python scripts/lock.py > requirements.lock)"
        assert requirement.specifier.contains(pinned[name], prereleases=True), f"{name}=={pinned[name]} is outside {requirement.specifier}"


# --- more one-line errors, and no orphans ---------------------------------------------------


@pytest.mark.parametrize("base", ["", "http://x y/", "no-scheme/", "https://e.org/<id>/"])
def test_a_bad_base_is_a_usage_error(tmp_path, base):
    folder = corpus(tmp_path)
    done = kg("build", str(folder), "-o", str(tmp_path / "out"), "--base", base, "--no-cache")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "--base" in done.stderr, done.stderr


@pytest.mark.parametrize("content", ['{"a":', '[{"tokens": ["A"], "entities": [{"type": "Peop", "start": 0, "end": 1}], '
                                     '"relations": [{"type": "Kill", "head": 0, "tail": 5}]}]',
                                     '[{"tokens": ["A"], "entities": [{"type": "Peop", "start": 3, "end": 9}], "relations": []}]',
                                     '[{"tokens": ["A"], "entities": [{"type": "Peop", "start": 0, "end": 1}], '
                                     '"relations": [{"type": "Kill", "head": 0, "tail": -1}]}]'])
def test_eval_and_train_on_malformed_data_are_one_line(tmp_path, content):
    for name in ("conll04_train.json", "conll04_dev.json"):
        (tmp_path / name).write_text(content, encoding="utf-8")
    one_line_error(kg("eval", "conll04", str(tmp_path / "conll04_dev.json"), "--no-learned"), "conll04_dev.json")
    one_line_error(kg("train", "--data", str(tmp_path), "-o", str(tmp_path / "models")), "conll04_train.json")


def test_extraction_workers_die_with_a_killed_build(tmp_path):
    folder = corpus(tmp_path)
    for i in range(60):
        (folder / f"{i:02d}.txt").write_text(f"Wire story\n\nCompany{i} Ltd, a software company with offices in Paris, is headquartered in Lyon.\n" * 20, encoding="utf-8")
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        build = subprocess.Popen([*KG, "build", str(folder), "-o", str(tmp_path / "out"), "--no-cache", "--workers", "2"], stderr=stderr)
        parent = psutil.Process(build.pid)
        workers: list[psutil.Process] = []
        for _ in range(600):  # bounded wait (60 s) for the pool to start
            workers = parent.children()
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert len(workers) >= 2
        build.send_signal(signal.SIGKILL)
        build.wait()
        gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "extraction workers outlived the killed build"
    assert "Traceback" not in log.read_text(encoding="utf-8")


EXTRACT_AND_DIE = """
import os, signal, sys
from pathlib import Path
from graph import pipeline
from graph.ingest import parse_article

made = []
real = pipeline.extract

def extract(article, *rest):
    if len(made) == 5:
        os.kill(os.getpid(), signal.SIGKILL)  # killed while extracting the sixth article
    made.append(article.id)
    return real(article, *rest)

pipeline.extract = extract
articles = [parse_article(f"Wire story\\n\\nCompany{i} Ltd is headquartered in Lyon.\\n", f"{i}.txt") for i in range(40)]
for _ in pipeline.extract_cached(articles, cache_dir=Path(sys.argv[1]), learned=False):
    pass
"""


def test_the_cache_keeps_each_article_as_soon_as_it_is_extracted(tmp_path):
    done = subprocess.run([sys.executable, "-c", EXTRACT_AND_DIE, str(tmp_path / "cache")], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 5


def test_a_changed_file_of_the_base_pipeline_is_refused(models_copy, tmp_path):
    import shutil

    from graph.integrity import IntegrityError, verify
    from graph.learned import pipeline_dir, pipeline_meta
    from graph.settings import DEFAULT_MODEL

    base = Path(shutil.copytree(pipeline_dir(DEFAULT_MODEL), tmp_path / "base", ignore=shutil.ignore_patterns("__pycache__")))
    version = pipeline_meta(DEFAULT_MODEL).get("version")
    verify(models_copy, DEFAULT_MODEL, version, base)  # an identical copy passes
    config = next(base.rglob("config.cfg"))
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(IntegrityError, match="config.cfg: sha256 does not match"):
        verify(models_copy, DEFAULT_MODEL, version, base)


def test_exports_into_the_working_directory_or_through_a_link(tmp_path):
    from graph.atomic import replaced_dir

    here = tmp_path / "here"
    here.mkdir()
    (here / "old.txt").write_text("old", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(here)
    with replaced_dir(link) as fresh:
        (fresh / "graph.ttl").write_text("new", encoding="utf-8")
    assert link.is_symlink() and (here / "graph.ttl").read_text(encoding="utf-8") == "new" and (here / "old.txt").exists()
    done = subprocess.run([*KG, "build", str(corpus(tmp_path)), "-o", ".", "--no-cache", "--workers", "1", "--store", "db"],
                          capture_output=True, text=True, cwd=here,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert done.returncode == 0, done.stderr
    assert "Globex" in (here / "graph.ttl").read_text(encoding="utf-8") and (here / "db").is_dir()


def test_query_with_from_fetches_nothing_and_evaluation_errors_are_one_line(listener):
    graph = str(EXPORTS / "graph.ttl")
    done = kg("query", graph, f"SELECT * FROM <http://127.0.0.1:{listener.port}/g> WHERE {{ ?s ?p ?o }} LIMIT 1")
    assert done.returncode == 0, done.stderr
    one_line_error(kg("query", graph, f"SELECT * FROM NAMED <http://127.0.0.1:{listener.port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"), "query failed")
    assert listener.close() == []

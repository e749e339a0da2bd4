"""A read-only SPARQL 1.1 Protocol endpoint: the real Oxigraph server behind a small gate.

`kg serve GRAPH.ttl` loads the file into a temporary store first; `kg serve --store DIR`
serves an existing store. Oxigraph runs read-only on a private loopback port; the gate in
front of it, on HOST:PORT (127.0.0.1 unless told otherwise), answers only SPARQL queries at
/query and enforces what Oxigraph alone does not:

- no updates and no Graph Store writes (only GET/POST /query is served);
- no SERVICE clauses, so the endpoint never makes requests to other servers;
- a per-query timeout (also passed to Oxigraph) and a limit on the size of a result,
  each refused with a clear one-line message.
"""

from __future__ import annotations

import http.client
import shutil
import signal
import socket
import subprocess
import sysconfig
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from graph.errors import KgError, one_line
from graph.sparql import store

MAX_QUERY_BYTES = 100_000


class ServerError(KgError):
    """The server cannot start; the message is one line."""


def oxigraph_binary() -> str:
    """The `oxigraph` command installed with the PyPI package of the same name."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=sysconfig.get_path("scripts"))
    if not found:
        raise ServerError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def _uses_service(node: object) -> bool:
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_uses_service(v) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_uses_service(v) for v in node)
    return False


def check_query(query: str) -> str | None:
    """Why a query is refused, or None when it may run."""
    try:
        parsed = parseQuery(query)
    except Exception as err:  # pyparsing raises its own exception types
        return f"not a SPARQL query ({one_line(err, 160)})"
    if _uses_service(parsed):
        return "SERVICE is not allowed: this endpoint makes no requests to other servers"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gate(BaseHTTPRequestHandler):
    """Forwards allowed SPARQL queries to Oxigraph; refuses everything else."""

    backend: tuple[str, int]
    timeout_s: int
    max_result_bytes: int
    server_version = "kg-serve"

    def log_message(self, format: str, *args: object) -> None:  # quiet, like the rest of kg
        pass

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._refuse(404, "only /query is served (SPARQL 1.1 Protocol, read-only)")
        query = urllib.parse.parse_qs(url.query).get("query", [""])[0]
        self._answer(query, self.headers.get("Accept", "application/sparql-results+json"))

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._refuse(403, "read-only endpoint: updates and Graph Store writes are refused")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            return self._refuse(413, f"query larger than {MAX_QUERY_BYTES} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = self.headers.get("Content-Type", "").split(";")[0].strip()
        if kind == "application/sparql-query":
            query = body
        elif kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                return self._refuse(403, "read-only endpoint: SPARQL Update is refused")
            query = form.get("query", [""])[0]
        else:
            return self._refuse(415, "send application/sparql-query or a form with query=")
        self._answer(query, self.headers.get("Accept", "application/sparql-results+json"))

    def do_PUT(self) -> None:
        self._refuse(405, "read-only endpoint")

    do_DELETE = do_PATCH = do_PUT

    def _answer(self, query: str, accept: str) -> None:
        if not query.strip():
            return self._refuse(400, "missing query")
        reason = check_query(query)
        if reason:
            return self._refuse(403 if reason.startswith("SERVICE") else 400, reason)
        connection = http.client.HTTPConnection(*self.backend, timeout=self.timeout_s + 5)
        try:
            connection.request("POST", "/query", body=query.encode("utf-8"), headers={"Content-Type": "application/sparql-query", "Accept": accept})
            response = connection.getresponse()
            data = response.read(self.max_result_bytes + 1)
        except (OSError, http.client.HTTPException):
            return self._refuse(504, f"query did not finish within {self.timeout_s} s")
        finally:
            connection.close()
        if len(data) > self.max_result_bytes:
            return self._refuse(413, f"result larger than {self.max_result_bytes} bytes: add LIMIT or narrow the query")
        self.send_response(response.status)
        self.send_header("Content-Type", response.getheader("Content-Type", "text/plain"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def serve(
    source: Path | None,
    store_dir: Path | None,
    host: str,
    port: int,
    timeout_s: int,
    max_result_bytes: int = 50_000_000,
    announce=print,
) -> int:
    """Run the endpoint in the foreground until Ctrl-C; returns 0 when stopped that way."""
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        location = store_dir
        if location is None:
            if source is None or not source.is_file():
                raise ServerError(f"{source}: no such file")
            location = Path(scratch) / "store"
            store.load_file(location, source)
        backend = ("127.0.0.1", _free_port())
        command = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{backend[0]}:{backend[1]}", "--timeout-s", str(timeout_s)]
        oxigraph = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            _wait_for(backend, oxigraph)
            handler = type("BoundGate", (Gate,), {"backend": backend, "timeout_s": timeout_s, "max_result_bytes": max_result_bytes})
            try:
                gate = ThreadingHTTPServer((host, port), handler)
            except OSError as err:
                raise ServerError(f"cannot listen on {host}:{port} ({err.strerror})") from None
            announce(f"SPARQL endpoint: http://{host}:{port}/query  (read-only; Ctrl-C to stop)")
            thread = threading.Thread(target=gate.serve_forever, daemon=True)
            thread.start()
            signal.signal(signal.SIGTERM, _interrupt)
            try:
                while oxigraph.poll() is None:
                    time.sleep(0.2)
                raise ServerError(f"oxigraph server stopped: {one_line(oxigraph.stderr.read() or '', 300) or oxigraph.returncode}")
            except KeyboardInterrupt:
                return 0
            finally:
                gate.shutdown()
                gate.server_close()
        finally:
            oxigraph.terminate()
            oxigraph.wait(timeout=10)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the endpoint as cleanly as Ctrl-C."""
    raise KeyboardInterrupt


def _wait_for(address: tuple[str, int], process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise ServerError(f"oxigraph server did not start: {one_line(process.stderr.read() or '', 300)}")
        try:
            socket.create_connection(address, timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise ServerError("oxigraph server did not start within 15 s")

"""A read-only SPARQL 1.1 Protocol endpoint: Oxigraph engines behind a small gate.

`kg serve GRAPH.ttl` loads the file into a temporary store first; `kg serve --store DIR`
serves an existing store. The gate listens on HOST:PORT (127.0.0.1 unless told otherwise),
answers SPARQL queries at /query (with CORS headers, so pages on other origins can query it)
and a small query page at /, and hands each query to an engine process (Oxigraph via
pyoxigraph, see `graph.sparql.worker`) reached only through pipes. It enforces:

- no updates and no Graph Store writes (only GET/POST /query, its CORS preflight OPTIONS and
  GET / are served; other methods 405);
- no SERVICE clauses, and no query deep or long enough to overflow a parser (`graph.sparql.vet`);
- a real per-query deadline: an engine that runs past `--timeout` is killed and replaced, the
  client gets 504, and the CPU is free again; before that, a query running over
  DEMOTE_AFTER_S runs at the lowest CPU priority (nice 19, SCHED_IDLE) and is paused
  (SIGSTOP) while cheap queries are being answered, but for a share of its time (see
  `Engine._pace`), so heavy queries do not slow cheap ones down and still make progress;
- a result size limit (413), at most `--concurrency` queries running (and as many heavy ones
  set aside, see `Pool`) and WAITING_PER_ENGINE times as many waiting (503 beyond), a strict Content-Length (400/411/413), an idle timeout per connection, and at
  most MAX_CONNECTIONS open connections.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import queue
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graph.errors import KgError
from graph.sparql import store
from graph.sparql.vet import MAX_QUERY_BYTES, vet

MAX_CONNECTIONS = 256
START_TIMEOUT_S = 60.0
DEMOTE_AFTER_S = 0.2
# A heavy (demoted) query is paused while cheap queries run, and for HOLD_S after the last one
# ended (so that a steady stream of them counts as one); paused, it still runs RUN_S of every
# RUN_S + PAUSE_S. Its gate thread looks at the traffic every PACE_S.
HOLD_S = 0.02
RUN_S, PAUSE_S = 0.01, 0.09
PACE_S = 0.005
WAITING_PER_ENGINE = 4
ALLOWED_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Content-Type, Accept"
CORS_MAX_AGE_S = 600
JANITOR = "import shutil, sys\nsys.stdin.buffer.read()\nshutil.rmtree(sys.argv[1], ignore_errors=True)\n"


class ServerError(KgError):
    """The server cannot start; the message is one line."""


class Overrun(Exception):
    """An engine did not answer before its deadline."""


class Crashed(Exception):
    """An engine process died while answering."""


def oxigraph_binary() -> str:
    """The `oxigraph` command installed with the PyPI package of the same name."""
    import sysconfig

    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=sysconfig.get_path("scripts"))
    if not found:
        raise ServerError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def check_query(query: str) -> str | None:
    """Why a query is refused before it reaches an engine, or None when it may run."""
    return vet(query)


class Traffic:
    """The queries running at normal priority now (`light`) and when the last one ended."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.light = 0
        self.last_end = -HOLD_S

    def begin(self) -> None:
        with self.lock:
            self.light += 1

    def end(self) -> None:
        with self.lock:
            self.light -= 1
            self.last_end = time.monotonic()

    def busy(self, now: float) -> bool:
        """Whether cheap queries are being answered (or were, within HOLD_S)."""
        return self.light > 0 or now - self.last_end < HOLD_S


class Engine:
    """One worker process with a read-only Oxigraph store, spoken to over its stdin and stdout."""

    def __init__(self, location: Path, max_result_bytes: int, traffic: Traffic | None = None,
                 set_aside: Callable[[Engine], bool] | None = None) -> None:
        # -P: nothing from the working directory is imported; the worker uses this very package.
        command = [sys.executable, "-P", "-m", "graph.sparql.worker", str(location), str(max_result_bytes), str(os.getpid())]
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.out = self.stdout.fileno()
        self.traffic = traffic or Traffic()
        self.set_aside = set_aside  # asked at demotion: may this engine leave its place in the pool to a fresh one?
        self.aside = False
        self.demote_at: float | None = None
        self.demoted = False
        self.light = False  # counted in `traffic.light`
        self.paused = False
        self.switch_at = 0.0  # when `_pace` may pause or resume it next
        try:
            ready = self._frame(time.monotonic() + START_TIMEOUT_S)
        except (Overrun, Crashed):
            ready = b""
        if ready != b"ready":
            self.kill()
            raise ServerError(f"{location}: the query engine did not start (is it an Oxigraph store?)")

    def _exactly(self, size: int, deadline: float) -> bytes:
        data = bytearray()
        while len(data) < size:
            now = time.monotonic()
            left = deadline - now
            if left <= 0:
                raise Overrun
            if self.demote_at is not None and now >= self.demote_at:
                self._demote(now)
            if self.demoted:
                self._pace(now)
            wait = left if self.demote_at is None else min(left, max(0.0, self.demote_at - now))
            if self.demoted:
                wait = min(wait, PACE_S)
            if not select.select([self.out], [], [], wait)[0]:
                continue
            chunk = os.read(self.out, min(size - len(data), 1 << 20))
            if not chunk:
                raise Crashed
            data += chunk
        return bytes(data)

    def _frame(self, deadline: float) -> bytes:
        (size,) = struct.unpack(">I", self._exactly(4, deadline))
        return self._exactly(size, deadline)

    def _renice(self, value: int) -> None:
        """Set the priority of every thread of the engine (Linux applies it per thread); at 19 the
        threads also take the idle scheduling class, so they run only on a CPU nothing else wants."""
        try:
            threads = [int(t) for t in os.listdir(f"/proc/{self.process.pid}/task")]
        except OSError:
            threads = [self.process.pid]
        for thread in threads:
            os.setpriority(os.PRIO_PROCESS, thread, value)
            policy = os.SCHED_IDLE if value == 19 else os.SCHED_OTHER
            os.sched_setscheduler(thread, policy, os.sched_param(0))

    def _demote(self, now: float) -> None:
        """A query running this long is a heavy one: lower its priority so cheap queries keep the CPU."""
        self.demote_at = None
        self.demoted = True  # even if only some threads were demoted: `promote` or a fresh engine undoes it
        self.switch_at = now
        if self.light:
            self.light = False
            self.traffic.end()
        try:
            self._renice(19)
        except OSError:
            pass
        self.aside = self.set_aside is not None and self.set_aside(self)

    def _pace(self, now: float) -> None:
        """Pause a heavy query while cheap ones are answered, resume it when they are done.

        The idle scheduling class alone is not enough: a heavy query that runs whenever a CPU is
        idle for a moment still evicts the caches and costs a preemption at each wake-up of the
        gate (in benchmarks/endpoint_load.py two runaways at SCHED_IDLE took 0.75 of a core of two
        and, with the engines they held, a quarter of the cheap queries' throughput). Paused, it
        still runs RUN_S of every RUN_S + PAUSE_S, so it finishes, or meets its deadline, all the same.
        """
        busy = self.traffic.busy(now)
        if self.paused and (not busy or now >= self.switch_at):
            self._signal(signal.SIGCONT)
            self.paused, self.switch_at = False, now + RUN_S
        elif not self.paused and busy and now >= self.switch_at:
            self._signal(signal.SIGSTOP)
            self.paused, self.switch_at = True, now + PAUSE_S

    def _signal(self, number: int) -> None:
        try:
            os.kill(self.process.pid, number)  # our unreaped child: the pid cannot have been reused
        except OSError:
            pass

    def promote(self) -> bool:
        """Back to normal priority after a heavy query, where allowed (root or CAP_SYS_NICE)."""
        if self.paused:  # paused after its last byte: never hand out a stopped engine
            self._signal(signal.SIGCONT)
            self.paused = False
        try:
            self._renice(os.getpriority(os.PRIO_PROCESS, 0))
        except OSError:
            return False
        self.demoted = False
        return True

    def ask(self, query: str, accept: str, deadline: float) -> tuple[dict, bytes]:
        """Send one query; its header and body, or Overrun / Crashed. After DEMOTE_AFTER_S the
        engine runs at the lowest priority (and is replaced afterwards: see `demoted`)."""
        self.demote_at = time.monotonic() + DEMOTE_AFTER_S
        request = json.dumps({"query": query, "accept": accept}).encode("utf-8", "surrogatepass")
        self.light = True
        self.traffic.begin()
        try:
            try:
                self.stdin.write(struct.pack(">I", len(request)) + request)
                self.stdin.flush()
            except OSError:
                raise Crashed from None
            header = json.loads(self._frame(deadline))
            return header, self._frame(deadline)
        finally:
            if self.light:
                self.light = False
                self.traffic.end()

    def kill(self) -> None:
        """Stop the process now (SIGKILL stops a query mid-flight) and reap it."""
        self.process.kill()
        self.process.wait()
        for pipe in (self.stdin, self.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class Pool:
    """`size` engines; a query waits for a free one, and a runaway engine is replaced.

    A heavy query (one demoted after DEMOTE_AFTER_S) is set aside: a fresh engine takes its
    place at once, so that heavy queries do not leave cheap ones waiting for an engine, and
    its own engine is stopped when it ends. At most `size` queries are set aside at a time
    (beyond that a heavy query keeps its place), so there are never more than 2 * `size` engines.

    Engines are started only by the thread that created the pool (see `maintain`), because
    the kernel's parent-death signal fires when the *thread* that started a process ends.
    """

    def __init__(self, location: Path, size: int, max_result_bytes: int, timeout_s: float) -> None:
        self.location, self.size, self.max_result_bytes, self.timeout_s = location, size, max_result_bytes, timeout_s
        self.idle: queue.Queue[Engine] = queue.Queue()
        self.traffic = Traffic()
        self.lost = threading.Event()  # set when an engine is lost, so that `maintain` replaces it at once
        self.admitted = threading.BoundedSemaphore((1 + WAITING_PER_ENGINE) * size)
        self.lock = threading.Lock()
        self.missing = size
        self.aside = 0  # engines set aside (each already replaced in the pool)
        self.engines: set[Engine] = set()
        self.maintain()

    def maintain(self) -> None:
        """Start engines for every one lost (call from the creating thread)."""
        while True:
            with self.lock:
                if self.missing <= 0:
                    return
                self.missing -= 1
            try:
                engine = Engine(self.location, self.max_result_bytes, self.traffic, self._set_aside)
            except ServerError:
                with self.lock:
                    self.missing += 1
                raise
            with self.lock:
                self.engines.add(engine)
            self.idle.put(engine)

    def _set_aside(self, engine: Engine) -> bool:
        """Replace a demoted engine in the pool (the caller's thread runs its query on)."""
        with self.lock:
            if self.aside >= self.size:
                return False
            self.aside += 1
            self.missing += 1
        self.lost.set()
        return True

    def _lose(self, engine: Engine) -> None:
        """Kill an engine and have it replaced, unless it was set aside (replaced already)."""
        engine.kill()
        with self.lock:
            self.engines.discard(engine)
            if engine.aside:
                self.aside -= 1
            else:
                self.missing += 1
        self.lost.set()

    def _take(self, deadline: float) -> Engine | None:
        """A live idle engine (dead ones, e.g. killed from outside, are replaced), or None at the deadline."""
        while (left := deadline - time.monotonic()) > 0:
            try:
                engine = self.idle.get(timeout=left)
            except queue.Empty:
                return None
            if engine.process.poll() is None:
                return engine
            self._lose(engine)
        return None

    def run(self, query: str, accept: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of one query."""
        if not self.admitted.acquire(blocking=False):
            return 503, "text/plain; charset=utf-8", b"too many queries at once: try again shortly\n"
        try:
            waited = time.monotonic() + self.timeout_s  # waiting for an engine is bounded too
            for _ in range(self.size + 1):  # again on another engine: this one may have died before the query (all of them may have)
                engine = self._take(waited)
                if engine is None:
                    return 503, "text/plain; charset=utf-8", b"every query engine stayed busy: try again shortly\n"
                try:
                    header, body = engine.ask(query, accept, time.monotonic() + self.timeout_s)
                    break
                except Overrun:
                    self._lose(engine)
                    return 504, "text/plain; charset=utf-8", f"query did not finish within {self.timeout_s:g} s (stopped)\n".encode()
                except (Crashed, ValueError, struct.error):
                    self._lose(engine)
            else:
                return 500, "text/plain; charset=utf-8", b"the query engine failed on this query (restarted)\n"
            if engine.aside or (engine.demoted and not engine.promote()):  # replaced already, or cannot get its priority back
                self._lose(engine)
            else:
                self.idle.put(engine)
        finally:
            self.admitted.release()
        if header["status"] != 200:
            return header["status"], "text/plain; charset=utf-8", (header["message"] + "\n").encode("utf-8")
        kind = header["type"] + ("; charset=utf-8" if header["type"].startswith("text/") else "")
        return 200, kind, body

    def close(self) -> None:
        with self.lock:
            engines, self.engines, self.missing = list(self.engines), set(), 0
        for engine in engines:
            engine.kill()


_LENGTH = re.compile(r"[0-9]{1,12}")


def check_origin(origin: str) -> str:
    """`origin` when it is `*` or one origin (scheme://host[:port]); ServerError otherwise."""
    if not re.fullmatch(r"\*|https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?", origin):
        raise ServerError(f"--allow-origin {origin!r}: give * or one origin such as https://yasgui.example.org")
    return origin


@functools.cache
def query_page() -> tuple[bytes, str]:
    """The query page served at / and its Content-Security-Policy, which allows exactly the
    page's own inline script and style (by hash) and requests to this endpoint only."""
    page = (Path(__file__).with_name("page.html")).read_text(encoding="utf-8")

    def digest(tag: str) -> str:
        found = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert found, tag
        return "'sha256-" + base64.b64encode(hashlib.sha256(found.group(1).encode("utf-8")).digest()).decode("ascii") + "'"

    policy = (f"default-src 'none'; script-src {digest('script')}; style-src {digest('style')}; connect-src 'self'; "
              "form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
    return page.encode("utf-8"), policy


class Gate(BaseHTTPRequestHandler):
    """Forwards allowed SPARQL queries to the engines; refuses everything else."""

    pool: Pool
    timeout = 10  # idle timeout: seconds a connection may stay silent (socket timeout)
    allow_origin = "*"  # Access-Control-Allow-Origin of /query (--allow-origin)
    server_version = "kg-serve"

    def log_message(self, format: str, *args: object) -> None:  # quiet, like the rest of kg
        pass

    def _cors(self) -> None:
        """Let pages on other origins (YASGUI, notebooks) read the answers of /query, refusals included."""
        if urllib.parse.urlsplit(self.path).path == "/query":
            self.send_header("Access-Control-Allow-Origin", self.allow_origin)

    def _send(self, status: int, kind: str, body: bytes, allow: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self._cors()
        if allow:
            self.send_header("Allow", ALLOWED_METHODS)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, status: int, message: str, allow: bool = False) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), allow)

    def _not_allowed(self) -> None:
        self._refuse(405, "read-only SPARQL endpoint: only GET and POST /query (and OPTIONS, its CORS preflight) are served", allow=True)

    def __getattr__(self, name: str):
        if name.startswith("do_"):  # HEAD, TRACE, CONNECT, PUT, DELETE, anything else
            return self._not_allowed
        raise AttributeError(name)

    def do_OPTIONS(self) -> None:
        """The CORS preflight of a query from another origin: 204 and what it may send."""
        if urllib.parse.urlsplit(self.path).path != "/query":
            return self._refuse(404, "only /query answers OPTIONS (its CORS preflight)")
        self.send_response(204)
        self.send_header("Allow", ALLOWED_METHODS)
        self.send_header("Access-Control-Allow-Origin", self.allow_origin)
        self.send_header("Access-Control-Allow-Methods", ALLOWED_METHODS)
        self.send_header("Access-Control-Allow-Headers", CORS_HEADERS)
        self.send_header("Access-Control-Max-Age", str(CORS_MAX_AGE_S))
        if self.headers.get("Access-Control-Request-Private-Network", "").lower() == "true":
            self.send_header("Access-Control-Allow-Private-Network", "true")  # a public page asking a loopback endpoint
        self.end_headers()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            return self._page()
        if url.path != "/query":
            return self._refuse(404, "only /query (SPARQL 1.1 Protocol, read-only) and the query page at / are served")
        query = urllib.parse.parse_qs(url.query, max_num_fields=100).get("query", [""])[0]
        self._answer(query)

    def _page(self) -> None:
        body, policy = query_page()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._refuse(403, "read-only endpoint: updates and Graph Store writes are refused")
        if self.headers.get("Transfer-Encoding"):
            return self._refuse(411, "send the query with a Content-Length (chunked bodies are not accepted)")
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            return self._refuse(411, "a POST needs a Content-Length")
        if len(set(lengths)) != 1 or not _LENGTH.fullmatch(lengths[0].strip()):
            return self._refuse(400, "Content-Length must be one non-negative number")
        length = int(lengths[0])
        if length > MAX_QUERY_BYTES:
            return self._refuse(413, f"query larger than {MAX_QUERY_BYTES} bytes")
        body = self.rfile.read(length)
        if len(body) < length:
            return self._refuse(400, "the body is shorter than its Content-Length")
        text = body.decode("utf-8", "replace")
        kind = self.headers.get("Content-Type", "").split(";")[0].strip()
        if kind == "application/sparql-query":
            query = text
        elif kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(text, max_num_fields=100)
            if "update" in form:
                return self._refuse(403, "read-only endpoint: SPARQL Update is refused")
            query = form.get("query", [""])[0]
        else:
            return self._refuse(415, "send application/sparql-query or a form with query=")
        self._answer(query)

    def _answer(self, query: str) -> None:
        if not query.strip():
            return self._refuse(400, "missing query")
        reason = check_query(query)
        if reason:
            return self._refuse(403 if reason.startswith("SERVICE") else 400, reason)
        status, kind, body = self.pool.run(query, self.headers.get("Accept", "application/sparql-results+json"))
        self._send(status, kind, body)


class GateServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, at most MAX_CONNECTIONS of them."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], handler: type[Gate]) -> None:
        self.active = 0
        self.count_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        with self.count_lock:
            full = self.active >= MAX_CONNECTIONS
            if not full:
                self.active += 1
        if full:
            try:
                assert isinstance(request, socket.socket)  # TCP: always a socket
                request.settimeout(1)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n\r\ntoo many connections\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.count_lock:
                self.active -= 1

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that breaks the protocol or vanishes costs its own connection, silently."""


def serve(
    source: Path | None,
    store_dir: Path | None,
    host: str,
    port: int,
    timeout_s: float,
    max_result_bytes: int = 50_000_000,
    announce=print,
    concurrency: int = 4,
    idle_timeout_s: float = 10.0,
    allow_origin: str = "*",
) -> int:
    """Run the endpoint in the foreground until Ctrl-C or SIGTERM; returns 0 when stopped that way."""
    allow_origin = check_origin(allow_origin)
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        # The janitor removes the scratch store when this process dies, even by SIGKILL.
        janitor = subprocess.Popen([sys.executable, "-P", "-c", JANITOR, scratch], stdin=subprocess.PIPE, start_new_session=True)
        assert janitor.stdin is not None
        location = store_dir
        if location is None:
            if source is None or not source.is_file():
                raise ServerError(f"{source}: no such file")
            location = Path(scratch) / "store"
            store.load_file(location, source)
        elif not location.is_dir():
            raise ServerError(f"{location}: no such store")
        pool = Pool(location, concurrency, max_result_bytes, timeout_s)
        try:
            handler = type("BoundGate", (Gate,), {"pool": pool, "timeout": idle_timeout_s, "allow_origin": allow_origin})
            try:
                gate = GateServer((host, port), handler)
            except OSError as err:
                raise ServerError(f"cannot listen on {host}:{port} ({err.strerror})") from None
            announce(f"SPARQL endpoint: http://{host}:{port}/query  (read-only; a query page at http://{host}:{port}/; Ctrl-C to stop)")
            thread = threading.Thread(target=gate.serve_forever, daemon=True)
            thread.start()
            signal.signal(signal.SIGTERM, _interrupt)
            try:
                while True:
                    pool.lost.wait(0.05)
                    pool.lost.clear()
                    pool.maintain()
            except KeyboardInterrupt:
                return 0
            finally:
                gate.shutdown()
                gate.server_close()
        finally:
            pool.close()
            janitor.stdin.close()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the endpoint as cleanly as Ctrl-C."""
    raise KeyboardInterrupt

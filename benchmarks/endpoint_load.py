"""Load on `kg serve` with and without runaway queries (loopback only, bounded in time).

Starts `kg serve exports/graph.ttl` on 127.0.0.1, runs --clients clients sending cheap
queries for --seconds, then the same with 2 more clients sending a runaway query (a
cartesian COUNT that the gate must stop at --timeout) over and over. Prints q/s, errors and
p50/p95/p99 latency of the cheap queries in both phases, and their throughput ratio; the
target is a ratio of at least 0.8.

    python benchmarks/endpoint_load.py --clients 8 --seconds 20
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHEAP = "SELECT ?s ?name WHERE { ?s <https://schema.org/name> ?name } LIMIT 20"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def send(base: str, query: str, timeout: float) -> int:
    request = urllib.request.Request(f"{base}/query", data=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def phase(base: str, clients: int, seconds: float, runaways: int, timeout: float) -> dict:
    """Cheap-query figures over `seconds` with `runaways` clients sending the runaway query meanwhile."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def cheap() -> None:
        while time.monotonic() < stop:
            started = time.monotonic()
            status = send(base, CHEAP, timeout + 5)
            with lock:
                if status == 200:
                    latencies.append(time.monotonic() - started)
                else:
                    errors[0] += 1

    def runaway() -> None:
        while time.monotonic() < stop:
            send(base, RUNAWAY, timeout + 5)

    threads = [threading.Thread(target=cheap) for _ in range(clients)] + [threading.Thread(target=runaway) for _ in range(runaways)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return {"qps": len(latencies) / seconds, "errors": errors[0], "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=4, help="kg serve --concurrency")
    parser.add_argument("--timeout", type=int, default=2, help="kg serve --timeout")
    args = parser.parse_args()
    args.clients, args.seconds = min(args.clients, 64), min(args.seconds, 300.0)  # bounded
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "graph", "serve", str(ROOT / "exports" / "graph.ttl"), "--port", str(port),
                               "--concurrency", str(args.concurrency), "--timeout", str(args.timeout)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if send(base, "ASK {}", 1) == 200:
                break
            time.sleep(0.1)
        results = {}
        for label, runaways in (("no runaway", 0), ("2 runaways", 2)):
            results[label] = figures = phase(base, args.clients, args.seconds, runaways, args.timeout)
            print(f"{label:>11}: {figures['qps']:7.1f} q/s  errors {figures['errors']:4d}  "
                  f"p50 {figures['p50']:6.1f} ms  p95 {figures['p95']:6.1f} ms  p99 {figures['p99']:6.1f} ms")
        ratio = results["2 runaways"]["qps"] / results["no runaway"]["qps"] if results["no runaway"]["qps"] else float("nan")
        print(f"cheap-query throughput with runaways / without: {ratio:.2f} (target >= 0.80); "
              f"{args.clients} clients, {args.seconds:g} s a phase, --concurrency {args.concurrency}, --timeout {args.timeout}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()

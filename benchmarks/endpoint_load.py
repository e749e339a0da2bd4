"""Load on `kg serve` with and without runaway queries (loopback only, bounded in time).

Starts `kg serve exports/graph.ttl` on 127.0.0.1, runs --clients clients sending cheap
queries for --seconds, then the same with 2 more clients sending a runaway query (a
cartesian COUNT that the gate must stop at --timeout) over and over. Prints q/s, errors and
p50/p95/p99 latency of the cheap queries in both phases, and their throughput ratio; the
target is a ratio of at least 0.8.

Each phase also shows where the CPU went, in cores: the gate, its engines (killed ones
included), these clients, and every other process on the machine. On a machine shared with
other work, "other processes" above a few hundredths means the two phases did not run alike;
--rounds N alternates the phases N times (each --seconds/N long) so that such load falls on
both, and the figures are the totals.

    python benchmarks/endpoint_load.py --clients 8 --seconds 20 --rounds 4
"""

from __future__ import annotations

import argparse
import os
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


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(CPU seconds of the gate, of its engines) so far: the gate's own time, and its children's,
    live ones and reaped ones (killed engines) together. Linux /proc only; (nan, nan) elsewhere."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        gate, reaped = (int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick
        children = []
        for thread in os.listdir(f"/proc/{pid}/task"):
            try:
                children += Path(f"/proc/{pid}/task/{thread}/children").read_text().split()
            except OSError:  # the thread ended meanwhile
                continue
        live = 0.0
        for child in children:
            try:
                child_fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            live += (int(child_fields[11]) + int(child_fields[12])) / tick
        return gate, reaped + live
    except (OSError, IndexError, ValueError):
        return float("nan"), float("nan")


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (all cores, all processes); nan without /proc."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def phase(base: str, clients: int, seconds: float, runaways: int, timeout: float, server: int) -> dict:
    """Cheap-query latencies, errors and CPU use over `seconds`, with `runaways` clients sending the
    runaway query meanwhile (CPU is counted until the cheap clients stop)."""
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

    cheap_threads = [threading.Thread(target=cheap) for _ in range(clients)]
    runaway_threads = [threading.Thread(target=runaway) for _ in range(runaways)]
    before, clock, own, machine = cpu_seconds(server), time.monotonic(), os.times(), machine_busy()
    for thread in cheap_threads + runaway_threads:
        thread.start()
    for thread in cheap_threads:
        thread.join()
    after, own_after, machine_after = cpu_seconds(server), os.times(), machine_busy()
    elapsed = time.monotonic() - clock
    for thread in runaway_threads:  # their last query ends at its deadline
        thread.join()
    gate, engines = after[0] - before[0], after[1] - before[1]
    mine = own_after.user + own_after.system - own.user - own.system
    return {"seconds": seconds, "elapsed": elapsed, "latencies": latencies, "errors": errors[0], "gate": gate, "engines": engines,
            "clients": mine, "others": machine_after - machine - gate - engines - mine}


def summary(runs: list[dict]) -> dict:
    """The figures of one kind of phase over all its rounds."""
    latencies = sorted(x for run in runs for x in run["latencies"])
    elapsed = sum(run["elapsed"] for run in runs)

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    figures = {"qps": len(latencies) / sum(run["seconds"] for run in runs), "errors": sum(run["errors"] for run in runs),
               "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99)}
    for key in ("gate", "engines", "clients", "others"):
        figures[key] = sum(run[key] for run in runs) / elapsed
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase (all its rounds together)")
    parser.add_argument("--rounds", type=int, default=1, help="alternate the two phases this many times")
    parser.add_argument("--concurrency", type=int, default=4, help="kg serve --concurrency")
    parser.add_argument("--timeout", type=int, default=2, help="kg serve --timeout")
    args = parser.parse_args()
    args.clients, args.seconds, args.rounds = min(args.clients, 64), min(args.seconds, 300.0), max(1, min(args.rounds, 20))  # bounded
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "graph", "serve", str(ROOT / "exports" / "graph.ttl"), "--port", str(port),
                               "--concurrency", str(args.concurrency), "--timeout", str(args.timeout)],
                              stderr=subprocess.DEVNULL, cwd=ROOT)  # `-m graph` imports from the working directory first: this checkout
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if send(base, "ASK {}", 1) == 200:
                break
            time.sleep(0.1)
        phases = (("no runaway", 0), ("2 runaways", 2))
        runs: dict[str, list[dict]] = {label: [] for label, _ in phases}
        for _ in range(args.rounds):
            for label, runaways in phases:
                runs[label].append(phase(base, args.clients, args.seconds / args.rounds, runaways, args.timeout, server.pid))
        results = {}
        for label, _ in phases:
            results[label] = figures = summary(runs[label])
            print(f"{label:>11}: {figures['qps']:7.1f} q/s  errors {figures['errors']:4d}  "
                  f"p50 {figures['p50']:6.1f} ms  p95 {figures['p95']:6.1f} ms  p99 {figures['p99']:6.1f} ms  "
                  f"CPU (cores) gate {figures['gate']:.2f} engines {figures['engines']:.2f} clients {figures['clients']:.2f} "
                  f"other processes {figures['others']:.2f}")
        ratio = results["2 runaways"]["qps"] / results["no runaway"]["qps"] if results["no runaway"]["qps"] else float("nan")
        print(f"cheap-query throughput with runaways / without: {ratio:.2f} (target >= 0.80); "
              f"{args.clients} clients, {args.seconds:g} s a phase in {args.rounds} round(s), --concurrency {args.concurrency}, --timeout {args.timeout}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()

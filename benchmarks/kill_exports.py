"""SIGKILL `kg build` at random moments near its write phase, many times; count the export
sets left behind: the old set, the new set, or a mix (which must never happen).

Each round changes one marker name in the corpus, so every export tells which build wrote
it. The kill moments are spread over the last part of a build's measured duration, where the
exports are written.

    python benchmarks/kill_exports.py --rounds 20
"""

from __future__ import annotations

import argparse
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXPORTS = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html", "graph.nt", "graph.trig")
TEXT = "Wire story\n\nMarker{n} Holdings, a software company with offices in Paris, is headquartered in Lyon.\n"


def markers(out: Path) -> set[str]:
    """The marker numbers found in each export (one per file when the set is whole)."""
    found = set()
    for name in EXPORTS:
        numbers = set(re.findall(r"Marker(\d+)", (out / name).read_text(encoding="utf-8")))
        found.add(",".join(sorted(numbers)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=200, help="corpus size (a longer write phase)")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        corpus, out, cache = Path(scratch) / "news", Path(scratch) / "out", Path(scratch) / "cache"
        corpus.mkdir()
        for i in range(args.articles):
            (corpus / f"{i:04d}.txt").write_text(f"Wire story\n\nCompany{i} Ltd, a software company with offices in City{i % 30}, is headquartered in Town{i % 70}.\n", encoding="utf-8")
        command = [sys.executable, "-m", "graph", "build", str(corpus), "-o", str(out), "--cache", str(cache), "--workers", "1", "--format", ",".join(n.split(".")[1] for n in EXPORTS)]
        (corpus / "marker.txt").write_text(TEXT.format(n=0), encoding="utf-8")
        subprocess.run(command, check=True, capture_output=True)
        (corpus / "marker.txt").write_text(TEXT.format(n=1), encoding="utf-8")
        started = time.monotonic()
        subprocess.run(command, check=True, capture_output=True)
        duration = time.monotonic() - started
        counts = {"old": 0, "new": 0, "mixed": 0, "finished": 0}
        for n in range(2, args.rounds + 2):
            before = markers(out)
            (corpus / "marker.txt").write_text(TEXT.format(n=n), encoding="utf-8")
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.6 * duration, 1.6 * duration))
            process.send_signal(signal.SIGKILL)
            code = process.wait()
            after = markers(out)
            if code == 0:
                counts["finished"] += 1
            elif len(after) != 1:
                counts["mixed"] += 1
            elif after == before:
                counts["old"] += 1
            else:
                counts["new"] += 1
        print(f"{args.rounds} kills of kg build ({args.articles + 1} articles, a build takes {duration:.1f} s): "
              f"{counts['old']} left the old set, {counts['new']} the new set, {counts['mixed']} a mix; "
              f"{counts['finished']} finished before the kill")


if __name__ == "__main__":
    main()

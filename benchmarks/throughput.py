"""Throughput and scaling of `kg build`, printed as ratios measured in one run.

The corpus is made of CoNLL04 sentences (../shared/data/conll04) grouped into articles of
ten; k× repeats it with a different grouping per copy, so no two articles are equal.

1. words/s of the build (one worker, exports included) vs raw `nlp.pipe` of the same pipeline;
2. speed-up of --workers 2 over --workers 1;
3. wall time and peak RSS at 1×, 4× and 16×, and the fitted growth exponent of time vs size;
4. a Dask LocalCluster with 2 worker processes vs --workers 2.

    python benchmarks/throughput.py [--data ../shared/data/conll04] [--sizes 1 4 16]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph import nlp, pipeline
from graph.learned import learned_parts
from graph.settings import DEFAULT_MODEL

KG = [sys.executable, "-m", "graph", "build", "--no-cache", "--quiet"]


def sentences(data: Path) -> list[str]:
    rows = []
    for name in ("conll04_train.json", "conll04_dev.json"):
        rows += [" ".join(item["tokens"]) for item in json.loads((data / name).read_text(encoding="utf-8"))]
    return rows


def write_corpus(folder: Path, rows: list[str], copies: int) -> int:
    """Write `copies` groupings of the sentences as articles; returns the number of words."""
    folder.mkdir(parents=True)
    words = 0
    for copy in range(copies):
        order = rows[:]
        random.Random(copy).shuffle(order)
        for start in range(0, len(order), 10):
            body = "\n\n".join(order[start : start + 10])
            (folder / f"c{copy:02d}-{start:05d}.txt").write_text(f"Wire story {copy}-{start}\n\n{body}\n", encoding="utf-8")
            words += len(body.split())
    return words


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"failed: {' '.join(args)}\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "conll04")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    rows = sentences(args.data)

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        corpora = {k: (root / f"x{k}", write_corpus(root / f"x{k}", rows, k)) for k in args.sizes}
        base, base_words = corpora[args.sizes[0]]

        # 1. our pipeline vs raw spaCy, same process, model loaded once for both
        parts = learned_parts(DEFAULT_MODEL)
        spacy_pipeline = nlp.load(DEFAULT_MODEL, parts.ner)
        texts = [p.read_text(encoding="utf-8") for p in sorted(base.iterdir())]
        list(spacy_pipeline.pipe(texts[:20]))
        start = time.perf_counter()
        for _ in spacy_pipeline.pipe(texts, batch_size=64):
            pass
        raw = time.perf_counter() - start
        start = time.perf_counter()
        pipeline.write(pipeline.build(base), root / "out-inprocess")
        ours = time.perf_counter() - start
        print(f"1. words/s: kg build (1 worker, exports included) {base_words / ours:,.0f} vs raw nlp.pipe {base_words / raw:,.0f}: ratio {raw / ours:.2f}")
        start = time.perf_counter()
        pipeline.write(pipeline.build(base, learned=False), root / "out-stock")
        stock = time.perf_counter() - start
        print(f"   learned parts cost: build with them {ours:.1f} s vs patterns only {stock:.1f} s: ratio {ours / stock:.2f}")

        # 2. two workers vs one (child processes, start-up included)
        mid, mid_words = corpora[args.sizes[min(1, len(args.sizes) - 1)]]
        one, _ = run([*KG, str(mid), "-o", str(root / "w1"), "--workers", "1"])
        two, _ = run([*KG, str(mid), "-o", str(root / "w2"), "--workers", "2"])
        print(f"2. {mid_words:,} words: --workers 1 {one:.1f} s, --workers 2 {two:.1f} s: speed-up {one / two:.2f}x")

        # 3. scaling with corpus size, one worker
        points = []
        for k, (folder, words) in corpora.items():
            wall, rss = run([*KG, str(folder), "-o", str(root / f"s{k}"), "--workers", "1"])
            points.append((words, wall))
            print(f"3. {k:>2}x: {words:>9,} words in {wall:6.1f} s, peak RSS {rss:,.0f} MB")
        if len(points) > 1:
            xs, ys = [math.log(w) for w, _ in points], [math.log(t) for _, t in points]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            print(f"   growth exponent of time vs size: {slope:.2f}")

        # 4. Dask LocalCluster with 2 worker processes vs --workers 2
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=50) as cluster:
            dask_wall, _ = run([*KG, str(mid), "-o", str(root / "d2"), "--scheduler", cluster.scheduler_address])
        print(f"4. Dask LocalCluster (2 processes) {dask_wall:.1f} s vs --workers 2 {two:.1f} s: ratio {dask_wall / two:.2f}")



if __name__ == "__main__":
    main()

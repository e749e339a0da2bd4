"""Several processes and a real Dask cluster give the same graph as one process."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

KG = [sys.executable, "-m", "graph"]
TEXTS = [
    "Globex, a software company with offices in Paris and Berlin, is headquartered in Lyon.",
    "“We are growing,” says Jane Smith, CEO of Globex.",
    "Globex has signed a partnership agreement with Initech.",
    "Maria Lopez, a senior economist at the World Bank, graduated from Stanford University.",
    "Montmartre, an area in the north of Paris, is home to galleries, including the Louvre Museum.",
    "Steve Jobs founded Apple. Nokia was acquired by Microsoft.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(f"Story {i} - Ledger\n\nBy Ann Lee\n\n{text}\n", encoding="utf-8")
    return folder


def kg_build(corpus, out, *extra):
    done = subprocess.run([*KG, "build", str(corpus), "-o", str(out), "--no-cache", "--format", "ttl", *extra], capture_output=True, text=True)
    return done


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    assert kg_build(corpus, out, "--workers", "1").returncode == 0
    return Graph().parse(out / "graph.ttl", format="turtle")


def test_two_workers_give_the_same_graph(corpus, single, tmp_path):
    done = kg_build(corpus, tmp_path, "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl", format="turtle"), single)


def test_dask_cluster_gives_the_same_graph(corpus, single, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=50) as cluster:
        done = kg_build(corpus, tmp_path, "--scheduler", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl", format="turtle"), single)


def test_unreadable_file_is_reported_and_the_rest_built(corpus, single, tmp_path):
    mixed = tmp_path / corpus.name  # same folder name, so the recorded sources match
    mixed.mkdir()
    for path in corpus.iterdir():
        (mixed / path.name).write_bytes(path.read_bytes())
    (mixed / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    done = kg_build(mixed, tmp_path / "out", "--workers", "2")
    assert done.returncode == 3 and "broken.txt" in done.stderr and "Traceback" not in done.stderr
    assert isomorphic(Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle"), single)


def test_unreachable_scheduler_is_a_one_line_error(corpus, tmp_path):
    done = kg_build(corpus, tmp_path, "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 1 and done.stderr.startswith("kg: error:") and "Traceback" not in done.stderr


def test_pool_tasks_keep_the_order_and_stay_small():
    from graph.parallel import TASK_ARTICLES, _tasks

    for count in (1, 3, 8, 9, 100, 257):
        for workers in (1, 2, 4):
            tasks = _tasks(list(range(count)), workers)
            assert [x for task in tasks for x in task] == list(range(count))
            assert all(0 < len(task) <= TASK_ARTICLES for task in tasks)
            assert len(tasks) >= min(count, workers)  # every worker has a task when there are enough articles

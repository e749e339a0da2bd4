"""Run extraction on several processes, or on a Dask distributed cluster.

A runner takes a list of articles and returns their extractions in the same order, so the
result never depends on how the work was split: one process, N processes or a cluster give
the same graph. Each worker loads the spaCy pipeline once and keeps it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from graph.errors import KgError, one_line
from graph.lifetime import die_with_parent
from graph.pipeline import Runner, extract_batch
from graph.types import Article, Extraction


def _split(articles: list[Article], parts: int) -> list[list[Article]]:
    size = max(1, -(-len(articles) // parts))
    return [articles[i : i + size] for i in range(0, len(articles), size)]


@contextmanager
def processes(workers: int, model: str, learned: bool) -> Iterator[Runner]:
    """A runner over a pool of `workers` processes (fork: the parent's imports are shared);
    they are killed with the parent, so a killed build leaves no worker behind."""
    job = partial(extract_batch, model=model, learned=learned)
    with multiprocessing.get_context("fork").Pool(workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:

        def run(articles: list[Article]) -> list[Extraction]:
            return [x for part in pool.map(job, _split(articles, workers * 2)) for x in part]

        yield run


class ClusterError(KgError):
    """The Dask scheduler cannot be reached; the message is one line."""


@contextmanager
def cluster(address: str, model: str, learned: bool) -> Iterator[Runner]:
    """A runner over an existing Dask distributed cluster (`dask scheduler` / `dask worker`)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("the Dask distributed package is not installed (pip install 'dask[distributed]')") from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise ClusterError(f"{address}: cannot reach the Dask scheduler ({one_line(err, 160)})") from None
    job = partial(extract_batch, model=model, learned=learned)
    try:
        width = max(1, sum(client.nthreads().values()))

        def run(articles: list[Article]) -> list[Extraction]:
            futures = client.map(job, _split(articles, width * 2), pure=False)
            return [x for part in client.gather(futures) for x in part]

        yield run
    finally:
        client.close()

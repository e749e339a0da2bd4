"""Run extraction on several processes, or on a Dask distributed cluster.

A runner takes a list of articles and returns their extractions in the same order, so the
result never depends on how the work was split: one process, N processes or a cluster give
the same graph. Work starts as soon as a runner is called; the extractions are yielded as they
come, so the parent reads and caches them, and submits the next articles, while the workers
parse (see pipeline.extract_cached).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from graph.errors import KgError, one_line
from graph.lifetime import die_with_parent
from graph.pipeline import Runner, extract_batch, extractor
from graph.types import Article, Extraction

TASK_ARTICLES = 8
"""Articles per task: small enough that no worker waits long for the other at the end of a batch."""


def _split(articles: list[Article], parts: int) -> list[list[Article]]:
    size = max(1, -(-len(articles) // parts))
    return [articles[i : i + size] for i in range(0, len(articles), size)]


def _tasks(articles: list[Article], workers: int) -> list[list[Article]]:
    """Groups of at most TASK_ARTICLES articles, at least two per worker when there are enough."""
    return _split(articles, max(workers * 2, -(-len(articles) // TASK_ARTICLES)))


@contextmanager
def processes(workers: int, model: str, learned: bool, encoder: bool = False) -> Iterator[Runner]:
    """A runner over a pool of `workers` processes; they are killed with the parent, so a
    killed build leaves no worker behind.

    The spaCy pipeline and the learned models are loaded here, once, before the workers are
    forked: they share the parent's copy (copy-on-write) and start parsing at once.
    """
    extractor(model, learned, encoder)
    job = partial(extract_batch, model=model, learned=learned, encoder=encoder)
    with multiprocessing.get_context("fork").Pool(workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:

        def run(articles: list[Article]) -> Iterator[Extraction]:
            parts = pool.imap(job, _tasks(articles, workers)) if articles else iter(())
            return (x for part in parts for x in part)

        yield run


class ClusterError(KgError):
    """The Dask scheduler cannot be reached; the message is one line."""


@contextmanager
def cluster(address: str, model: str, learned: bool, encoder: bool = False) -> Iterator[Runner]:
    """A runner over an existing Dask distributed cluster (`dask scheduler` / `dask worker`)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("the Dask distributed package is not installed (pip install 'dask[distributed]')") from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise ClusterError(f"{address}: cannot reach the Dask scheduler ({one_line(err, 160)})") from None
    job = partial(extract_batch, model=model, learned=learned, encoder=encoder)
    try:
        width = max(1, sum(client.nthreads().values()))

        def run(articles: list[Article]) -> Iterator[Extraction]:
            futures = client.map(job, _split(articles, width * 2), pure=False) if articles else []
            return (x for future in futures for x in client.gather(future))

        yield run
    finally:
        client.close()

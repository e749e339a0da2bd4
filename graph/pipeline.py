"""The only module that wires the stages: articles -> extractions -> entities/triples -> graphs."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path

import networkx as nx
from rdflib import Graph
from spacy.language import Language

from graph import cache, ingest, nlp
from graph.extract import extract
from graph.extract.classifier import Classifier
from graph.extract.encoder import PairEncoder
from graph.extract.mention_types import Typer
from graph.learned import learned_parts, model_id
from graph.output import export, record, view
from graph.output.network import to_network
from graph.output.rdf import Triples, per_article, to_triples
from graph.output.shapes import shapes
from graph.resolve import resolve
from graph.settings import (
    DEFAULT_BASE,
    DEFAULT_FORMATS,
    DEFAULT_MODEL,
    DEFAULT_THRESHOLD,
    MAX_BYTES,
)
from graph.types import Article, Entity, Extraction, Triple
from graph.vocab import ontology


@dataclass(frozen=True)
class Result:
    """What a build produces: the pieces for notebooks and the graphs for export."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    entities: tuple[Entity, ...]
    triples: tuple[Triple, ...]
    statements: Triples = field(repr=False)
    network: nx.MultiDiGraph = field(repr=False)
    errors: tuple[str, ...] = ()
    extracted: int = 0
    reused: int = 0
    base: str = DEFAULT_BASE

    @cached_property
    def rdf(self) -> Graph:
        """The graph as an rdflib Graph (for SPARQL in a notebook), built on first use: the
        exports are written from `statements`, the same triples without rdflib's store."""
        return self.statements.graph()


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of up to `size` items, lazily (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@contextmanager
def rare_collections(threshold: int = 50_000) -> Iterator[None]:
    """Run Python's cyclic garbage collector less often (used as a decorator on the heavy stages).

    Parsing and extraction allocate millions of short-lived objects; at the default threshold
    (700) the collector keeps re-scanning the loaded model and the extractions, which costs
    about a tenth of a build. Reference counting still frees almost everything at once.
    """
    old = gc.get_threshold()
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


@lru_cache(maxsize=4)
def extractor(model: str, learned: bool, encoder: bool = False) -> tuple[Language, Typer | None, Classifier | None]:
    """The loaded spaCy pipeline, mention typer and relation classifier, with the pair encoder
    when `encoder` (once per process)."""
    parts = learned_parts(model, learned, encoder=encoder)
    typer = Typer.load(parts.typer) if parts.typer else None
    classifier = Classifier.load(parts.classifier) if parts.classifier else None
    if classifier and parts.encoder:
        classifier = replace(classifier, encoder=PairEncoder.load(parts.encoder))
    return nlp.load(model, parts.ner), typer, classifier


Runner = Callable[[list[Article]], Iterable[Extraction]]


@rare_collections()
def extract_batch(articles: list[Article], model: str = DEFAULT_MODEL, learned: bool = True, batch_size: int = 64, encoder: bool = False) -> list[Extraction]:
    """Parse and extract a list of articles in this process (what each worker runs)."""
    pipeline, typer, classifier = extractor(model, learned, encoder)
    return [extract(a, docs, classifier, typer, ingest.article_facts(a)) for a, docs in nlp.parse(articles, pipeline, batch_size)]


def extract_stream(articles: list[Article], model: str = DEFAULT_MODEL, learned: bool = True, batch_size: int = 64, encoder: bool = False) -> Iterator[Extraction]:
    """`extract_batch` yielding each extraction as it is made, so the cache keeps it at once."""
    pipeline, typer, classifier = extractor(model, learned, encoder)
    with rare_collections():
        for a, docs in nlp.parse(articles, pipeline, batch_size):
            yield extract(a, docs, classifier, typer, ingest.article_facts(a))


def extract_cached(
    articles: Iterable[Article],
    model: str = DEFAULT_MODEL,
    cache_dir: Path | None = None,
    learned: bool = True,
    runner: Runner | None = None,
    batch_size: int = 64,
    encoder: bool = False,
) -> Iterator[tuple[Extraction, bool]]:
    """(extraction, came from the cache) per article, in input order.

    Cache misses go to `runner` (default: this process) a batch at a time, so the corpus is
    streamed: only two batches of articles are held while they are being extracted.
    """
    run = runner or (lambda batch: extract_stream(batch, model, learned, batch_size, encoder))
    ident = model_id(model, learned, encoder) if cache_dir else ""

    def start(chunk: list[Article]) -> tuple[list[Article], list[str], list[Extraction | None], Iterator[Extraction]]:
        keys = [cache.key(a, ident) for a in chunk] if cache_dir else []
        hits: list[Extraction | None] = [cache.get(cache_dir, k, a) for k, a in zip(keys, chunk)] if cache_dir else [None] * len(chunk)
        return chunk, keys, hits, iter(run([a for a, hit in zip(chunk, hits) if hit is None]))

    def finish(chunk: list[Article], keys: list[str], hits: list[Extraction | None], fresh: Iterator[Extraction]) -> Iterator[tuple[Extraction, bool]]:
        for i, hit in enumerate(hits):
            if hit is not None:
                yield hit, True
                continue
            extraction = next(fresh)
            if cache_dir:
                cache.put(cache_dir, keys[i], extraction)
            yield extraction, False

    # The next chunk is handed to the runner before this one's extractions are read, so a
    # process pool never waits for the parent between chunks (this process's own runner is lazy).
    started = None
    for chunk in batched(articles, batch_size * 4):
        following = start(chunk)
        if started is not None:
            yield from finish(*started)
        started = following
    if started is not None:
        yield from finish(*started)


def extract_articles(articles: Iterable[Article], model: str = DEFAULT_MODEL, learned: bool = True, encoder: bool = False) -> Iterator[Extraction]:
    """Parse and extract articles as a stream, in input order (no cache)."""
    return (extraction for extraction, _ in extract_cached(articles, model, learned=learned, encoder=encoder))


def resolved_records(articles: Iterable[Article], model: str = DEFAULT_MODEL, learned: bool = True, threshold: float = DEFAULT_THRESHOLD,
                     encoder: bool = False) -> Iterator[tuple[dict, dict[str, str]]]:
    """Each article's `kg extract` record, and the entity each of its mentions resolves to
    (record id -> entity id) when the article is resolved alone: what document-level benchmarks score."""
    for extraction in extract_articles(articles, model, learned, encoder):
        ids = record.mention_ids(extraction, threshold)
        entities, _ = resolve([extraction])
        node = {m: e.id for e in entities for m in e.mentions}
        yield record.record(extraction, threshold), {ids[m]: node.get(m, ids[m]) for m in ids}


def read(inputs: Iterable[str | Path | Article], max_bytes: int = MAX_BYTES, errors: list[str] | None = None, jsonl: bool = False,
         follow_symlinks: bool = False) -> Iterator[Article]:
    """Articles from paths (JSON lines files with `jsonl`; '-' is stdin) and Article objects,
    read lazily; a one-line message for each bad input is appended to `errors`."""
    errors = [] if errors is None else errors
    for item in inputs:
        if isinstance(item, Article):
            yield item
            continue
        try:
            for found in ingest.read_jsonl(str(item), max_bytes) if jsonl else ingest.read_inputs([str(item)], max_bytes, follow_symlinks):
                if isinstance(found, ingest.InputError):
                    errors.append(str(found))
                else:
                    yield found
        except ingest.InputError as err:
            errors.append(str(err))


@rare_collections()
def assemble(
    extractions: Iterable[tuple[Extraction, bool]],
    threshold: float = DEFAULT_THRESHOLD,
    base: str = DEFAULT_BASE,
    errors: Iterable[str] = (),
) -> Result:
    """Resolve (extraction, reused) pairs into entities and triples at or above `threshold`, and build the graphs."""
    pairs = list(extractions)
    done = tuple(x for x, _ in pairs)
    entities, triples = resolve(done)
    kept = tuple(t for t in triples if t.confidence >= threshold)
    articles = tuple(x.article for x in done)
    reused = sum(1 for _, hit in pairs if hit)
    return Result(
        articles=articles,
        extractions=done,
        entities=tuple(entities),
        triples=kept,
        statements=to_triples(articles, entities, kept, base),
        network=to_network(entities, kept),
        errors=tuple(errors),
        extracted=len(pairs) - reused,
        reused=reused,
        base=base,
    )


def build(
    inputs: str | Path | Article | Iterable[str | Path | Article],
    *,
    model: str = DEFAULT_MODEL,
    threshold: float = DEFAULT_THRESHOLD,
    base: str = DEFAULT_BASE,
    max_bytes: int = MAX_BYTES,
    cache_dir: Path | None = None,
    learned: bool = True,
    encoder: bool = False,
    runner: Runner | None = None,
    progress: Callable[[Extraction], None] | None = None,
    follow_symlinks: bool = False,
) -> Result:
    """Build the knowledge graph of articles (paths, directories or Article objects).

    `learned=False` uses the stock model and rules only; `encoder` adds the transformer pair
    encoder to the learned parts. With `cache_dir`, articles extracted before (same text, model and extractor) are reused;
    `runner` extracts elsewhere (see graph.parallel); `progress` is called with each extraction.
    Inputs that cannot be read are listed in `Result.errors`.

    >>> result = build("seeds/")                      # doctest: +SKIP
    >>> result.rdf.query("SELECT ?s WHERE { ?s a <https://schema.org/Organization> }")  # doctest: +SKIP
    """
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    errors: list[str] = []
    pairs = []
    for pair in extract_cached(read(inputs, max_bytes, errors, follow_symlinks=follow_symlinks), model, cache_dir, learned, runner, encoder=encoder):
        pairs.append(pair)
        if progress:
            progress(pair[0])
    return assemble(pairs, threshold, base, errors)


@rare_collections()
def write(result: Result, outdir: Path, formats: Iterable[str] = DEFAULT_FORMATS, title: str = "News knowledge graph", processes: int = 1) -> list[Path]:
    """Write the chosen exports of a build to `outdir` (with ontology.ttl and shapes.ttl); with
    two `processes` or more, the RDF files are written in a second process at the same time."""
    return export.write_all(
        outdir,
        formats,
        result.statements,
        result.network,
        (ontology(), shapes()),
        html=lambda: view.render(result.statements, title),
        dataset=lambda: per_article(result.articles, result.entities, result.triples, result.base),
        processes=processes,
    )

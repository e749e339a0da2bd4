"""The only module that wires the stages: articles -> extractions -> entities/triples -> graphs."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph import cache, ingest, nlp
from graph.output import export, view
from graph.extract import extract
from graph.extract.classifier import Classifier
from graph.extract.mention_types import Typer
from graph.output.network import to_network
from graph.output.rdf import to_dataset, to_rdf
from graph.resolve import resolve
from graph.output.shapes import shapes
from graph.types import Article, Entity, Extraction, Triple
from graph.vocab import DEFAULT_BASE, ontology

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Result:
    """What a build produces: the pieces for notebooks and the graphs for export."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    entities: tuple[Entity, ...]
    triples: tuple[Triple, ...]
    rdf: Graph = field(repr=False)
    network: nx.MultiDiGraph = field(repr=False)
    errors: tuple[str, ...] = ()
    extracted: int = 0
    reused: int = 0
    base: str = DEFAULT_BASE


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of up to `size` items, lazily (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


MODELS = Path(__file__).parent / "models"


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


@dataclass(frozen=True)
class Learned:
    """The trained parts in use: recogniser weights, mention typer, relation classifier, and their fingerprint."""

    ner: Path | None
    typer: Typer | None
    classifier: Classifier | None
    fingerprint: str


@lru_cache(maxsize=4)
def learned_parts(model: str, enabled: bool = True, directory: Path = MODELS) -> Learned:
    """The shipped models, when enabled and present; the recogniser only fits the default model."""
    if not enabled:
        return Learned(None, None, None, "stock")
    ner = directory / "ner" if model == nlp.DEFAULT_MODEL and (directory / "ner").is_dir() else None
    typer = Typer.load(directory / "typer.json") if ner and (directory / "typer.json").is_file() else None  # learned on this recogniser's output
    weights = directory / "relations.json"
    classifier = Classifier.load(weights) if weights.is_file() else None
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()) if directory.is_dir() else []:
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes())
    return Learned(ner, typer, classifier, f"learned:{'ner' if ner else ''}+{'typer' if typer else ''}+{'rel' if classifier else ''}:{digest.hexdigest()[:12]}")


Runner = Callable[[list[Article]], Iterable[Extraction]]


@rare_collections()
def extract_batch(articles: list[Article], model: str = nlp.DEFAULT_MODEL, learned: bool = True, batch_size: int = 64) -> list[Extraction]:
    """Parse and extract a list of articles in this process (what each worker runs)."""
    parts = learned_parts(model, learned)
    pipeline = nlp.load(model, parts.ner)
    return [extract(a, docs, parts.classifier, parts.typer) for a, docs in nlp.parse(articles, pipeline, batch_size)]


def model_id(model: str, learned: bool) -> str:
    """Name, version and learned parts of the pipeline: part of every cache key."""
    parts = learned_parts(model, learned)
    meta = nlp.load(model, parts.ner).meta
    return f"{meta.get('lang')}_{meta.get('name')}@{meta.get('version')}/{parts.fingerprint}"


def extract_cached(
    articles: Iterable[Article],
    model: str = nlp.DEFAULT_MODEL,
    cache_dir: Path | None = None,
    learned: bool = True,
    runner: Runner | None = None,
    batch_size: int = 64,
) -> Iterator[tuple[Extraction, bool]]:
    """(extraction, came from the cache) per article, in input order.

    Cache misses go to `runner` (default: this process) a batch at a time, so the corpus is
    streamed: only one batch of articles is held while it is being extracted.
    """
    run = runner or (lambda batch: extract_batch(batch, model, learned, batch_size))
    ident = model_id(model, learned) if cache_dir else ""
    for chunk in batched(articles, batch_size * 4):
        keys = [cache.key(a, ident) for a in chunk] if cache_dir else []
        hits = [cache.get(cache_dir, k, a) for k, a in zip(keys, chunk)] if cache_dir else [None] * len(chunk)
        fresh = iter(run([a for a, hit in zip(chunk, hits) if hit is None]))
        for i, hit in enumerate(hits):
            if hit is not None:
                yield hit, True
                continue
            extraction = next(fresh)
            if cache_dir:
                cache.put(cache_dir, keys[i], extraction)
            yield extraction, False


def extract_articles(articles: Iterable[Article], model: str = nlp.DEFAULT_MODEL, learned: bool = True) -> Iterator[Extraction]:
    """Parse and extract articles as a stream, in input order (no cache)."""
    return (extraction for extraction, _ in extract_cached(articles, model, learned=learned))


def read(inputs: Iterable[str | Path | Article], max_bytes: int = ingest.MAX_BYTES, errors: list[str] | None = None) -> Iterator[Article]:
    """Articles from paths and Article objects, read lazily; a one-line message for each bad
    input is appended to `errors`."""
    errors = [] if errors is None else errors
    for item in inputs:
        if isinstance(item, Article):
            yield item
            continue
        try:
            for found in ingest.read_inputs([str(item)], max_bytes):
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
    extractions = tuple(x for x, _ in pairs)
    entities, triples = resolve(extractions)
    kept = tuple(t for t in triples if t.confidence >= threshold)
    articles = tuple(x.article for x in extractions)
    reused = sum(1 for _, hit in pairs if hit)
    return Result(
        articles=articles,
        extractions=extractions,
        entities=tuple(entities),
        triples=kept,
        rdf=to_rdf(articles, entities, kept, base),
        network=to_network(entities, kept),
        errors=tuple(errors),
        extracted=len(pairs) - reused,
        reused=reused,
        base=base,
    )


def build(
    inputs: str | Path | Article | Iterable[str | Path | Article],
    *,
    model: str = nlp.DEFAULT_MODEL,
    threshold: float = DEFAULT_THRESHOLD,
    base: str = DEFAULT_BASE,
    max_bytes: int = ingest.MAX_BYTES,
    cache_dir: Path | None = None,
    learned: bool = True,
) -> Result:
    """Build the knowledge graph of articles (paths, directories or Article objects).

    With `cache_dir`, articles extracted before (same text, model and extractor) are reused.

    >>> result = build("seeds/")                      # doctest: +SKIP
    >>> result.rdf.query("SELECT ?s WHERE { ?s a <https://schema.org/Organization> }")  # doctest: +SKIP
    """
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    errors: list[str] = []
    pairs = list(extract_cached(read(inputs, max_bytes, errors), model, cache_dir, learned))
    return assemble(pairs, threshold, base, errors)


@rare_collections()
def write(result: Result, outdir: Path, formats: Iterable[str] = export.DEFAULT_FORMATS, title: str = "News knowledge graph") -> list[Path]:
    """Write the chosen exports of a build to `outdir` (with ontology.ttl and shapes.ttl)."""
    return export.write_all(
        outdir,
        formats,
        result.rdf,
        result.network,
        (ontology(), shapes()),
        html=lambda: view.render(result.rdf, title),
        dataset=lambda: to_dataset(result.articles, result.entities, result.triples, result.base),
    )

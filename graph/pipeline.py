"""The only module that wires the stages: articles -> extractions -> entities/triples -> graphs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph import export, ingest, nlp, view
from graph.extract import extract
from graph.network import to_network
from graph.rdf import to_rdf
from graph.resolve import resolve
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


def extract_articles(articles: Iterable[Article], model: str = nlp.DEFAULT_MODEL) -> Iterator[Extraction]:
    """Parse and extract articles as a stream, in input order."""
    pipeline = nlp.load(model)
    for article, docs in nlp.parse(articles, pipeline):
        yield extract(article, docs)


def read(inputs: Iterable[str | Path | Article], max_bytes: int = ingest.MAX_BYTES) -> tuple[list[Article], list[str]]:
    """Articles from paths and Article objects, with a one-line message for each bad input."""
    articles, errors = [], []
    for item in inputs:
        if isinstance(item, Article):
            articles.append(item)
            continue
        try:
            for found in ingest.read_inputs([str(item)], max_bytes):
                (errors.append(str(found)) if isinstance(found, ingest.InputError) else articles.append(found))
        except ingest.InputError as err:
            errors.append(str(err))
    return articles, errors


def assemble(extractions: Iterable[Extraction], threshold: float = DEFAULT_THRESHOLD, base: str = DEFAULT_BASE, errors: Iterable[str] = ()) -> Result:
    """Resolve extractions into entities and triples at or above `threshold`, and build the graphs."""
    extractions = tuple(extractions)
    entities, triples = resolve(extractions)
    kept = tuple(t for t in triples if t.confidence >= threshold)
    articles = tuple(x.article for x in extractions)
    return Result(
        articles=articles,
        extractions=extractions,
        entities=tuple(entities),
        triples=kept,
        rdf=to_rdf(articles, entities, kept, base),
        network=to_network(entities, kept),
        errors=tuple(errors),
    )


def build(
    inputs: str | Path | Article | Iterable[str | Path | Article],
    *,
    model: str = nlp.DEFAULT_MODEL,
    threshold: float = DEFAULT_THRESHOLD,
    base: str = DEFAULT_BASE,
    max_bytes: int = ingest.MAX_BYTES,
) -> Result:
    """Build the knowledge graph of articles (paths, directories or Article objects).

    >>> result = build("seeds/")                      # doctest: +SKIP
    >>> result.rdf.query("SELECT ?s WHERE { ?s a <https://schema.org/Organization> }")  # doctest: +SKIP
    """
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    articles, errors = read(inputs, max_bytes)
    return assemble(extract_articles(articles, model), threshold, base, errors)


def write(result: Result, outdir: Path, title: str = "News knowledge graph") -> list[Path]:
    """Write every export of a build to `outdir`."""
    return export.write_all(outdir, result.rdf, result.network, ontology(), view.render(result.network, title))

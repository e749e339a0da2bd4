"""Write the graph to files: Turtle, N-Triples, JSON-LD, TriG, GraphML, HTML, ontology, shapes.

Every file is written to a temporary name in the same directory and renamed, so a reader
(or a crash) never sees half a file. Serialisations are made byte-stable: the same graph
gives the same bytes whatever the order of input or the Python hash seed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.atomic import write_atomic
from graph.settings import GRAPH_FORMATS
from graph.vocab import KG, SCHEMA

_PREFIXES = {"rdf", "rdfs", "xsd", "owl", "kg", "schema", "prov", "wdt"}  # entity IRIs stay whole: every Turtle reader takes them

JSONLD_CONTEXT = {
    "kg": str(KG),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def turtle(graph: Graph) -> str:
    """Turtle by rdflib (for small graphs with blank nodes: the ontology and the shapes)."""
    return graph.serialize(format="turtle")


def oxigraph_triples(graph: Graph) -> list[pyoxigraph.Triple]:
    """The graph's triples as Oxigraph terms, sorted, for fast byte-stable writing (no blank nodes)."""
    return sorted((pyoxigraph.Triple(*map(_term, triple)) for triple in graph), key=str)


def _term(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(term, language=term.language)
        return pyoxigraph.Literal(term, datatype=pyoxigraph.NamedNode(term.datatype) if term.datatype else None)
    raise ValueError(f"cannot write {term!r}: the knowledge graph has no blank nodes")


def graph_turtle(graph: Graph, triples: list[pyoxigraph.Triple]) -> str:
    """Turtle of the knowledge graph, written by Oxigraph (several times faster than rdflib)
    from the sorted triples, so the bytes are stable; `graph` gives the prefixes."""
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix in _PREFIXES}
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=dict(sorted(prefixes.items()))).decode("utf-8")


def _compact(iri: str) -> str:
    """'https://schema.org/name' -> 'schema:name' for the prefixes of JSONLD_CONTEXT."""
    for prefix, namespace in JSONLD_CONTEXT.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def jsonld(triples: list[pyoxigraph.Triple]) -> str:
    """JSON-LD with an @context of the project's prefixes: Oxigraph writes expanded JSON-LD
    of the sorted triples, whose property names and datatypes are then shortened to compact
    IRIs (same triples)."""
    nodes = json.loads(pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.JSON_LD))
    for node in nodes:
        for key in [k for k in node if not k.startswith("@")]:
            values = node.pop(key)
            for value in values:
                if "@type" in value:
                    value["@type"] = _compact(value["@type"])
            node[_compact(key)] = values
    return json.dumps({"@context": JSONLD_CONTEXT, "@graph": nodes}, indent=2, ensure_ascii=False) + "\n"


def graphml(network: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(network, prettyprint=True)) + "\n"


def ntriples(graph: Graph) -> str:
    """N-Triples, one statement a line, sorted (rdflib writes them in hash order)."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def trig(dataset: Dataset) -> str:
    return dataset.serialize(format="trig")




def write_all(outdir: Path, formats: Iterable[str], rdf: Graph, network: nx.MultiDiGraph, vocabulary: tuple[Graph, Graph], html: Callable[[], str], dataset: Callable[[], Dataset]) -> list[Path]:
    """Write the chosen exports plus ontology.ttl and shapes.ttl to `outdir`; returns the paths.

    `html` and `dataset` are called only when their format is chosen.
    """
    triples = cache(lambda: oxigraph_triples(rdf))  # shared by Turtle and JSON-LD
    makers = {
        "ttl": ("graph.ttl", lambda: graph_turtle(rdf, triples())),
        "nt": ("graph.nt", lambda: ntriples(rdf)),
        "jsonld": ("graph.jsonld", lambda: jsonld(triples())),
        "trig": ("graph.trig", lambda: trig(dataset())),
        "graphml": ("graph.graphml", lambda: graphml(network)),
        "html": ("graph.html", html),
    }
    files = {makers[f][0]: makers[f][1] for f in GRAPH_FORMATS if f in set(formats)}
    files["ontology.ttl"] = lambda: turtle(vocabulary[0])
    files["shapes.ttl"] = lambda: turtle(vocabulary[1])
    for name, make in files.items():
        write_atomic(outdir / name, make())
    return [outdir / name for name in files]

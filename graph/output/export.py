"""Write the graph to files: Turtle, N-Triples, JSON-LD, TriG, GraphML, HTML, ontology, shapes.

Every file is written to a temporary name in the same directory and renamed, so a reader
(or a crash) never sees half a file. Serialisations are made byte-stable: the same graph
gives the same bytes whatever the order of input or the Python hash seed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from multiprocessing.connection import Connection
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.atomic import replaced_dir, write_atomic
from graph.lifetime import die_with_parent
from graph.output.rdf import Triples
from graph.output.view import COLOURS
from graph.settings import GRAPH_FORMATS
from graph.vocab import KG, SCHEMA

_PREFIXES = {"rdf", "rdfs", "xsd", "owl", "kg", "schema", "prov", "wdt"}  # entity IRIs stay whole: every Turtle reader takes them

JSONLD_PREFIXES = {
    "kg": str(KG),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_RDF_TYPE = JSONLD_PREFIXES["rdf"] + "type"
_XSD_STRING = JSONLD_PREFIXES["xsd"] + "string"
_XSD_INTEGER = JSONLD_PREFIXES["xsd"] + "integer"


def turtle(graph: Graph) -> str:
    """Turtle by rdflib (for small graphs with blank nodes: the ontology and the shapes)."""
    return graph.serialize(format="turtle")


def oxigraph_triples(graph: Graph | Triples) -> list[pyoxigraph.Triple]:
    """The graph's triples as Oxigraph terms, sorted, for fast byte-stable writing (no blank nodes)."""
    term = _converter()
    return sorted((pyoxigraph.Triple(term(s), term(p), term(o)) for s, p, o in graph), key=str)


def oxigraph_quads(named: Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]]) -> list[pyoxigraph.Quad]:
    """(graph name, triples) pairs as Oxigraph quads, each once, sorted (no blank nodes)."""
    term = _converter()
    quads = {pyoxigraph.Quad(term(s), term(p), term(o), term(name)) for name, triples in named for s, p, o in triples}
    return sorted(quads, key=str)


def _converter() -> Callable[[Node], pyoxigraph.NamedNode | pyoxigraph.Literal]:
    """`_term` that converts each distinct term once (IRIs and predicates recur thousands of times)."""
    seen: dict[Node, pyoxigraph.NamedNode | pyoxigraph.Literal] = {}

    def convert(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
        found = seen.get(term)
        if found is None:
            found = seen[term] = _term(term)
        return found

    return convert


def _term(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(term, language=term.language)
        return pyoxigraph.Literal(term, datatype=pyoxigraph.NamedNode(term.datatype) if term.datatype else None)
    raise ValueError(f"cannot write {term!r}: the knowledge graph has no blank nodes")


def graph_turtle(graph: Graph | Triples, triples: list[pyoxigraph.Triple]) -> str:
    """Turtle of the knowledge graph, written by Oxigraph (several times faster than rdflib)
    from the sorted triples, so the bytes are stable; `graph` gives the prefixes."""
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=_prefixes(graph)).decode("utf-8")


def _prefixes(graph: Graph | Triples) -> dict[str, str]:
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix in _PREFIXES}
    return dict(sorted(prefixes.items()))


@lru_cache(maxsize=1 << 16)  # an entity's IRI recurs once per fact and mention
def _prefixed(iri: str) -> str:
    """'https://example.org/news-kg/ontology#worksFor' -> 'kg:worksFor' for the known prefixes; others stay whole."""
    for prefix, namespace in JSONLD_PREFIXES.items():
        if iri.startswith(namespace) and iri[len(namespace):].isalnum():
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


@lru_cache(maxsize=1 << 10)
def _compact(iri: str) -> str:
    """A key or type: schema.org terms bare ('Person', 'worksFor': schema.org is the @vocab), others prefixed."""
    prefixed = _prefixed(iri)
    return prefixed.removeprefix("schema:")


def _coercion(objects: list[pyoxigraph.NamedNode | pyoxigraph.Literal]) -> str | None:
    """How a property's values are written: '@id' (IRIs), '@number' (JSON integers), a datatype
    (strings of it), '@string' (plain strings) or None (JSON-LD value objects, for mixed values)."""
    kinds = set()
    for o in objects:
        if isinstance(o, pyoxigraph.NamedNode):
            kinds.add("@id")
        elif o.language:
            kinds.add(None)
        elif o.datatype.value == _XSD_STRING:
            kinds.add("@string")
        elif o.datatype.value == _XSD_INTEGER and o.value.lstrip("-").isdigit() and str(int(o.value)) == o.value and abs(int(o.value)) < 2**53:
            kinds.add("@number")
        else:
            kinds.add(o.datatype.value)
    return kinds.pop() if len(kinds) == 1 else None


def _jsonld_value(o: pyoxigraph.NamedNode | pyoxigraph.Literal, coercion: str | None) -> object:
    if coercion == "@id":
        return _prefixed(o.value)
    if coercion == "@number":
        return int(o.value)
    if coercion is not None:
        return o.value
    if isinstance(o, pyoxigraph.NamedNode):
        return {"@id": o.value}
    if o.language:
        return {"@value": o.value, "@language": o.language}
    if o.datatype.value == _XSD_STRING:
        return {"@value": o.value}
    return {"@value": o.value, "@type": _prefixed(o.datatype.value)}


def jsonld(triples: list[pyoxigraph.Triple]) -> str:
    """Compact JSON-LD: schema.org as the vocabulary ("@type": "Organization", "worksFor"),
    the project's own terms as kg:..., a context that says which properties hold IRIs, numbers
    or decimals, so values are plain JSON; one value unwrapped, several as a sorted list.

    The same triples as the Turtle (a test reads both back and compares them)."""
    by_property: dict[str, list] = {}
    nodes: dict[str, dict[str, list]] = {}
    for t in triples:
        by_property.setdefault(t.predicate.value, []).append(t.object)
        nodes.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    coercions = {p: _coercion(objects) for p, objects in by_property.items() if p != _RDF_TYPE}
    context: dict[str, object] = {"@vocab": str(SCHEMA), **JSONLD_PREFIXES}
    for prop, coercion in sorted(coercions.items(), key=lambda item: _compact(item[0])):
        if coercion not in (None, "@string", "@number"):
            context[_compact(prop)] = {"@id": _prefixed(prop), "@type": coercion if coercion == "@id" else _prefixed(coercion)}
    graph = []
    for subject in sorted(nodes):
        node: dict[str, object] = {"@id": subject}
        properties = nodes[subject]
        if _RDF_TYPE in properties:
            types = [_compact(o.value) for o in properties[_RDF_TYPE]]
            node["@type"] = types[0] if len(types) == 1 else types
        for prop in sorted((p for p in properties if p != _RDF_TYPE), key=_compact):
            values = [_jsonld_value(o, coercions[prop]) for o in properties[prop]]
            node[_compact(prop)] = values[0] if len(values) == 1 else values
        graph.append(node)
    return json.dumps({"@context": context, "@graph": graph}, indent=2, ensure_ascii=False) + "\n"


GRAPHML_NODE_KEYS = (("label", "string"), ("type", "string"), ("aliases", "string"), ("mentions", "int"),
                     ("entity", "string"), ("r", "int"), ("g", "int"), ("b", "int"))
GRAPHML_EDGE_KEYS = (("label", "string"), ("relation", "string"), ("weight", "double"), ("confidence", "double"), ("role", "string"),
                     ("support", "int"), ("evidence", "string"), ("articles", "string"))
GRAPHML_GREY = "#9d9d9d"


def graphml_id(entity_id: str) -> str:
    """A GraphML node id (an XML NMTOKEN: no '/'): 'organization/acme' -> 'organization:acme'."""
    return entity_id.replace("/", ":")


def _graphml_values(kind: str, attrs: dict, extra: dict) -> list[str]:
    keys = GRAPHML_NODE_KEYS if kind == "node" else GRAPHML_EDGE_KEYS
    values = {**attrs, **extra}
    lines = []
    for name, _ in keys:
        value = values.get(name)
        if value is not None and value != "":
            lines.append(f'      <data key="{kind}.{name}">{escape(str(value))}</data>')
    return lines


def graphml(network: nx.MultiDiGraph) -> str:
    """GraphML valid against the GraphML schema, in Gephi's conventions.

    Node ids are entity ids with ':' for '/', edge ids e0, e1, ... in sorted order; nodes have
    `label`, `type`, the colour of their type as `r`, `g`, `b` and the entity id; edges have
    `label` (the relation), `weight` (the number of evidence sentences), confidence, role,
    every evidence sentence and the ids of the articles they come from (one a line).
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for kind, keys in (("node", GRAPHML_NODE_KEYS), ("edge", GRAPHML_EDGE_KEYS)):
        lines += [f'  <key id="{kind}.{name}" for="{kind}" attr.name="{name}" attr.type="{kind_}"/>' for name, kind_ in keys]
    lines.append('  <graph id="G" edgedefault="directed">')
    for node, attrs in sorted(network.nodes(data=True)):
        colour = COLOURS.get(attrs.get("type", ""), GRAPHML_GREY)
        rgb = {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}
        lines.append(f'    <node id={quoteattr(graphml_id(node))}>')
        lines += _graphml_values("node", attrs, {"label": attrs.get("name"), "entity": node, **rgb})
        lines.append("    </node>")
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    for number, (source, target, key, attrs) in enumerate(edges):
        lines.append(f'    <edge id="e{number}" source={quoteattr(graphml_id(source))} target={quoteattr(graphml_id(target))}>')
        lines += _graphml_values("edge", attrs, {"label": attrs.get("relation", key), "weight": attrs.get("support")})
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def ntriples(graph: Graph | Triples) -> str:
    """N-Triples, one statement a line, sorted (rdflib writes them in hash order)."""
    g = graph if isinstance(graph, Graph) else graph.graph()
    lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def trig(quads: list[pyoxigraph.Quad], prefixes: Graph | Triples) -> str:
    """TriG of the named graphs, written by Oxigraph from the sorted quads, so the bytes are stable."""
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=_prefixes(prefixes)).decode("utf-8")


_RDF_FILES = frozenset({"graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"})


def _write_files(folder: Path, files: dict[str, Callable[[], str]]) -> None:
    for name, make in files.items():
        write_atomic(folder / name, make())


def _write_reporting(folder: Path, files: dict[str, Callable[[], str]], report: Connection, parent: int) -> None:
    """A forked writer's work: write the files, then send None, or the error that stopped it."""
    die_with_parent(parent)
    try:
        _write_files(folder, files)
    except Exception as err:  # handed to the parent, which raises it
        report.send(err if isinstance(err, OSError) else RuntimeError(f"{type(err).__name__}: {err}"))
    else:
        report.send(None)


def _write_two_at_once(folder: Path, files: dict[str, Callable[[], str]]) -> None:
    """Write the RDF serialisations in a forked process (it shares the graph, copy-on-write)
    while this one writes the others (the view, GraphML, ontology and shapes): two halves
    of about the same cost."""
    theirs = {name: make for name, make in files.items() if name in _RDF_FILES}
    ours = {name: make for name, make in files.items() if name not in _RDF_FILES}
    if not theirs or not ours:
        _write_files(folder, files)
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_write_reporting, args=(folder, theirs, send, os.getpid()))
    child.start()
    send.close()
    try:
        _write_files(folder, ours)
        try:
            error = receive.recv()
        except EOFError:  # it died without a word (killed)
            child.join()
            error = OSError(f"the writer of {', '.join(theirs)} stopped (exit code {child.exitcode})")
    finally:
        child.kill()
        child.join()
        receive.close()
    if error is not None:
        raise error


def write_all(outdir: Path, formats: Iterable[str], rdf: Graph | Triples, network: nx.MultiDiGraph, vocabulary: tuple[Graph, Graph],
              html: Callable[[], str], dataset: Callable[[], Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]]],
              processes: int = 1) -> list[Path]:
    """Write the chosen exports plus ontology.ttl and shapes.ttl to `outdir`; returns the paths.

    The set is written into a fresh folder that replaces `outdir` in one rename (other files
    in `outdir` are kept), so no reader or crash ever sees exports from two different builds.
    With two `processes` or more, two write at once.

    `html` (the page) and `dataset` (the named graphs: (name, triples) pairs) are called only
    when their format is chosen.
    """
    triples = cache(lambda: oxigraph_triples(rdf))  # shared by Turtle and JSON-LD
    makers = {
        "ttl": ("graph.ttl", lambda: graph_turtle(rdf, triples())),
        "nt": ("graph.nt", lambda: ntriples(rdf)),
        "jsonld": ("graph.jsonld", lambda: jsonld(triples())),
        "trig": ("graph.trig", lambda: trig(oxigraph_quads(dataset()), rdf)),
        "graphml": ("graph.graphml", lambda: graphml(network)),
        "html": ("graph.html", html),
    }
    files = {makers[f][0]: makers[f][1] for f in GRAPH_FORMATS if f in set(formats)}
    files["ontology.ttl"] = lambda: turtle(vocabulary[0])
    files["shapes.ttl"] = lambda: turtle(vocabulary[1])
    with replaced_dir(outdir) as fresh:
        (_write_two_at_once if processes > 1 else _write_files)(fresh, files)
    return [outdir / name for name in files]

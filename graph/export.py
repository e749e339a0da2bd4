"""Write the graph to files: Turtle, JSON-LD, GraphML, HTML and the ontology, atomically.

Every file is written to a temporary name in the same directory and renamed, so a reader
(or a crash) never sees half a file. Serialisations are made byte-stable: the same graph
gives the same bytes whatever the order of input or the Python hash seed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph.vocab import KG, SCHEMA

_UMASK = os.umask(0)
os.umask(_UMASK)

JSONLD_CONTEXT = {
    "kg": str(KG),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def write_atomic(path: Path, data: str) -> None:
    """Write text to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def _sorted_json(value: object) -> object:
    """Sort JSON-LD arrays (unordered sets of values) so the text is stable."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def jsonld(graph: Graph) -> str:
    data = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
    return json.dumps(_sorted_json(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def graphml(network: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(network, prettyprint=True)) + "\n"


def write_all(outdir: Path, rdf: Graph, network: nx.MultiDiGraph, ontology: Graph, html: str) -> list[Path]:
    """Write every export to `outdir`; returns the paths written."""
    files = {
        "graph.ttl": turtle(rdf),
        "graph.jsonld": jsonld(rdf),
        "graph.graphml": graphml(network),
        "graph.html": html,
        "ontology.ttl": turtle(ontology),
    }
    for name, data in files.items():
        write_atomic(outdir / name, data)
    return [outdir / name for name in files]

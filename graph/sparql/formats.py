"""RDF file formats by suffix: the one table for reading with rdflib, loading into Oxigraph and uploading."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

_BY_SUFFIX = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".jsonld": pyoxigraph.RdfFormat.JSON_LD,
    ".json": pyoxigraph.RdfFormat.JSON_LD,
    ".rdf": pyoxigraph.RdfFormat.RDF_XML,
    ".xml": pyoxigraph.RdfFormat.RDF_XML,
}
_RDFLIB = {
    pyoxigraph.RdfFormat.TURTLE: "turtle",
    pyoxigraph.RdfFormat.N_TRIPLES: "nt",
    pyoxigraph.RdfFormat.N_QUADS: "nquads",
    pyoxigraph.RdfFormat.TRIG: "trig",
    pyoxigraph.RdfFormat.JSON_LD: "json-ld",
    pyoxigraph.RdfFormat.RDF_XML: "xml",
}


def rdf_format(path: Path) -> pyoxigraph.RdfFormat:
    """The format a file's suffix says (Turtle when it says nothing we know)."""
    return _BY_SUFFIX.get(path.suffix.lower(), pyoxigraph.RdfFormat.TURTLE)


def rdflib_format(path: Path) -> str:
    """rdflib's name of the file's format.

    >>> rdflib_format(Path("graph.jsonld")), rdflib_format(Path("graph.ttl"))
    ('json-ld', 'turtle')
    """
    return _RDFLIB[rdf_format(path)]


def media_type(path: Path) -> str:
    """The media type to upload the file with.

    >>> media_type(Path("graph.nt"))
    'application/n-triples'
    """
    return rdf_format(path).media_type

"""An on-disk Oxigraph store for graphs too big to reload from files for every query."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pyoxigraph
from rdflib import Graph
from rdflib.query import Result

from graph.atomic import replaced_dir
from graph.errors import KgError, one_line
from graph.sparql.formats import rdf_format
from graph.sparql.vet import uses_service
from graph.vocab import bind_prefixes


class StoreError(KgError):
    """A store that cannot be opened or a query it cannot run; the message is one line."""


def load_file(directory: Path, source: Path, replace: bool = True) -> int:
    """Load an RDF file into the store at `directory` (cleared first); returns its size in triples."""
    from graph.sparql.query import QueryError, check_offline

    fmt = rdf_format(source)
    try:
        check_offline(source, {".jsonld": "json-ld", ".rdf": "xml"}.get(source.suffix.lower(), ""))
    except QueryError as err:
        raise StoreError(str(err)) from None
    try:
        store = pyoxigraph.Store(str(directory))
        if replace:
            store.clear()
        store.bulk_load(path=str(source), format=fmt)
        store.flush()
        return len(store)
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{source}: cannot load into {directory} ({one_line(err, 300)})") from None


def write_graph(directory: Path, graph: Graph) -> int:
    """Replace the store with one holding an rdflib graph: built beside the old store and
    swapped in with one rename, so a kill or a full disk leaves the old store whole."""
    try:
        with replaced_dir(directory, carry=False) as fresh:
            store = pyoxigraph.Store(str(fresh))
            store.bulk_load(input=graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
            store.flush()
            size = len(store)
            del store  # closed before the swap
        return size
    except OSError as err:
        raise StoreError(f"{directory}: cannot write store ({one_line(err, 300)})") from None


def with_prefixes(query: str) -> str:
    """Declare the project's usual prefixes (kg:, schema:, rdfs:, ...) that a query uses but omits."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w-]*):", query, flags=re.IGNORECASE)}
    graph = bind_prefixes(Graph())
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in sorted(graph.namespaces()) if p and p.lower() not in declared]
    return "\n".join(lines + [query])


def query(directory: Path, sparql: str) -> Result:
    """Run a query against the store; the answer comes back as an rdflib Result."""
    if not (directory / "CURRENT").exists() and not any(directory.glob("*.sst")):
        raise StoreError(f"{directory}: not an Oxigraph store (build one with kg build --store)")
    if uses_service(sparql):
        raise StoreError("SERVICE is not allowed: kg query makes no requests to other servers")
    try:
        store = pyoxigraph.Store.read_only(str(directory))
        answer = store.query(with_prefixes(sparql))
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"query failed: {one_line(err, 300)}") from None
    if isinstance(answer, pyoxigraph.QueryTriples):
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=answer.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
        return result
    data = answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
    return Result.parse(io.BytesIO(data), format="json")

"""SPARQL over a graph file, result formatting, and summary statistics of a graph file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins import sparql as sparql_settings
from rdflib.query import Result

from graph.centrality import entity_facts, entity_network, pagerank
from graph.errors import KgError, one_line
from graph.names import near_duplicates
from graph.sparql.formats import rdflib_format
from graph.sparql.vet import uses_service
from graph.vocab import CLASSES, KG, RELATIONS, bind_prefixes

FORMATS = ("table", "csv", "tsv", "json")


class QueryError(KgError):
    """A graph that cannot be read or a query that cannot run; the message is one line."""


def _context_references(data: object) -> str | None:
    """The first @context or @import in a JSON-LD document that names another document, if any."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@import" and isinstance(value, str):
                    return value
                if key == "@context":
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            return context
                stack.append(value)
    return None


def check_offline(path: Path, fmt: str) -> None:
    """Refuse what would make a parser fetch or expand something: remote or file JSON-LD
    contexts, and XML entity declarations (the "billion laughs")."""
    if fmt not in ("xml", "json-ld"):
        return
    try:
        head = path.read_bytes()
    except OSError as err:
        raise QueryError(f"{path}: cannot read ({err.strerror})") from None
    if fmt == "xml" and (b"<!ENTITY" in head or "<!ENTITY".encode("utf-16-le") in head or "<!ENTITY".encode("utf-16-be") in head):
        raise QueryError(f"{path}: RDF/XML with entity declarations (<!ENTITY) is refused")
    if fmt == "json-ld":
        try:
            data = json.loads(head)
        except (ValueError, RecursionError) as err:
            raise QueryError(f"{path}: not valid json-ld ({one_line(err) if not isinstance(err, RecursionError) else 'nested too deeply'})") from None
        reference = _context_references(data)
        if reference is not None:
            raise QueryError(f"{path}: JSON-LD context {one_line(reference, 100)!r} is another document; kg reads only self-contained JSON-LD (no fetching)")


def load_graph(path: Path) -> Graph:
    """Parse an RDF file; the format is taken from its suffix (Turtle by default). Nothing is fetched."""
    if not path.is_file():
        raise QueryError(f"{path}: no such file")
    fmt = rdflib_format(path)
    check_offline(path, fmt)
    try:
        return bind_prefixes(Graph()).parse(path, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        raise QueryError(f"{path}: not valid {fmt} ({one_line(err)})") from None


def _existing_file(text: str) -> bool:
    """Whether `text` names an existing file (False for anything no file can be called)."""
    try:
        return "\n" not in text and Path(text).is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL byte
        return False


def query_text(query: str) -> str:
    """A query given inline, or read from a file when `query` names an existing one.

    A query string is never taken as a path unless that file exists; a lone word ending in
    '.rq' that names no file is reported as a missing query file.
    """
    if _existing_file(query):
        try:
            return Path(query).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(f"{query}: cannot read query file ({one_line(err)})") from None
    if query.strip().endswith(".rq") and len(query.split()) == 1:
        raise QueryError(f"{query.strip()}: no such query file")
    return query


def run(graph: Graph, query: str) -> Result:
    """Run a query with rdflib; the project's prefixes (kg:, schema:, ...) are known even when the
    file binds others. SERVICE is refused, so the query makes no request."""
    if uses_service(query):
        raise QueryError("SERVICE is not allowed: kg query makes no requests to other servers")
    sparql_settings.SPARQL_LOAD_GRAPHS = False  # FROM <iri> names a graph; it never makes rdflib fetch one
    try:
        result = graph.query(query, initNs=dict(bind_prefixes(Graph()).namespaces()))
        if result.type == "SELECT":
            _ = result.bindings  # rdflib evaluates lazily: evaluate here, where errors become one line
        return result
    except Exception as err:  # pyparsing and rdflib evaluation errors
        raise QueryError(f"query failed: {one_line(err, 300)}") from None


def _cell(graph: Graph, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        spaces = [(p, str(ns)) for p, ns in graph.namespaces() if str(value).startswith(str(ns)) and p]
        if spaces:
            prefix, ns = max(spaces, key=lambda pn: len(pn[1]))
            return f"{prefix}:{str(value)[len(ns):]}"
        return f"<{value}>"
    return str(value)


def _tsv_term(value: object) -> str:
    """A term in SPARQL TSV results: IRIs in <>, literals quoted (tabs and newlines escaped) with language or datatype."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, BNode):
        return f"_:{value}"
    literal = Literal(value) if not isinstance(value, Literal) else value
    text = str(literal).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if literal.language:
        return f'"{text}"@{literal.language}'
    if literal.datatype and literal.datatype != XSD.string:
        return f'"{text}"^^<{literal.datatype}>'
    return f'"{text}"'


def _tsv(result: Result) -> str:
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(_tsv_term(row[i]) for i in range(len(result.vars))) for row in result]
    return "\n".join(lines) + "\n"


def format_result(graph: Graph, result: Result, fmt: str = "table") -> str:
    """SELECT/ASK results as an aligned text table, or as SPARQL CSV/TSV/JSON results; a
    CONSTRUCT/DESCRIBE graph as Turtle (table) or JSON-LD (json)."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        if fmt in {"csv", "tsv"}:
            raise QueryError(f"{fmt.upper()} is for SELECT and ASK results; a {result.type} query gives a graph: use --format table (Turtle) or json (JSON-LD)")
        return result.serialize(format="json-ld" if fmt == "json" else "turtle").decode("utf-8")
    if result.type == "ASK" and fmt != "json":
        answer = bool(result.askAnswer)
        return ("yes\n" if answer else "no\n") if fmt == "table" else ("true\n" if answer else "false\n")
    if fmt == "tsv":
        return _tsv(result)
    if fmt in {"csv", "json"}:
        text = result.serialize(format=fmt).decode("utf-8")
        return text if text.endswith("\n") else text + "\n"
    header = [str(v) for v in result.vars]
    rows = [[_cell(graph, row[i]) for i in range(len(header))] for row in result]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def stats(graph: Graph, top: int = 10) -> str:
    """Counts per entity type and relation, the most central entities (PageRank), and entities
    whose names suggest they may be one thing (merges resolution was not sure enough to make)."""
    classes = {v: k for k, v in CLASSES.items()}
    types = Counter(classes[o] for o in graph.objects(None, RDF.type) if o in classes)
    relations = Counter(str(p).removeprefix(str(KG)) for _, p, _ in graph if str(p).startswith(str(KG)) and str(p).removeprefix(str(KG)) in RELATIONS)
    entities, facts = entity_facts(graph)
    network = entity_network(entities, facts)
    ranks = pagerank(network)
    names = {s: str(graph.value(s, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) or s) for s in entities}
    lines = ["entities by type:"]
    lines += [f"  {t:<15} {n}" for t, n in sorted(types.items())]
    lines += ["relations:"]
    lines += [f"  {r:<20} {n}" for r, n in sorted(relations.items())]
    lines += [f"most central (PageRank, degree), top {top}:"]
    ranked = sorted(ranks, key=lambda e: (-ranks[e], names[e]))[:top]
    lines += [f"  {ranks[e]:.3f}  {network.degree(e):>3}  {names[e]}" for e in ranked]
    doubtful = near_duplicates({names[e]: kind for e, kind in entities.items()})
    lines += [f"possible duplicates (names that may be one thing): {len(doubtful)}"]
    lines += [f"  {a}  ~  {b}" for a, b in doubtful]
    return "\n".join(lines) + "\n"

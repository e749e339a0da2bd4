"""RDF graph -> a property graph for Neo4j: CSV files for `neo4j-admin database import` and a Cypher script.

Nodes are the entities (labels Person, Organization, Place) and the articles (Article); a
fact is one relationship (type WORKS_FOR for kg:worksFor, ...) with its confidence, role,
number of evidence sentences, the sentences (one a line) and the ids of the articles they
come from. Files are split by node label and by (relationship type, start label, end label),
so databases that want typed tables (Kùzu) load the same files. Rows are sorted: the same
graph gives the same bytes.

    neo4j-admin database import full --multiline-fields=true \\
        --nodes=Person=nodes_Person.csv ... --relationships=WORKS_FOR=rels_WORKS_FOR_Person_Organization.csv ...
    cypher-shell -f graph.cypher          # or: load into a running database with the script
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from graph.atomic import replaced_dir, write_atomic
from graph.vocab import CLASSES, KG, RELATIONS, SCHEMA

LABELS = {CLASSES["Person"]: "Person", CLASSES["Organization"]: "Organization", CLASSES["Place"]: "Place", CLASSES["NewsArticle"]: "Article"}
NODE_COLUMNS = {
    "Person": ("name", "aliases", "mentions:int"),
    "Organization": ("name", "aliases", "mentions:int"),
    "Place": ("name", "aliases", "mentions:int"),
    "Article": ("headline", "identifier", "datePublished", "url"),
}
REL_COLUMNS = ("relation", "confidence:float", "role", "support:int", "evidence", "articles")


def rel_type(relation: str) -> str:
    """'worksFor' -> 'WORKS_FOR' (Neo4j's convention for relationship types)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", relation).upper()


def _text(g: Graph, node: URIRef, prop: URIRef) -> str:
    value = g.value(node, prop)
    return "" if value is None else str(value)


def _nodes(g: Graph) -> dict[str, dict[str, dict[str, str]]]:
    """label -> node IRI -> column -> value."""
    nodes: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for node, cls in g.subject_objects(RDF.type):
        label = LABELS.get(cls)
        if label is None or not isinstance(node, URIRef):
            continue
        if label == "Article":
            row = {"headline": _text(g, node, SCHEMA.headline), "identifier": _text(g, node, SCHEMA.identifier),
                   "datePublished": _text(g, node, SCHEMA.datePublished), "url": _text(g, node, SCHEMA.url)}
        else:
            aliases = sorted(str(a) for a in g.objects(node, SCHEMA.alternateName))
            row = {"name": _text(g, node, SCHEMA.name), "aliases": "; ".join(aliases), "mentions:int": _text(g, node, KG.mentionCount) or "0"}
        nodes[label][str(node)] = row
    return nodes


def _facts(g: Graph, label_of: dict[str, str]) -> dict[tuple[str, str, str], list[dict[str, str]]]:
    """(type, start label, end label) -> rows of :START_ID, :END_ID and REL_COLUMNS."""
    evidence: dict[tuple, list[tuple[str, float, str, str]]] = defaultdict(list)
    for st in g.subjects(RDF.type, RDF.Statement):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        confidence = g.value(st, KG.confidence)
        evidence[key].append((_text(g, st, KG.sentence), float(confidence.toPython()) if isinstance(confidence, Literal) else 0.0,
                              _text(g, st, KG.role), _text(g, st, PROV.wasDerivedFrom)))
    facts: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for relation in RELATIONS:
        for s, o in g.subject_objects(KG[relation]):
            if str(s) not in label_of or str(o) not in label_of:
                continue
            found = sorted(evidence.get((s, KG[relation], o), []))
            row = {":START_ID": str(s), ":END_ID": str(o), "relation": relation,
                   "confidence:float": f"{max((c for _, c, _, _ in found), default=0.0):.2f}",
                   "role": next((r for _, _, r, _ in found if r), ""), "support:int": str(len(found)),
                   "evidence": "\n".join(sentence for sentence, _, _, _ in found),
                   "articles": "; ".join(sorted({article for _, _, _, article in found if article}))}
            facts[(rel_type(relation), label_of[str(s)], label_of[str(o)])].append(row)
    return facts


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _cypher_value(value: str, column: str) -> str:
    if column.endswith(":int"):
        return str(int(value or 0))
    if column.endswith(":float"):
        return repr(float(value or 0))
    return json.dumps(value, ensure_ascii=False)


def _cypher_map(row: dict[str, str], columns: tuple[str, ...]) -> str:
    return "{" + ", ".join(f"{c.split(':')[0]}: {_cypher_value(row[c], c)}" for c in columns) + "}"


def write_neo4j(g: Graph, outdir: Path) -> list[Path]:
    """Write nodes_*.csv, rels_*.csv and graph.cypher to `outdir`; returns the paths."""
    nodes = _nodes(g)
    label_of = {iri: label for label, by_iri in nodes.items() for iri in by_iri}
    facts = _facts(g, label_of)
    files: dict[str, str] = {}
    script = ["// Load with cypher-shell -f graph.cypher (or paste into Neo4j Browser). Written by kg export --format neo4j.",
              *[f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;" for label in sorted(nodes)]]
    for label in sorted(nodes):
        columns = NODE_COLUMNS[label]
        rows = sorted(nodes[label].items())
        files[f"nodes_{label}.csv"] = _csv(["id:ID", *columns], [[iri, *(row[c] for c in columns)] for iri, row in rows])
        for iri, row in rows:
            script.append(f"CREATE (:{label} {{id: {json.dumps(iri)}, {_cypher_map(row, columns)[1:]});")
    for (kind, start, end) in sorted(facts):
        edges: list[dict[str, str]] = sorted(facts[(kind, start, end)], key=lambda r: (r[":START_ID"], r[":END_ID"]))
        files[f"rels_{kind}_{start}_{end}.csv"] = _csv([":START_ID", ":END_ID", *REL_COLUMNS], [[r[":START_ID"], r[":END_ID"], *(r[c] for c in REL_COLUMNS)] for r in edges])
        for r in edges:
            script.append(f"MATCH (a:{start} {{id: {json.dumps(r[':START_ID'])}}}), (b:{end} {{id: {json.dumps(r[':END_ID'])}}}) "
                          f"CREATE (a)-[:{kind} {_cypher_map(r, REL_COLUMNS)}]->(b);")
    files["graph.cypher"] = "\n".join(script) + "\n"
    with replaced_dir(outdir) as fresh:  # the whole set or none of it (graph.atomic)
        for name, text in files.items():
            write_atomic(fresh / name, text)
    return [outdir / name for name in files]

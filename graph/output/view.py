"""RDF graph -> one self-contained, interactive HTML page (vis-network from pyvis, inlined).

The page is built from the RDF itself, so `kg view` renders any Turtle file the project wrote
and the build's graph.html is the same view of graph.ttl. The page is the template
`templates/view.html`; its one data marker receives the graph as JSON, and two asset markers
receive the vis-network script and style that pyvis ships. Every script and style is inlined
(it works offline from file://, and a Content-Security-Policy forbids any request), every text
is inserted as text, physics stops after stabilisation, and a big graph opens on its most
central entities. Communities (Louvain, fixed seed) are computed here, so the page only groups.
"""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import PROV

from graph.centrality import ENTITY_CLASSES, entity_facts, entity_network, pagerank
from graph.output.rdf import Triples
from graph.settings import DEFAULT_MAX_NODES, VERSION
from graph.vocab import KG, SCHEMA

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f"}
ENTITY_TYPES = ENTITY_CLASSES
DEFAULT_TITLE = "Knowledge graph"
DATA_MARKER = "/*KG:DATA*/"
CSS_MARKER = "/*KG:VIS-CSS*/"
JS_MARKER = "/*KG:VIS-JS*/"


def _asset(name: str) -> str:
    """A file of the vis-network release that pyvis ships (read from its folder: importing
    pyvis would import IPython, a third of a second)."""
    spec = importlib.util.find_spec("pyvis")
    folder = next(iter(spec.submodule_search_locations or []), None) if spec else None
    if folder is None:
        raise ModuleNotFoundError("pyvis is not installed: the HTML view needs its copy of vis-network")
    return (Path(folder) / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _template() -> str:
    return files("graph.output").joinpath("templates", "view.html").read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, escape)
    return text


def _day(value: str) -> str:
    """The YYYY-MM-DD part of an xsd:date or xsd:dateTime literal ('' when it is not one)."""
    day = value.strip()[:10]
    return day if len(day) == 10 and day[4] == "-" and day[7] == "-" and (day[:4] + day[5:7] + day[8:]).isdigit() else ""


def version() -> str:
    """The project's version."""
    return VERSION


def _communities(structure: nx.Graph) -> dict[object, int]:
    """Community number of every entity in a community of two or more (largest first), by Louvain."""
    if not structure.number_of_edges():
        return {}
    found = nx.community.louvain_communities(structure, seed=17)
    groups = sorted((sorted(map(str, c)) for c in found if len(c) > 1), key=lambda c: (-len(c), c[0]))
    return {URIRef(node): number for number, group in enumerate(groups) for node in group}


def view_data(g: Graph | Triples) -> tuple[list[dict], list[dict]]:
    """Nodes (entities) and edges (facts with their evidence) of an RDF graph."""
    nodes, edges, _ = _view_data(g)
    return nodes, edges


_SCALARS = {RDFS.label: "label", KG.mentionCount: "mentions", SCHEMA.headline: "headline", SCHEMA.identifier: "identifier",
            SCHEMA.datePublished: "date", RDF.subject: "subject", RDF.predicate: "predicate", RDF.object: "object",
            PROV.wasDerivedFrom: "source", KG.sentence: "sentence", KG.confidence: "confidence", KG.role: "role",
            KG.extractor: "extractor"}
_ALTERNATE_NAME, _MENTIONS = SCHEMA.alternateName, SCHEMA.mentions


def _properties(g: Graph | Triples) -> tuple[dict[object, dict[str, object]], dict[object, list[str]], dict[object, list[object]]]:
    """One pass over the graph: each node's single-valued properties the view reads (the least
    value when a node has several, so the page never depends on the store's order), its
    alternate names and the entities an article mentions."""
    scalars: dict[object, dict[str, object]] = defaultdict(dict)
    aliases: dict[object, list[str]] = defaultdict(list)
    mentions: dict[object, list[object]] = defaultdict(list)
    for s, p, o in g:
        key = _SCALARS.get(p)
        if key is not None:
            known = scalars[s]
            if key not in known or str(o) < str(known[key]):
                known[key] = o
        elif p == _ALTERNATE_NAME:
            aliases[s].append(str(o))
        elif p == _MENTIONS:
            mentions[s].append(o)
    return scalars, aliases, mentions


def _view_data(g: Graph | Triples) -> tuple[list[dict], list[dict], list[dict]]:
    """Nodes, edges and articles ({title, date}) of an RDF graph."""
    entities, facts = entity_facts(g)
    scalars, alternate_names, mentioned = _properties(g)
    empty: dict[str, object] = {}

    def text(node: object, key: str) -> str:
        value = scalars.get(node, empty).get(key)
        return "" if value is None else str(value)

    article_nodes = sorted(g.subjects(RDF.type, SCHEMA.NewsArticle))
    articles = [{"title": text(a, "headline") or text(a, "identifier"), "date": _day(text(a, "date"))} for a in article_nodes]
    article_index = {a: i for i, a in enumerate(article_nodes)}
    mentioned_in: dict[object, list[int]] = defaultdict(list)
    for a in article_nodes:
        for entity in mentioned.get(a, []):
            mentioned_in[entity].append(article_index[a])
    evidence: dict[tuple, list[dict]] = defaultdict(list)
    for st in g.subjects(RDF.type, RDF.Statement):
        known = scalars.get(st, empty)
        fact = (known.get("subject"), known.get("predicate"), known.get("object"))
        source = known.get("source")
        item = {
            "sentence": text(st, "sentence"),
            "article": articles[article_index[source]]["title"] if source in article_index else "",
            "confidence": float(known.get("confidence") or 0),
            "role": text(st, "role"),
            "extractor": text(st, "extractor"),
        }
        date = _day(text(st, "date")) or (articles[article_index[source]]["date"] if source in article_index else "")
        if date:
            item["date"] = date
        evidence[fact].append(item)
    structure = entity_network(entities, facts)
    ranks = pagerank(structure)
    top = max(ranks.values(), default=1.0) or 1.0
    degree: dict[object, int] = defaultdict(int)
    for s, _, o in facts:
        degree[s] += 1
        degree[o] += 1
    community = _communities(structure)

    nodes = []
    for node in sorted(entities):
        kind, name = entities[node], text(node, "label")
        aliases = sorted(alternate_names.get(node, []))
        mentions = int(scalars.get(node, empty).get("mentions") or 0)
        tip = [f"{name} ({kind})"] + ([f"also: {'; '.join(aliases)}"] if aliases else []) + [f"mentions: {mentions}"]
        nodes.append({
            "id": str(node), "label": name, "title": "\n".join(tip), "color": COLOURS[kind], "shape": "dot",
            "size": round(12 + 30 * ranks.get(node, 0) / top, 2), "kind": kind, "aliases": aliases, "mentions": mentions,
            "rank": round(ranks.get(node, 0), 6), "degree": degree[node], "community": community.get(node, -1),
            "articles": sorted(mentioned_in[node]),
        })
    edges = []
    for number, (s, p, o) in enumerate(facts):
        relation = str(p)[len(str(KG)) :]
        found = sorted(evidence.get((s, p, o), []), key=lambda e: (-e["confidence"], e["article"], e["sentence"]))
        confidence = max((e["confidence"] for e in found), default=0.0)
        role = next((e["role"] for e in found if e["role"]), "")
        first = found[0]["sentence"] if found else ""
        edge = {
            "id": f"f{number}", "from": str(s), "to": str(o), "arrows": "to", "label": relation, "relation": relation,
            "confidence": confidence, "role": role, "evidence": found,
            "title": f"{relation}{f' ({role})' if role else ''}, confidence {confidence:.2f}\n{first}",
        }
        dates = sorted({e["date"] for e in found if "date" in e})
        if dates:
            edge["dates"] = dates
        edges.append(edge)
    return nodes, edges, articles


def page_data(g: Graph | Triples, title: str = DEFAULT_TITLE, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """Everything the page shows, as one JSON-ready dict (deterministic: nothing from the clock)."""
    nodes, edges, articles = _view_data(g)
    initial = {n["id"] for n in sorted(nodes, key=lambda n: (-n["rank"], n["id"]))[:max_nodes]}
    isolated = sum(1 for n in nodes if not n["degree"])
    dates = sorted({d for e in edges for d in e.get("dates", [])} | {a["date"] for a in articles if a["date"]})
    return {
        "title": title,
        "version": version(),
        "built": dates[-1] if dates else "",
        "articles": articles,
        "nodes": nodes,
        "edges": edges,
        "initial": sorted(initial),
        "types": sorted({n["kind"] for n in nodes}),
        "relations": sorted({e["relation"] for e in edges}),
        "colours": COLOURS,
        "hideIsolated": isolated * 3 > len(nodes),
        "communities": 1 + max((n["community"] for n in nodes), default=-1),
        "dates": sorted({d for e in edges for d in e.get("dates", [])}),
    }


def fill(template: str, data: str) -> str:
    """The template with its one data marker and its two asset markers replaced (each must occur once)."""
    for marker in (DATA_MARKER, CSS_MARKER, JS_MARKER):
        if template.count(marker) != 1:
            raise ValueError(f"the view template must hold {marker} exactly once")
    parts = {DATA_MARKER: data, CSS_MARKER: _asset("vis-network.css"), JS_MARKER: _asset("vis-network.min.js")}
    order = sorted(parts, key=template.index)
    out, rest = [], template
    for marker in order:
        before, rest = rest.split(marker, 1)
        out += [before, parts[marker]]
    return "".join(out) + rest


def render(g: Graph | Triples, title: str = DEFAULT_TITLE, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The whole page as a string; above `max_nodes` it opens on the most central entities."""
    return fill(_template(), _script_json(page_data(g, title, max_nodes)))

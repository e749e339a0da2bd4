"""RDF graph -> one self-contained, interactive HTML page (pyvis data, vis-network inlined).

The page is built from the RDF itself, so `kg view` renders any Turtle file the project wrote
and the build's graph.html is the same view of graph.ttl. pyvis builds the node and edge
data; the page around it is our own, because pyvis's template links CDN assets and writes
tooltips as HTML. Here every script and style is inlined (it works offline from file://, and
a Content-Security-Policy forbids any request), every text is inserted as text, physics stops
after stabilisation, and a big graph opens on its most central entities.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from importlib.resources import files

import networkx as nx
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import PROV

from graph.settings import DEFAULT_MAX_NODES
from graph.vocab import CLASSES, KG, RELATIONS, SCHEMA

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f"}
ENTITY_TYPES = {CLASSES[k]: k for k in COLOURS}


def _asset(name: str) -> str:
    return files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name).read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, escape)
    return text


def _text(g: Graph, node: object, predicate: URIRef) -> str:
    value = g.value(node, predicate)
    return "" if value is None else str(value)


def view_data(g: Graph) -> tuple[list[dict], list[dict]]:
    """Nodes (entities) and edges (facts with their evidence) of an RDF graph, via pyvis."""
    entities = {s: ENTITY_TYPES[o] for s, o in g.subject_objects(RDF.type) if o in ENTITY_TYPES}
    headlines = {a: _text(g, a, SCHEMA.headline) or _text(g, a, SCHEMA.identifier) for a in g.subjects(RDF.type, SCHEMA.NewsArticle)}
    evidence: dict[tuple, list[dict]] = defaultdict(list)
    for st in g.subjects(RDF.type, RDF.Statement):
        fact = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        evidence[fact].append(
            {
                "sentence": _text(g, st, KG.sentence),
                "article": headlines.get(g.value(st, PROV.wasDerivedFrom), ""),
                "confidence": float(g.value(st, KG.confidence) or 0),
                "role": _text(g, st, KG.role),
                "extractor": _text(g, st, KG.extractor),
            }
        )
    facts = sorted(
        (s, p, o) for s, p, o in g.triples((None, None, None))
        if s in entities and o in entities and str(p).startswith(str(KG)) and str(p)[len(str(KG)) :] in RELATIONS
    )
    structure = nx.Graph()
    structure.add_nodes_from(entities)
    structure.add_edges_from((s, o) for s, _, o in facts)
    ranks = nx.pagerank(structure, tol=1e-10, max_iter=500) if len(structure) else {}
    top = max(ranks.values(), default=1.0) or 1.0

    net = Network(directed=True)
    for node in sorted(entities):
        kind, name = entities[node], _text(g, node, RDFS.label)
        aliases = sorted(str(a) for a in g.objects(node, SCHEMA.alternateName))
        mentions = int(g.value(node, KG.mentionCount) or 0)
        tip = [f"{name} ({kind})"] + ([f"also: {'; '.join(aliases)}"] if aliases else []) + [f"mentions: {mentions}"]
        net.add_node(
            str(node), label=name, title="\n".join(tip), color=COLOURS[kind],
            size=round(12 + 30 * ranks.get(node, 0) / top, 2), kind=kind, aliases=aliases,
            mentions=mentions, rank=round(ranks.get(node, 0), 6),
        )
    for number, (s, p, o) in enumerate(facts):
        relation = str(p)[len(str(KG)) :]
        found = sorted(evidence.get((s, p, o), []), key=lambda e: (-e["confidence"], e["article"], e["sentence"]))
        confidence = max((e["confidence"] for e in found), default=0.0)
        role = next((e["role"] for e in found if e["role"]), "")
        first = found[0]["sentence"] if found else ""
        net.add_edge(
            str(s), str(o), id=f"f{number}", label=relation, arrows="to", relation=relation,
            confidence=confidence, role=role, evidence=found,
            title=f"{relation}{f' ({role})' if role else ''}, confidence {confidence:.2f}\n{first}",
        )
    return net.nodes, net.edges


def render(g: Graph, title: str = "Knowledge graph", max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The whole page as a string; above `max_nodes` it opens on the most central entities."""
    nodes, edges = view_data(g)
    initial = {n["id"] for n in sorted(nodes, key=lambda n: (-n["rank"], n["id"]))[:max_nodes]}
    data = {
        "nodes": nodes,
        "edges": edges,
        "initial": sorted(initial),
        "types": sorted({n["kind"] for n in nodes}),
        "relations": sorted({e["relation"] for e in edges}),
        "colours": COLOURS,
    }
    return _PAGE.format(title=html.escape(title), css=_asset("vis-network.css"), js=_asset("vis-network.min.js"), data=_script_json(data))


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
<style>
html, body {{ margin: 0; height: 100%; font: 14px system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }}
#graph {{ position: absolute; top: 0; bottom: 0; left: 0; right: 360px; }}
#panel {{ position: absolute; top: 0; bottom: 0; right: 0; width: 360px; overflow-y: auto; box-sizing: border-box;
  padding: 10px 12px; border-left: 1px solid #ddd; background: #fafafa; }}
#panel h1 {{ font-size: 16px; margin: 0 0 4px; }}
#panel h2 {{ font-size: 13px; margin: 12px 0 4px; text-transform: uppercase; color: #666; }}
#search {{ width: 100%; box-sizing: border-box; padding: 5px; }}
.swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }}
label {{ display: inline-block; margin: 2px 8px 2px 0; white-space: nowrap; }}
#details li {{ margin-bottom: 8px; }}
#details blockquote {{ margin: 3px 0 0 8px; padding-left: 6px; border-left: 3px solid #ccc; color: #333; }}
#details .source {{ color: #777; font-size: 12px; }}
div.vis-tooltip {{ white-space: pre-wrap; max-width: 420px; }}
button {{ margin-top: 6px; }}
</style>
</head>
<body>
<div id="graph"></div>
<div id="panel">
  <h1>{title}</h1>
  <div id="status"></div>
  <h2>Search</h2>
  <input id="search" list="names" placeholder="Find an entity by name or alias" autocomplete="off">
  <datalist id="names"></datalist>
  <h2>Entity types</h2><div id="types"></div>
  <h2>Relations</h2><div id="relations"></div>
  <h2>Minimum confidence: <span id="confidence-value">0.00</span></h2>
  <input id="confidence" type="range" min="0" max="1" step="0.05" value="0">
  <h2>Details</h2>
  <div id="details">Click an entity or a relation to see its facts and their evidence. Double-click an entity to show its neighbours.</div>
</div>
<script>{js}</script>
<script>
"use strict";
const DATA = {data};
const nodes = new vis.DataSet(DATA.nodes);
const edges = new vis.DataSet(DATA.edges);
const shown = new Set(DATA.initial);
const state = {{types: new Set(DATA.types), relations: new Set(DATA.relations), minConfidence: 0}};
const nodeView = new vis.DataView(nodes, {{filter: n => shown.has(n.id) && state.types.has(n.kind)}});
const edgeView = new vis.DataView(edges, {{filter: e => state.relations.has(e.relation) && e.confidence >= state.minConfidence
  && shown.has(e.from) && shown.has(e.to)}});
const big = DATA.nodes.length > 300;
const network = new vis.Network(document.getElementById("graph"), {{nodes: nodeView, edges: edgeView}}, {{
  nodes: {{shape: "dot", font: {{size: 14}}}},
  edges: {{font: {{size: 10, align: "middle"}}, smooth: big ? false : {{type: "continuous"}}, color: {{inherit: false, color: "#999"}}}},
  layout: {{improvedLayout: !big}},
  physics: {{solver: "forceAtlas2Based", stabilization: {{iterations: big ? 120 : 300, updateInterval: 50}}}},
  interaction: {{hover: true, tooltipDelay: 120, hideEdgesOnDrag: big}}
}});

function el(tag, text, cls) {{
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}}
function status() {{
  document.getElementById("status").textContent =
    nodeView.length + " of " + DATA.nodes.length + " entities, " + edgeView.length + " of " + DATA.edges.length + " relations shown";
}}
function refresh() {{ nodeView.refresh(); edgeView.refresh(); status(); }}
function checkboxes(containerId, values, set, colours) {{
  const box = document.getElementById(containerId);
  for (const value of values) {{
    const label = el("label");
    const input = el("input");
    input.type = "checkbox"; input.checked = true; input.value = value;
    input.addEventListener("change", () => {{ input.checked ? set.add(value) : set.delete(value); refresh(); }});
    label.appendChild(input);
    if (colours && colours[value]) {{ const dot = el("span", "", "swatch"); dot.style.background = colours[value]; label.appendChild(dot); }}
    label.appendChild(document.createTextNode(value));
    box.appendChild(label);
  }}
}}
function factItem(edge) {{
  const item = el("li");
  const from = nodes.get(edge.from), to = nodes.get(edge.to);
  item.appendChild(el("strong", from.label + " " + edge.relation + " " + to.label + (edge.role ? " (" + edge.role + ")" : "")));
  item.appendChild(el("span", " " + edge.confidence.toFixed(2), "source"));
  for (const ev of edge.evidence) {{
    const quote = el("blockquote", ev.sentence);
    quote.appendChild(el("div", (ev.article ? ev.article + " · " : "") + ev.extractor, "source"));
    item.appendChild(quote);
  }}
  return item;
}}
function showNode(id) {{
  const node = nodes.get(id), box = document.getElementById("details");
  box.replaceChildren(el("h1", node.label), el("div", node.kind + " · " + node.mentions + " mention" + (node.mentions === 1 ? "" : "s")));
  if (node.aliases.length) box.appendChild(el("div", "Also known as: " + node.aliases.join("; ")));
  const list = el("ul");
  for (const edge of edges.get({{filter: e => e.from === id || e.to === id}})) list.appendChild(factItem(edge));
  box.appendChild(list);
  const expand = el("button", "Show neighbours");
  expand.addEventListener("click", () => expandNode(id));
  box.appendChild(expand);
}}
function showEdge(id) {{
  const box = document.getElementById("details"), list = el("ul");
  list.appendChild(factItem(edges.get(id)));
  box.replaceChildren(list);
}}
function expandNode(id) {{
  for (const edge of edges.get({{filter: e => e.from === id || e.to === id}})) {{ shown.add(edge.from); shown.add(edge.to); }}
  refresh();
}}
function search(text) {{
  const wanted = text.trim().toLowerCase();
  if (!wanted) return null;
  const all = nodes.get();
  const match = all.find(n => n.label.toLowerCase() === wanted || n.aliases.some(a => a.toLowerCase() === wanted))
    || all.find(n => n.label.toLowerCase().includes(wanted) || n.aliases.some(a => a.toLowerCase().includes(wanted)));
  if (!match) return null;
  shown.add(match.id); state.types.add(match.kind);
  for (const input of document.querySelectorAll("#types input")) if (input.value === match.kind) input.checked = true;
  refresh();
  network.selectNodes([match.id]);
  network.focus(match.id, {{scale: 1.3, animation: false}});
  showNode(match.id);
  return match.id;
}}

const names = document.getElementById("names");
for (const node of DATA.nodes) for (const name of [node.label, ...node.aliases]) {{ const option = el("option"); option.value = name; names.appendChild(option); }}
checkboxes("types", DATA.types, state.types, DATA.colours);
checkboxes("relations", DATA.relations, state.relations, null);
const searchBox = document.getElementById("search");
searchBox.addEventListener("change", () => search(searchBox.value));
searchBox.addEventListener("keydown", event => {{ if (event.key === "Enter") search(searchBox.value); }});
const slider = document.getElementById("confidence");
slider.addEventListener("input", () => {{
  state.minConfidence = Number(slider.value);
  document.getElementById("confidence-value").textContent = state.minConfidence.toFixed(2);
  refresh();
}});
network.on("click", params => {{
  if (params.nodes.length) showNode(params.nodes[0]);
  else if (params.edges.length) showEdge(params.edges[0]);
}});
network.on("doubleClick", params => {{ if (params.nodes.length) expandNode(params.nodes[0]); }});
network.once("stabilizationIterationsDone", () => {{ network.setOptions({{physics: false}}); document.body.dataset.ready = "true"; }});
if (!nodeView.length) document.body.dataset.ready = "true";
status();
window.kgView = {{network, nodes, edges, nodeView, edgeView, search, expandNode}};
</script>
</body>
</html>
"""

"""MultiDiGraph -> one self-contained HTML page (pyvis network data, vis-network inlined).

pyvis builds the node and edge data; the page around it is our own, because pyvis's
template links CDN assets and writes tooltips as HTML. Here every script and style is
inlined (the page works offline from file://) and tooltips are plain strings, which
vis-network shows as text.
"""

from __future__ import annotations

import html
import json
from importlib.resources import files

import networkx as nx
from pyvis.network import Network

from graph.network import centrality

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f", "NewsArticle": "#b07aa1"}
_OTHER = "#9c9c9c"


def _asset(name: str) -> str:
    return files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name).read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, escape)
    return text


def network_data(g: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """pyvis node and edge dicts: colour by type, size by centrality, plain-text tooltips."""
    net = Network(directed=True)
    ranks = centrality(g)
    top = max(ranks.values(), default=1.0) or 1.0
    for node, data in sorted(g.nodes(data=True)):
        tip = [f"{data['name']} ({data['type']})"]
        if data.get("aliases"):
            tip.append(f"also: {data['aliases']}")
        tip.append(f"mentions: {data.get('mentions', 0)}")
        net.add_node(
            node,
            label=data["name"],
            title="\n".join(tip),
            color=COLOURS.get(data["type"], _OTHER),
            size=round(12 + 30 * ranks.get(node, 0) / top, 2),
            kind=data["type"],
        )
    for s, o, key, data in sorted(g.edges(keys=True, data=True)):
        role = f" ({data['role']})" if data.get("role") else ""
        net.add_edge(
            s,
            o,
            label=key,
            title=f"{key}{role}, confidence {data['confidence']}\n{data['evidence']}",
            arrows="to",
        )
    return net.nodes, net.edges


def render(g: nx.MultiDiGraph, title: str = "Knowledge graph") -> str:
    """The whole page as a string."""
    nodes, edges = network_data(g)
    types = sorted({n["kind"] for n in nodes})
    legend = "".join(
        f'<li><span class="dot" style="background:{COLOURS.get(t, _OTHER)}"></span>{html.escape(t)}</li>' for t in types
    )
    return _PAGE.format(
        title=html.escape(title),
        css=_asset("vis-network.css"),
        js=_asset("vis-network.min.js"),
        legend=legend,
        nodes=_script_json(nodes),
        edges=_script_json(edges),
        counts=html.escape(f"{len(nodes)} entities, {len(edges)} relations"),
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{css}</style>
<style>
html, body {{ margin: 0; height: 100%; font: 14px system-ui, sans-serif; }}
#graph {{ position: absolute; inset: 0; }}
#legend {{ position: absolute; top: 8px; left: 8px; background: #fffe; border: 1px solid #ccc; border-radius: 6px; padding: 6px 10px; z-index: 2; }}
#legend ul {{ list-style: none; margin: 4px 0 0; padding: 0; }}
#legend .dot {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }}
div.vis-tooltip {{ white-space: pre-wrap; max-width: 420px; }}
</style>
</head>
<body>
<div id="legend"><strong>{title}</strong><div>{counts}</div><ul>{legend}</ul></div>
<div id="graph"></div>
<script>{js}</script>
<script>
const nodes = new vis.DataSet({nodes});
const edges = new vis.DataSet({edges});
const network = new vis.Network(document.getElementById("graph"), {{nodes: nodes, edges: edges}}, {{
  nodes: {{shape: "dot", font: {{size: 14}}}},
  edges: {{font: {{size: 10, align: "middle"}}, smooth: {{type: "continuous"}}, color: {{inherit: false, color: "#999"}}}},
  physics: {{solver: "forceAtlas2Based", stabilization: {{iterations: 300}}}},
  interaction: {{hover: true, tooltipDelay: 120}}
}});
network.once("stabilizationIterationsDone", () => network.setOptions({{physics: false}}));
</script>
</body>
</html>
"""

"""The HTML view is one self-contained page whose data cannot break out of its script."""

import re

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.output.view import render, view_data
from graph.vocab import KG, SCHEMA


def test_page_is_self_contained(seed_exports):
    page = (seed_exports / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "default-src 'none'" in page and "new vis.Network" in page


def test_every_entity_is_a_node_and_facts_carry_evidence(seed_exports, seed_result):
    nodes, edges = view_data(Graph().parse(seed_exports / "graph.ttl", format="turtle"))
    assert {n["label"] for n in nodes} == {e.name for e in seed_result.entities}
    hq = next(e for e in edges if e["relation"] == "headquarteredIn")
    assert hq["evidence"][0]["sentence"].endswith("is headquartered in Zhongguancun.")
    assert hq["evidence"][0]["article"] == seed_result.articles[0].title


def _graph(name: str) -> Graph:
    g = Graph()
    x, y = URIRef("https://example.org/id/organization/x"), URIRef("https://example.org/id/place/y")
    for node, label, cls in ((x, name, SCHEMA.Organization), (y, "Y", SCHEMA.Place)):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
    g.add((x, SCHEMA.alternateName, Literal(name)))
    g.add((x, KG.locatedIn, y))
    return g


def test_hostile_names_stay_inside_the_data():
    name = '</script><img src=x onerror=alert(1)> "quotes" & \u2028 <!--'
    page, plain = render(_graph(name), title=name), render(_graph("Plain"), title="Plain")
    for marker in ("</script>", "<script>", "<img", "<!--"):
        assert page.count(marker) == plain.count(marker), marker
    assert "\\u003c/script\\u003e\\u003cimg" in page


def test_big_graph_opens_on_the_most_central_entities():
    g = Graph()
    hub = URIRef("https://example.org/id/place/hub")
    g.add((hub, RDF.type, SCHEMA.Place))
    g.add((hub, RDFS.label, Literal("Hub")))
    for i in range(30):
        node = URIRef(f"https://example.org/id/organization/o{i}")
        g.add((node, RDF.type, SCHEMA.Organization))
        g.add((node, RDFS.label, Literal(f"O{i}")))
        g.add((node, KG.locatedIn, hub))
    page = render(g, max_nodes=5)
    initial = re.search(r'"initial": (\[[^\]]*\])', page).group(1)
    assert initial.count('"https://') == 5 and "place/hub" in initial

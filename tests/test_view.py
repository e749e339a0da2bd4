"""The HTML view is one self-contained page whose data cannot break out of its script."""

import re

import networkx as nx

from graph.view import render


def test_page_is_self_contained(seed_exports):
    page = (seed_exports / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "vis.Network" in page and "new vis.DataSet" in page


def test_every_entity_is_a_node_with_evidence_on_edges(seed_exports, seed_result):
    page = (seed_exports / "graph.html").read_text(encoding="utf-8")
    for entity in seed_result.entities:
        assert f'"id": "{entity.id}"' in page
    assert "is headquartered in Zhongguancun" in page


def _graph(name: str) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("organization/x", name=name, type="Organization", aliases=name, mentions=1)
    g.add_node("place/y", name="Y", type="Place", aliases="", mentions=1)
    g.add_edge("organization/x", "place/y", key="locatedIn", relation="locatedIn", confidence=0.9, role="", evidence=name, support=1)
    return g


def test_hostile_names_stay_inside_the_data():
    name = '</script><img src=x onerror=alert(1)> "quotes" & \u2028 <!--'
    page, plain = render(_graph(name), title=name), render(_graph("Plain"), title="Plain")
    for marker in ("</script>", "<script>", "<img", "<!--"):
        assert page.count(marker) == plain.count(marker), marker
    assert "\\u003c/script\\u003e\\u003cimg" in page

"""The HTML view is one self-contained page whose data cannot break out of its script."""

import re
import subprocess
import sys
import tomllib
from importlib.resources import files

import pytest
from conftest import ROOT
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from view_graphs import ARTICLES, HUB, HUB_ORGS, LONE, PEOPLE, PRESS, iri, made_up_graph

from graph.output.view import DATA_MARKER, JS_MARKER, fill, page_data, render, version, view_data
from graph.sparql.query import stats
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


def test_the_page_is_a_packaged_template_with_one_data_marker():
    template = files("graph.output").joinpath("templates", "view.html").read_text(encoding="utf-8")
    assert template.count(DATA_MARKER) == 1 and "{{" not in template
    assert "default-src 'none'" in template
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["graph"]
    assert "output/templates/*.html" in package_data
    page = render(made_up_graph())
    assert DATA_MARKER not in page and page.count("const DATA = {") == 1
    with pytest.raises(ValueError):
        fill(template.replace(DATA_MARKER, ""), "{}")


def test_a_marker_inside_the_data_is_only_data():
    page = render(_graph(f"{DATA_MARKER} {JS_MARKER}"))
    assert page.count("const DATA = {") == 1 and page.count("new vis.Network(") == 1


def test_page_data_hides_entities_without_relations_only_when_they_are_many():
    data = page_data(made_up_graph())
    assert sum(1 for n in data["nodes"] if n["degree"] == 0) == len(LONE) and data["hideIsolated"] is True
    assert page_data(_graph("X"))["hideIsolated"] is False


def test_page_data_metrics_communities_and_articles():
    data = page_data(made_up_graph())
    node = {n["id"]: n for n in data["nodes"]}
    assert node[HUB]["degree"] == len(HUB_ORGS) and node[PRESS]["degree"] == 2 + len(PEOPLE)
    assert node[HUB]["mentions"] == 9 and node[HUB]["rank"] > node[PRESS]["rank"]
    assert data["communities"] == 2
    hub_group = {n["id"] for n in data["nodes"] if n["community"] == node[HUB]["community"]}
    assert {iri("organization", name) for name in HUB_ORGS[2:]} <= hub_group and PRESS not in hub_group
    assert all(n["community"] == -1 for n in data["nodes"] if not n["degree"])
    assert [a["title"] for a in data["articles"]] == [headline for _, headline, _ in ARTICLES]
    assert node[PRESS]["articles"] == [1] and node[HUB]["articles"] == [0]
    assert page_data(made_up_graph()) == data  # communities have a fixed seed


def test_the_view_and_kg_stats_rank_entities_by_one_pagerank():
    g = made_up_graph()
    nodes = {n["label"]: n for n in page_data(g)["nodes"]}
    text = stats(g, top=3)
    central = text.split("top 3:\n", 1)[1].splitlines()[:3]
    listed = [(float(line.split()[0]), line.split(None, 2)[2]) for line in central]
    assert [name for _, name in listed] == sorted(nodes, key=lambda name: (-nodes[name]["rank"], name))[:3]
    assert all(round(nodes[name]["rank"], 3) == rank for rank, name in listed)
    assert listed[0][1] == "Northport"

def test_dates_only_when_the_data_has_them():
    undated = page_data(made_up_graph())
    assert undated["dates"] == [] and undated["built"] == ""
    assert all("dates" not in e and all("date" not in ev for ev in e["evidence"]) for e in undated["edges"])
    dated = page_data(made_up_graph(dated=True))
    assert dated["dates"] == [day for _, _, day in ARTICLES] and dated["built"] == ARTICLES[-1][2]
    hq = next(e for e in dated["edges"] if e["relation"] == "headquarteredIn")
    assert hq["dates"] == [ARTICLES[1][2]] and hq["evidence"][0]["date"] == ARTICLES[1][2]


def test_page_shows_title_version_and_is_byte_stable():
    title = '</script><b>Graph "one"</b>'
    page = render(made_up_graph(dated=True), title=title)
    data = page_data(made_up_graph(dated=True), title=title)
    assert data["title"] == title and data["version"] == version() != ""
    assert "\\u003c/script\\u003e\\u003cb\\u003e" in page and "<b>Graph" not in page
    assert render(made_up_graph(dated=True), title=title) == page


def test_kg_view_and_kg_build_take_a_title(tmp_path):
    out = tmp_path / "view.html"
    done = subprocess.run([sys.executable, "-m", "graph", "view", str(ROOT / "exports" / "graph.ttl"), "-o", str(out),
                           "--title", "Harbour & co"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert '"title": "Harbour \\u0026 co"' in out.read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "graph", "build", str(ROOT / "seeds"), "-o", str(tmp_path / "b"),
                           "--format", "html", "--title", "Seed graph", "--workers", "1", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert '"title": "Seed graph"' in (tmp_path / "b" / "graph.html").read_text(encoding="utf-8")


def test_the_build_view_from_its_triples_equals_the_view_of_its_rdflib_graph(seed_result):
    # the build renders from result.statements; kg view renders an rdflib Graph: same page
    assert page_data(seed_result.statements) == page_data(seed_result.rdf)

"""Exports parse with independent parsers, round-trip, are byte-stable, and exports/ is fresh."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from conftest import EXPORTS
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.pipeline import build, write

FILES = ["graph.ttl", "graph.jsonld", "graph.graphml", "graph.html", "ontology.ttl", "shapes.ttl"]


def test_turtle_parses_with_rdflib_and_round_trips(seed_exports):
    g = Graph().parse(seed_exports / "graph.ttl", format="turtle")
    assert len(g) > 100
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert isomorphic(g, again)


def test_jsonld_and_turtle_hold_the_same_graph(seed_exports):
    ttl = Graph().parse(seed_exports / "graph.ttl", format="turtle")
    jsonld = Graph().parse(seed_exports / "graph.jsonld", format="json-ld")
    assert isomorphic(ttl, jsonld)
    assert "@context" in json.loads((seed_exports / "graph.jsonld").read_text(encoding="utf-8"))


def test_turtle_parses_with_pyoxigraph(seed_exports):
    store = pyoxigraph.Store()
    store.load(path=str(seed_exports / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(seed_exports / "graph.ttl", format="turtle"))


@pytest.mark.skipif(shutil.which("rapper") is None and not os.environ.get("CI"), reason="raptor2-utils not installed")
@pytest.mark.parametrize("name", ["graph.ttl", "ontology.ttl", "shapes.ttl"])
def test_turtle_parses_with_rapper(seed_exports, name):
    done = subprocess.run(["rapper", "-i", "turtle", "-c", str(seed_exports / name)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "returned" in done.stderr and "Error" not in done.stderr


def test_graphml_reads_back_with_networkx(seed_exports, seed_result):
    g = nx.read_graphml(seed_exports / "graph.graphml", force_multigraph=True)
    assert g.number_of_edges() == seed_result.network.number_of_edges()
    assert {d["type"] for _, d in g.nodes(data=True)} >= {"Person", "Organization", "Place"}


GRAPHML_XSD = Path(__file__).resolve().parent / "graphml.xsd"
needs_xmllint = pytest.mark.skipif(shutil.which("xmllint") is None and not os.environ.get("CI"), reason="libxml2-utils (xmllint) not installed")


def xmllint_schema(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["xmllint", "--noout", "--schema", str(GRAPHML_XSD), str(path)], capture_output=True, text=True)


@needs_xmllint
def test_graphml_is_valid_against_the_graphml_schema(seed_exports):
    done = xmllint_schema(seed_exports / "graph.graphml")
    assert done.returncode == 0, done.stderr
    assert "validates" in done.stderr


@needs_xmllint
def test_the_graphml_schema_refuses_slashes_in_ids_and_repeated_edge_ids(seed_exports, tmp_path):
    text = (seed_exports / "graph.graphml").read_text(encoding="utf-8")
    node = re.search(r'<node id="([^"]+)"', text)[1]
    slashed = tmp_path / "slashed.graphml"
    slashed.write_text(text.replace(f'"{node}"', f'"{node.replace(":", "/")}"'), encoding="utf-8")
    repeated = tmp_path / "repeated.graphml"
    repeated.write_text(text.replace('<edge id="e1"', '<edge id="e0"'), encoding="utf-8")
    for bad in (slashed, repeated):
        done = xmllint_schema(bad)
        assert done.returncode != 0 and "fails to validate" in done.stderr, bad.name


def test_graphml_follows_gephi_conventions_and_keeps_every_piece_of_evidence(seed_exports, seed_result):
    g = nx.read_graphml(seed_exports / "graph.graphml", force_multigraph=True)
    assert all("/" not in node for node in g)
    assert sorted(d["label"] for _, d in g.nodes(data=True)) == sorted(d["name"] for _, d in seed_result.network.nodes(data=True))
    for _, d in g.nodes(data=True):
        assert {"type", "r", "g", "b", "entity"} <= set(d) and all(0 <= d[c] <= 255 for c in "rgb")
    colours = {d["type"]: (d["r"], d["g"], d["b"]) for _, d in g.nodes(data=True)}
    assert len({colours[t] for t in ("Person", "Organization", "Place")}) == 3
    edge_ids = [key for _, _, key in g.edges(keys=True)]
    assert len(edge_ids) == len(set(edge_ids)) == len(seed_result.triples)
    article_ids = {a.id for a in seed_result.articles}
    by_fact = {(t.subject.id, t.type, t.object.id): t for t in seed_result.triples}
    for u, v, d in g.edges(data=True):
        fact = by_fact[(g.nodes[u]["entity"], d["label"], g.nodes[v]["entity"])]
        assert d["evidence"].split("\n") == [" ".join(r.provenance.sentence.split()) for r in fact.evidence]
        assert set(d["articles"].split("\n")) == {r.provenance.article_id for r in fact.evidence} <= article_ids
        assert d["weight"] == d["support"] == len(fact.evidence)


def test_two_builds_are_byte_identical(tmp_path, seed_exports):
    write(build(EXPORTS.parent / "seeds"), tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (seed_exports / name).read_bytes(), name


def test_two_writing_processes_write_the_same_bytes(tmp_path, seed_result, seed_exports):
    write(seed_result, tmp_path, processes=2)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (seed_exports / name).read_bytes(), name


def test_an_error_in_the_second_writing_process_fails_the_write_and_keeps_the_old_exports(tmp_path, seed_result, monkeypatch):
    from graph.output import export

    out = tmp_path / "out"
    write(seed_result, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full_disk(_triples):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "jsonld", full_disk)  # written by the forked process, which inherits the patch
    with pytest.raises(OSError, match="No space left"):
        write(seed_result, out, processes=2)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(tmp_path.glob(".out.new-*"))


def test_committed_exports_are_fresh(seed_exports):
    for name in FILES:
        assert (EXPORTS / name).read_bytes() == (seed_exports / name).read_bytes(), f"exports/{name} is stale: run `kg build seeds/ -o exports/`"


def test_ontology_documents_every_relation():
    g = Graph().parse(EXPORTS / "ontology.ttl", format="turtle")
    rows = g.query("""SELECT ?p WHERE { ?p a owl:ObjectProperty ; rdfs:label ?l ; rdfs:comment ?c }""",
                   initNs={"owl": "http://www.w3.org/2002/07/owl#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    names = {str(r.p).split("#")[-1] for r in rows}
    assert {"headquarteredIn", "locatedIn", "capitalOf", "worksFor", "memberOf", "alumniOf", "foundedBy",
            "parentOrganization", "partnerOf", "livesIn", "killed", "acquired", "relatedTo"} <= names


def test_exports_are_written_from_the_same_triples_as_the_rdflib_graph(seed_result):
    # a build writes every export from result.statements; result.rdf is the rdflib Graph of them
    assert len(seed_result.statements) == len(seed_result.rdf) and set(seed_result.statements) == set(seed_result.rdf)
    from graph.output import export

    assert export.oxigraph_triples(seed_result.statements) == export.oxigraph_triples(seed_result.rdf)
    assert export.graph_turtle(seed_result.statements, export.oxigraph_triples(seed_result.statements)) == \
        export.graph_turtle(seed_result.rdf, export.oxigraph_triples(seed_result.rdf))

"""Where users already work: schema.org-only queries, JSON-LD as JSON-LD users expect it, `kg query` formats, JSON lines."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pyld.jsonld
import pyoxigraph
import pytest
from conftest import EXPORTS, ROOT
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, Namespace
from rdflib.query import Result as RdflibResult

from graph.output.rdf import to_rdf
from graph.output.shapes import validate
from graph.types import Article, Entity, Mention, Provenance, Relation, Triple
from graph.vocab import KG, SCHEMA_ORG, ontology

SCHEMA_NS = Namespace("https://schema.org/")
ARTICLE = Article(id="a1", title="Invented news", text="Invented text.")


def _entity(kind: str, name: str) -> Entity:
    return Entity(f"{kind.lower()}/{name.lower().replace(' ', '-')}", name, kind)


def _triple(subject: Entity, relation: str, obj: Entity, role: str | None = None) -> Triple:
    head = Mention("h", subject.name, subject.name, subject.type, 0, 1, ARTICLE.id)
    tail = Mention("t", obj.name, obj.name, obj.type, 2, 3, ARTICLE.id)
    sentence = f"{subject.name} {relation} {obj.name}."
    return Triple(subject, relation, obj, (Relation(head, tail, relation, 0.9, Provenance(ARTICLE.id, 0, len(sentence), sentence), "test", role),))


ANN, BO = _entity("Person", "Ann Quill"), _entity("Person", "Bo Marsh")
WIDGETS, LABS, GUILD, COLLEGE = (_entity("Organization", n) for n in ("Quill Widgets", "Quill Labs", "Tinkers Guild", "Harbour College"))
TOWN, REGION = _entity("Place", "Eastmere"), _entity("Place", "Westvale")
TRIPLES = [
    _triple(ANN, "worksFor", WIDGETS, "CEO"),
    _triple(WIDGETS, "foundedBy", BO),
    _triple(BO, "alumniOf", COLLEGE),
    _triple(LABS, "parentOrganization", WIDGETS),
    _triple(ANN, "memberOf", GUILD),
    _triple(WIDGETS, "headquarteredIn", TOWN),
    _triple(LABS, "locatedIn", REGION),
    _triple(TOWN, "locatedIn", REGION),
    _triple(BO, "livesIn", TOWN),
    _triple(WIDGETS, "partnerOf", GUILD),
]


@pytest.fixture(scope="module")
def invented() -> Graph:
    return to_rdf([ARTICLE], [ANN, BO, WIDGETS, LABS, GUILD, COLLEGE, TOWN, REGION], TRIPLES)


SCHEMA_ONLY = [
    ("SELECT ?name ?employer WHERE { ?p schema:worksFor ?o . ?p schema:name ?name . ?o schema:name ?employer }", {("Ann Quill", "Quill Widgets")}),
    ("SELECT ?org ?founder WHERE { ?o a schema:Organization ; schema:founder ?f ; schema:name ?org . ?f a schema:Person ; schema:name ?founder }", {("Quill Widgets", "Bo Marsh")}),
    ("SELECT ?who ?school WHERE { ?p schema:alumniOf ?s . ?p schema:name ?who . ?s schema:name ?school }", {("Bo Marsh", "Harbour College")}),
    ("SELECT ?unit ?parent WHERE { ?u schema:parentOrganization ?o . ?u schema:name ?unit . ?o schema:name ?parent }", {("Quill Labs", "Quill Widgets")}),
    ("SELECT ?who ?group WHERE { ?p schema:memberOf ?o . ?p schema:name ?who . ?o schema:name ?group }", {("Ann Quill", "Tinkers Guild")}),
    ("SELECT ?org ?place WHERE { ?o a schema:Organization ; schema:location ?l ; schema:name ?org . ?l schema:name ?place }",
     {("Quill Widgets", "Eastmere"), ("Quill Labs", "Westvale")}),
    ("SELECT ?place ?within WHERE { ?p schema:containedInPlace ?w . ?p schema:name ?place . ?w schema:name ?within }", {("Eastmere", "Westvale")}),
    ("SELECT ?who ?home WHERE { ?p schema:homeLocation ?h . ?p schema:name ?who . ?h schema:name ?home }", {("Bo Marsh", "Eastmere")}),
]
PREFIX = "PREFIX schema: <https://schema.org/>\n"


@pytest.mark.parametrize(("sparql", "expected"), SCHEMA_ONLY, ids=[q.split("schema:")[1].split()[0] for q, _ in SCHEMA_ONLY])
def test_schema_org_only_queries_find_the_facts_in_a_store_that_does_not_reason(invented, sparql, expected):
    store = pyoxigraph.Store()
    store.load(invented.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    found = {tuple(term.value for term in row) for row in store.query(PREFIX + sparql)}
    assert found == expected
    assert {tuple(map(str, row)) for row in invented.query(PREFIX + sparql)} == expected


def test_schema_org_properties_stand_beside_the_kg_ones_and_nowhere_else(invented):
    partners = set(invented.subject_objects(KG.partnerOf))
    assert partners and not [p for s, o in partners for p in invented.predicates(s, o) if str(p).startswith("https://schema.org/")]
    for relation, by_type in SCHEMA_ORG.items():
        for s, o in invented.subject_objects(KG[relation]):
            subject_type = next(t for t in (ANN, BO, WIDGETS, LABS, GUILD, COLLEGE, TOWN, REGION) if str(s).endswith(t.id)).type
            assert (s, by_type[subject_type], o) in invented


def test_the_graph_with_schema_org_properties_conforms_to_the_shapes(invented):
    conforms, violations = validate(invented)
    assert conforms, violations
    broken = Graph()
    for triple in invented:
        broken.add(triple)
    town = next(s for s in invented.subjects() if str(s).endswith(TOWN.id))
    widgets = next(s for s in invented.subjects() if str(s).endswith(WIDGETS.id))
    broken.add((town, SCHEMA_ORG["worksFor"]["Person"], widgets))  # a place cannot work for anyone
    conforms, violations = validate(broken)
    assert not conforms and any(line.startswith(str(town)) for line in violations), violations


def test_the_ontology_aligns_each_relation_to_the_schema_org_property_written_beside_it():
    g = ontology()
    for relation, by_type in SCHEMA_ORG.items():
        for prop in by_type.values():
            assert (KG[relation], OWL.equivalentProperty, prop) in g or (KG[relation], RDFS.subPropertyOf, prop) in g, (relation, prop)


def test_schema_org_queries_on_the_seed_exports_match_the_kg_ones():
    g = Graph().parse(EXPORTS / "graph.ttl", format="turtle")
    for relation, by_type in SCHEMA_ORG.items():
        kg_pairs = set(g.subject_objects(KG[relation]))
        schema_pairs = {pair for prop in set(by_type.values()) for pair in g.subject_objects(prop)}
        assert kg_pairs <= schema_pairs, relation


def _values(node: dict) -> list:
    return [v for key, value in node.items() if not key.startswith("@") for v in (value if isinstance(value, list) else [value])]


def test_jsonld_is_compact_json_ld_with_types_and_plain_values(seed_exports):
    doc = json.loads((seed_exports / "graph.jsonld").read_text(encoding="utf-8"))
    context, nodes = doc["@context"], doc["@graph"]
    assert context["@vocab"] == "https://schema.org/" and context["kg"] == str(KG)
    assert not [n for n in nodes if "rdf:type" in n or "@type" not in n]
    types = {n["@type"] for n in nodes}
    assert {"Person", "Organization", "Place", "NewsArticle", "rdf:Statement"} <= types
    assert not [v for n in nodes for v in _values(n) if isinstance(v, dict)]
    statement = next(n for n in nodes if n["@type"] == "rdf:Statement")
    assert isinstance(statement["kg:startOffset"], int) and isinstance(statement["kg:sentence"], str)
    assert statement["rdf:predicate"].startswith("kg:") and context["rdf:predicate"]["@type"] == "@id"
    person = next(n for n in nodes if n["@type"] == "Person")
    assert isinstance(person["name"], str) and person["name"] == person["rdfs:label"]


def test_jsonld_round_trips_to_the_turtle_graph_with_rdflib_and_pyld(seed_exports):
    turtle = Graph().parse(seed_exports / "graph.ttl", format="turtle")
    text = (seed_exports / "graph.jsonld").read_text(encoding="utf-8")
    assert isomorphic(turtle, Graph().parse(data=text, format="json-ld"))
    nquads = pyld.jsonld.to_rdf(json.loads(text), {"format": "application/n-quads"})
    assert isomorphic(turtle, Graph().parse(data=nquads, format="nt"))


def test_jsonld_keeps_odd_values_exact():
    from graph.output.export import jsonld, oxigraph_triples

    g = Graph()
    node, other = URIRef("https://example.org/x/1"), URIRef("https://example.org/x/2")
    g.add((node, RDF.type, URIRef("https://example.org/elsewhere#Thing")))
    g.add((node, KG.label, Literal("mixed")))
    g.add((node, KG.label, other))
    g.add((node, KG.comment, Literal("bonjour", lang="fr")))
    g.add((node, KG["count"], Literal("007", datatype=XSD.integer)))
    g.add((node, KG.score, Literal("1.5E0", datatype=XSD.double)))
    g.add((other, KG.score, Literal("2.5E0", datatype=XSD.double)))
    text = jsonld(oxigraph_triples(g))
    assert isomorphic(g, Graph().parse(data=text, format="json-ld"))
    doc = json.loads(text)
    assert doc["@context"]["kg:score"] == {"@id": "kg:score", "@type": "xsd:double"}


KG_CLI = [sys.executable, "-m", "graph"]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG_CLI, *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def invented_file(invented, tmp_path_factory) -> Path:
    g = Graph()
    for triple in invented:
        g.add(triple)
    town = next(s for s in invented.subjects() if str(s).endswith(TOWN.id))
    g.add((town, SCHEMA_NS.description, Literal('tab\there, "quoted"\nand a new line')))
    path = tmp_path_factory.mktemp("query") / "invented.ttl"
    path.write_text(g.serialize(format="turtle"), encoding="utf-8")
    return path


SELECT_NAMES = "SELECT ?name ?count WHERE { ?e schema:name ?name ; kg:mentionCount ?count } ORDER BY ?name"


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_kg_query_answers_select_and_ask_in_every_listed_format(invented_file, fmt):
    done = kg("query", str(invented_file), SELECT_NAMES, "--format", fmt)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    names = sorted(e.name for e in (ANN, BO, WIDGETS, LABS, GUILD, COLLEGE, TOWN, REGION))
    if fmt == "table":
        assert [line.split("  ")[0] for line in done.stdout.splitlines()[2:-1]] == names
    elif fmt == "csv":
        assert [row[0] for row in csv.reader(io.StringIO(done.stdout))][1:] == names
    else:
        parsed = RdflibResult.parse(io.BytesIO(done.stdout.encode("utf-8")), format=fmt)
        assert [str(row[0]) for row in parsed] == names and all(row[1] == Literal(0) for row in parsed)
    ask = kg("query", str(invented_file), "ASK { ?s schema:worksFor ?o }", "--format", fmt)
    assert ask.returncode == 0, ask.stderr
    assert (json.loads(ask.stdout)["boolean"] is True) if fmt == "json" else ask.stdout.strip() in {"yes", "true"}, ask.stdout


def test_kg_query_tsv_escapes_tabs_quotes_and_new_lines(invented_file):
    done = kg("query", str(invented_file), "SELECT ?d WHERE { ?s schema:description ?d }", "--format", "tsv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 2 and done.stdout.count("\t") == 0
    parsed = RdflibResult.parse(io.BytesIO(done.stdout.encode("utf-8")), format="tsv")
    assert [str(row[0]) for row in parsed] == ['tab\there, "quoted"\nand a new line']


def test_kg_query_construct_is_turtle_or_json_ld_and_refused_as_csv(invented_file):
    sparql = "CONSTRUCT { ?s schema:worksFor ?o } WHERE { ?s schema:worksFor ?o }"
    turtle = kg("query", str(invented_file), sparql)
    as_json = kg("query", str(invented_file), sparql, "--format", "json")
    assert isomorphic(Graph().parse(data=turtle.stdout, format="turtle"), Graph().parse(data=as_json.stdout, format="json-ld"))
    assert len(Graph().parse(data=turtle.stdout, format="turtle")) == 1
    for fmt in ("csv", "tsv"):
        refused = kg("query", str(invented_file), sparql, "--format", fmt)
        assert refused.returncode == 1 and refused.stderr.startswith("kg: error:") and refused.stderr.count("\n") == 1


def test_kg_query_takes_a_query_as_a_path_only_when_the_file_exists(invented_file, tmp_path):
    filters = " ".join(f'FILTER(?name != "nobody {i}")' for i in range(200))
    long_query = f"SELECT ?name WHERE {{ ?e schema:worksFor ?o ; schema:name ?name . {filters} }}"
    assert len(long_query) > 4096 and "\n" not in long_query
    done = kg("query", str(invented_file), long_query, "--format", "csv")
    assert done.returncode == 0 and done.stdout.splitlines() == ["name", ANN.name], done.stderr
    query_file = tmp_path / "employers.rq"
    query_file.write_text("SELECT ?name WHERE { ?e schema:worksFor ?o ; schema:name ?name }\n", encoding="utf-8")
    assert kg("query", str(invented_file), str(query_file), "--format", "csv").stdout.splitlines() == ["name", ANN.name]
    missing = kg("query", str(invented_file), str(tmp_path / "missing.rq"))
    assert missing.returncode == 1 and missing.stderr == f"kg: error: {tmp_path / 'missing.rq'}: no such query file\n"


def test_kg_query_store_answers_in_tsv(invented, tmp_path):
    from graph.sparql import store

    store.write_graph(tmp_path / "db", invented)
    done = kg("query", "--store", str(tmp_path / "db"), "SELECT ?o WHERE { ?s schema:founder ?o }", "--format", "tsv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["?o", f"<https://example.org/news-kg/id/{BO.id}>"]


JSONL_LINES = [
    {"id": "w-1", "text": "Ann Quill is the chief executive of Quill Widgets. Quill Widgets is headquartered in Eastmere.",
     "headline": "Widgets grow again", "publisher": "Harbour Post", "date": "2024-03-05", "url": "http://127.0.0.1/widgets"},
    {"id": "w-2", "text": "Bo Marsh founded Tinkers Guild, a company based in Westvale.", "date": "2024-03-06T08:15:00Z"},
    {"id": "w-3", "text": "Nothing here.", "date": "last Tuesday"},
    {"id": "w-4", "text": "Nothing here either.", "headline": ["not", "a", "string"]},
]


def test_kg_build_reads_json_lines_one_article_a_line(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps(line) for line in JSONL_LINES) + "\nnot json at all\n", encoding="utf-8")
    done = kg("build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache", "--workers", "1", "--format", "ttl")
    assert done.returncode == 3, done.stderr
    warnings = done.stderr.splitlines()
    assert warnings == [f"kg: warning: {corpus}:3: 'date' is not an ISO 8601 date ('last Tuesday')",
                        f"kg: warning: {corpus}:4: 'headline' must be a string",
                        f"kg: warning: {corpus}:5: not a JSON object with a string 'text'"]
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    rows = g.query("""SELECT ?id ?headline ?date ?url ?publisher WHERE { ?a a schema:NewsArticle ; schema:identifier ?id .
        OPTIONAL { ?a schema:headline ?headline } OPTIONAL { ?a schema:datePublished ?date } OPTIONAL { ?a schema:url ?url }
        OPTIONAL { ?a schema:publisher/schema:name ?publisher } } ORDER BY ?id""", initNs={"schema": SCHEMA_NS})
    found = [tuple(None if v is None else v.toPython() if isinstance(v, Literal) else str(v) for v in row) for row in rows]
    assert found == [("w-1", "Widgets grow again", date(2024, 3, 5), "http://127.0.0.1/widgets", "Harbour Post"),
                     ("w-2", None, datetime(2024, 3, 6, 8, 15, tzinfo=UTC), None, None)]
    assert next(iter(g.objects(None, SCHEMA_NS.datePublished))).datatype in {XSD.date, XSD.dateTime}
    publisher = next(g.subjects(RDF.predicate, KG.publisher))
    assert str(g.value(publisher, KG.sentence)) == "Widgets grow again - Harbour Post"
    articles = set(g.subjects(RDF.type, SCHEMA_NS.NewsArticle))
    statements = set(g.subjects(RDF.type, RDF.Statement))
    assert len(statements) >= 3 and {g.value(st, PROV.wasDerivedFrom) for st in statements} == articles


def test_json_line_fields_are_checked_and_headline_and_publisher_come_first():
    from graph.ingest import InputError, article_from_record

    article = article_from_record(JSONL_LINES[0], JSONL_LINES[0]["text"], "news.jsonl:1", compose=True)
    assert article.id == "w-1" and article.title == "Widgets grow again" and article.publisher == "Harbour Post"
    assert article.text.startswith("Widgets grow again - Harbour Post\n\n") and article.text[slice(*article.headline)] == "Widgets grow again"
    assert [article.text[a:b] for a, b in article.body] == [JSONL_LINES[0]["text"]]
    assert (article.published, article.url) == ("2024-03-05", "http://127.0.0.1/widgets")
    plain = article_from_record(JSONL_LINES[0], JSONL_LINES[0]["text"], "news.jsonl:1", compose=False)
    assert plain.text == JSONL_LINES[0]["text"] and plain.title == "Widgets grow again"
    for bad, message in ((JSONL_LINES[2], "'date' is not an ISO 8601 date"), (JSONL_LINES[3], "'headline' must be a string")):
        with pytest.raises(InputError, match=message):
            article_from_record(bad, bad["text"], "x", compose=True)


def test_the_distribution_says_what_it_is_and_the_package_stays_graph():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "news-kg" and project["project"]["scripts"]["kg"] == "graph.cli:app"
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "graph.settings.VERSION"}


def test_kg_build_without_output_never_writes_into_exports(tmp_path):
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "graph.ttl").write_text("# keep me\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Ann Quill is the chief executive of Quill Widgets.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*KG_CLI, "build", "note.txt", "--no-cache", "--workers", "1", "--format", "ttl"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "kg: writing the exports to kg-output/ (choose the folder with -o DIR)\n"
    assert (tmp_path / "kg-output" / "graph.ttl").is_file()
    assert (tmp_path / "exports" / "graph.ttl").read_text(encoding="utf-8") == "# keep me\n"


def test_a_past_role_is_marked_on_its_statement_and_is_no_schema_org_employment():
    head = Mention("h", BO.name, BO.name, BO.type, 0, 1, ARTICLE.id)
    tail = Mention("t", WIDGETS.name, WIDGETS.name, WIDGETS.type, 2, 3, ARTICLE.id)
    past = Relation(head, tail, "worksFor", 0.9, Provenance(ARTICLE.id, 0, 10, "Bo, the former chief of Quill Widgets."), "test", "chief", None, True)
    graph = to_rdf([ARTICLE], [BO, WIDGETS], [Triple(BO, "worksFor", WIDGETS, (past,))])
    rows = list(graph.query(f"PREFIX kg: <{KG}> SELECT ?s WHERE {{ ?s kg:former true ; rdf:predicate kg:worksFor }}"))
    assert len(rows) == 1
    assert not list(graph.triples((None, SCHEMA_NS.worksFor, None))) and list(graph.triples((None, KG.worksFor, None)))
    conforms, violations = validate(graph)
    assert conforms, violations

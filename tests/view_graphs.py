"""A made-up graph for the view tests: two groups joined by one fact, a hub, aliases, and many
entities without relations. Articles carry publication dates when `dated` is true."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from graph.vocab import KG, SCHEMA

BASE = "https://example.org/news-kg/id/"
HUB = f"{BASE}place/northport"
HUB_ORGS = ["Alpha Works", "Alpha Labs", "Beta Foundry", "Gamma Mills", "Delta Yards", "Epsilon Docks", "Zeta Rail", "Eta Freight"]
PEOPLE = ["Ana Ruiz", "Bo Lind", "Cy Moss"]
PRESS = f"{BASE}organization/kappa-press"
LONE = [f"Quiet Org {i}" for i in range(1, 9)]
ARTICLES = [("a1", "Harbour business weekly", "2021-03-04"), ("a2", "Valley people report", "2022-07-08")]


def iri(kind: str, name: str) -> str:
    return f"{BASE}{kind}/{name.lower().replace(' ', '-')}"


def made_up_graph(dated: bool = False) -> Graph:
    """22 entities, 13 facts (each with one statement); 8 entities have no relation."""
    g = Graph()
    articles = {}
    for key, headline, day in ARTICLES:
        node = URIRef(f"{BASE}article/{key}")
        g.add((node, RDF.type, SCHEMA.NewsArticle))
        g.add((node, SCHEMA.headline, Literal(headline)))
        if dated:
            g.add((node, SCHEMA.datePublished, Literal(day, datatype=XSD.date)))
        articles[key] = node

    def entity(kind: str, cls: URIRef, name: str, mentions: int, article: str) -> URIRef:
        node = URIRef(iri(kind, name))
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(name)))
        g.add((node, KG.mentionCount, Literal(mentions)))
        g.add((articles[article], SCHEMA.mentions, node))
        return node

    def fact(s: URIRef, relation: str, o: URIRef, article: str, confidence: float = 0.9) -> None:
        g.add((s, KG[relation], o))
        st = URIRef(f"{BASE}statement/{len(list(g.subjects(RDF.type, RDF.Statement)))}")
        for p, v in ((RDF.type, RDF.Statement), (RDF.subject, s), (RDF.predicate, KG[relation]), (RDF.object, o),
                     (PROV.wasDerivedFrom, articles[article]), (KG.sentence, Literal(f"A sentence saying {relation}.")),
                     (KG.confidence, Literal(confidence)), (KG.extractor, Literal("test"))):
            g.add((st, p, v))

    hub = entity("place", SCHEMA.Place, "Northport", 9, "a1")
    orgs = [entity("organization", SCHEMA.Organization, name, 1 + i % 3, "a1") for i, name in enumerate(HUB_ORGS)]
    g.add((orgs[0], SCHEMA.alternateName, Literal("AW Group")))
    for i, org in enumerate(orgs):
        fact(org, "locatedIn", hub, "a1", 0.9 if i % 2 == 0 else 0.6)
    press = entity("organization", SCHEMA.Organization, "Kappa Press", 5, "a2")
    vale = entity("place", SCHEMA.Place, "Southvale", 2, "a2")
    fact(press, "headquarteredIn", vale, "a2")
    for name in PEOPLE:
        fact(entity("person", SCHEMA.Person, name, 2, "a2"), "worksFor", press, "a2")
    fact(press, "partnerOf", orgs[1], "a2", 0.6)
    for name in LONE:
        entity("organization", SCHEMA.Organization, name, 1, "a1")
    return g

"""Entities and triples -> rdflib.Graph: direct triples plus one provenance node per evidence.

Where schema.org has a property that means the same (vocab.SCHEMA_ORG), it is written beside
the kg: one (`<ann> kg:worksFor <acme> ; schema:worksFor <acme>`), for schema.org-only queries.

    <acme> kg:headquarteredIn <lyon> .
    <statement/…> a rdf:Statement ; rdf:subject <acme> ; rdf:predicate kg:headquarteredIn ;
        rdf:object <lyon> ; prov:wasDerivedFrom <article/…> ; kg:sentence "…" ;
        kg:startOffset 2631 ; kg:endOffset 2723 ; kg:confidence 0.9 ; kg:extractor "hq:verb" .
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from graph.iris import article_node_id
from graph.settings import DEFAULT_BASE
from graph.types import Article, Entity, Relation, Triple
from graph.vocab import CLASSES, KG, SCHEMA, bind_prefixes, schema_property

_WEB_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")


def iri(base: str, entity_id: str) -> URIRef:
    """IRI of an entity or article id ('organization/acme') under the base."""
    return URIRef(base + entity_id)


def _statement(base: str, s: URIRef, p: URIRef, o: URIRef, r: Relation) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, (s, p, o, r.provenance.article_id, r.provenance.start, r.provenance.end, r.head.start, r.tail.start, r.extractor))).encode("utf-8"))
    return URIRef(f"{base}statement/{digest.hexdigest()[:20]}")


def to_rdf(articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], base: str = DEFAULT_BASE) -> Graph:
    """The knowledge graph as RDF (schema.org classes, kg: relations, PROV provenance)."""
    g = bind_prefixes(Graph())
    g.bind("id", base)
    entities = list(entities)
    mentioned: dict[str, set[URIRef]] = {}
    for e in entities:
        node = iri(base, e.id)
        g.add((node, RDF.type, CLASSES[e.type]))
        g.add((node, RDFS.label, Literal(e.name)))
        g.add((node, SCHEMA.name, Literal(e.name)))
        for alias in e.aliases:
            g.add((node, SCHEMA.alternateName, Literal(alias)))
        g.add((node, KG.mentionCount, Literal(len(e.mentions))))
        for article_id in {m.article_id for m in e.mentions}:
            mentioned.setdefault(article_id, set()).add(node)
    article_nodes = {}
    for a in articles:
        node = iri(base, article_node_id(a))
        article_nodes[a.id] = node
        g.add((node, RDF.type, SCHEMA.NewsArticle))
        if a.title:
            g.add((node, SCHEMA.headline, Literal(a.title)))
        g.add((node, SCHEMA.identifier, Literal(a.id)))
        if a.source:
            g.add((node, KG.source, Literal(a.source)))
        if a.published:
            g.add((node, SCHEMA.datePublished, Literal(a.published, datatype=XSD.dateTime if "T" in a.published else XSD.date)))
        if a.url and _WEB_IRI.match(a.url):
            g.add((node, SCHEMA.url, URIRef(a.url)))
        for entity_node in mentioned.get(a.id, ()):
            g.add((node, SCHEMA.mentions, entity_node))
    for t in triples:
        s, p, o = iri(base, t.subject.id), KG[t.type], iri(base, t.object.id)
        g.add((s, p, o))
        same = schema_property(t.type, t.subject.type)
        if same is not None and not all(r.former for r in t.evidence):  # schema:worksFor says "now"
            g.add((s, same, o))
        for r in t.evidence:
            _add_statement(g, _statement(base, s, p, o, r), (s, p, o), r, article_nodes.get(r.provenance.article_id))
    return g


def _add_statement(g: Graph, st: URIRef, spo: tuple[URIRef, URIRef, URIRef], r: Relation, article: URIRef | None) -> None:
    """The provenance node of one piece of evidence: the fact, its article, sentence, offsets, confidence and extractor."""
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, spo[0]))
    g.add((st, RDF.predicate, spo[1]))
    g.add((st, RDF.object, spo[2]))
    if article is not None:
        g.add((st, PROV.wasDerivedFrom, article))
    g.add((st, KG.sentence, Literal(" ".join(r.provenance.sentence.split()))))
    g.add((st, KG.startOffset, Literal(r.provenance.start)))
    g.add((st, KG.endOffset, Literal(r.provenance.end)))
    g.add((st, KG.confidence, Literal(f"{r.confidence:.2f}", datatype=XSD.decimal)))
    g.add((st, KG.extractor, Literal(r.extractor)))
    if r.role:
        g.add((st, KG.role, Literal(r.role)))
    if r.label:
        g.add((st, KG.label, Literal(r.label)))
    if r.former:
        g.add((st, KG.former, Literal(True)))


def to_dataset(articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], base: str = DEFAULT_BASE) -> Dataset:
    """The same graph split into one named graph per article (the article's IRI names it).

    Each named graph holds what that article says: its entities, the facts with evidence
    from it and their provenance nodes. The union of the named graphs is `to_rdf(...)`.
    """
    entities, triples = list(entities), list(triples)
    dataset = Dataset()
    for prefix, namespace in bind_prefixes(Graph()).namespaces():
        dataset.bind(prefix, namespace)
    dataset.bind("id", base)
    for article in articles:
        own_entities = [e for e in entities if any(m.article_id == article.id for m in e.mentions)]
        own_triples = []
        for t in triples:
            evidence = tuple(r for r in t.evidence if r.provenance.article_id == article.id)
            if evidence:
                own_triples.append(replace(t, evidence=evidence))
        named = dataset.graph(iri(base, article_node_id(article)))
        for triple in to_rdf([article], own_entities, own_triples, base):
            named.add(triple)
    return dataset

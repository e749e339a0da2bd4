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
from collections.abc import Iterable, Iterator
from dataclasses import replace

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

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


Term = URIRef | Literal
RdfTriple = tuple[URIRef, URIRef, Term]


def statements(articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], base: str = DEFAULT_BASE) -> Iterator[RdfTriple]:
    """The triples of the knowledge graph (schema.org classes, kg: relations, PROV provenance),
    in the order `to_rdf` adds them; a triple may come more than once."""
    entities = list(entities)
    mentioned: dict[str, set[URIRef]] = {}
    for e in entities:
        node = iri(base, e.id)
        yield node, RDF.type, CLASSES[e.type]
        yield node, RDFS.label, Literal(e.name)
        yield node, SCHEMA.name, Literal(e.name)
        for alias in e.aliases:
            yield node, SCHEMA.alternateName, Literal(alias)
        yield node, KG.mentionCount, Literal(len(e.mentions))
        for article_id in {m.article_id for m in e.mentions}:
            mentioned.setdefault(article_id, set()).add(node)
    article_nodes = {}
    for a in articles:
        node = iri(base, article_node_id(a))
        article_nodes[a.id] = node
        yield node, RDF.type, SCHEMA.NewsArticle
        if a.title:
            yield node, SCHEMA.headline, Literal(a.title)
        yield node, SCHEMA.identifier, Literal(a.id)
        if a.source:
            yield node, KG.source, Literal(a.source)
        if a.published:
            yield node, SCHEMA.datePublished, Literal(a.published, datatype=XSD.dateTime if "T" in a.published else XSD.date)
        if a.url and _WEB_IRI.match(a.url):
            yield node, SCHEMA.url, URIRef(a.url)
        for entity_node in mentioned.get(a.id, ()):
            yield node, SCHEMA.mentions, entity_node
    for t in triples:
        s, p, o = iri(base, t.subject.id), KG[t.type], iri(base, t.object.id)
        yield s, p, o
        same = schema_property(t.type, t.subject.type)
        if same is not None and not all(r.former for r in t.evidence):  # schema:worksFor says "now"
            yield s, same, o
        for r in t.evidence:
            yield from _statement_triples(_statement(base, s, p, o, r), (s, p, o), r, article_nodes.get(r.provenance.article_id))


def namespaces(base: str = DEFAULT_BASE) -> list[tuple[str, URIRef]]:
    """The prefixes of the knowledge graph: the project's and `id:` for the base."""
    g = bind_prefixes(Graph())
    g.bind("id", base)
    return list(g.namespaces())


class Triples:
    """The knowledge graph as its distinct triples in the order they were made: what an rdflib
    Graph of them holds, without the cost of its store (a build writes every export from this).

    It answers the few look-ups the HTML view makes (`value`, `objects`, `subjects`,
    `subject_objects`, all triples) in the order rdflib's memory store would; `graph()` is the
    rdflib Graph.
    """

    def __init__(self, triples: Iterable[RdfTriple], prefixes: Iterable[tuple[str, URIRef]] = ()) -> None:
        self._triples = list(dict.fromkeys(triples))
        self._prefixes = list(prefixes)
        self._spo: dict[Node, dict[Node, list[Node]]] | None = None
        self._pos: dict[Node, dict[Node, list[Node]]] = {}

    def __iter__(self) -> Iterator[RdfTriple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return iter(self._prefixes)

    def _index(self) -> tuple[dict[Node, dict[Node, list[Node]]], dict[Node, dict[Node, list[Node]]]]:
        if self._spo is None:
            self._spo = {}
            for s, p, o in self._triples:
                self._spo.setdefault(s, {}).setdefault(p, []).append(o)
                self._pos.setdefault(p, {}).setdefault(o, []).append(s)
        return self._spo, self._pos

    def triples(self, pattern: tuple[None, None, None]) -> Iterator[RdfTriple]:
        """All triples (the one pattern the view asks for)."""
        if pattern != (None, None, None):
            raise ValueError("Triples answers only the pattern (None, None, None)")
        return iter(self._triples)

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._index()[0].get(subject, {}).get(predicate, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        return iter(self._index()[1].get(predicate, {}).get(obj, ()))

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        return ((s, o) for o, subjects in self._index()[1].get(predicate, {}).items() for s in subjects)

    def graph(self) -> Graph:
        """The rdflib Graph of these triples, with their prefixes."""
        g = Graph()
        for prefix, namespace in self._prefixes:
            g.bind(prefix, namespace)
        for triple in self._triples:
            g.add(triple)
        return g


def to_triples(articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], base: str = DEFAULT_BASE) -> Triples:
    """The knowledge graph as `Triples` (the same triples and prefixes as `to_rdf`)."""
    return Triples(statements(articles, entities, triples, base), namespaces(base))


def to_rdf(articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], base: str = DEFAULT_BASE) -> Graph:
    """The knowledge graph as RDF (schema.org classes, kg: relations, PROV provenance)."""
    return to_triples(articles, entities, triples, base).graph()


def _statement_triples(st: URIRef, spo: tuple[URIRef, URIRef, URIRef], r: Relation, article: URIRef | None) -> Iterator[RdfTriple]:
    """The provenance node of one piece of evidence: the fact, its article, sentence, offsets, confidence and extractor."""
    yield st, RDF.type, RDF.Statement
    yield st, RDF.subject, spo[0]
    yield st, RDF.predicate, spo[1]
    yield st, RDF.object, spo[2]
    if article is not None:
        yield st, PROV.wasDerivedFrom, article
    yield st, KG.sentence, Literal(" ".join(r.provenance.sentence.split()))
    yield st, KG.startOffset, Literal(r.provenance.start)
    yield st, KG.endOffset, Literal(r.provenance.end)
    yield st, KG.confidence, Literal(f"{r.confidence:.2f}", datatype=XSD.decimal)
    yield st, KG.extractor, Literal(r.extractor)
    if r.role:
        yield st, KG.role, Literal(r.role)
    if r.label:
        yield st, KG.label, Literal(r.label)
    if r.former:
        yield st, KG.former, Literal(True)


def per_article(articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], base: str = DEFAULT_BASE) -> Iterator[tuple[URIRef, Iterator[RdfTriple]]]:
    """(the article's IRI, the triples of what it says) per article: its entities, the facts
    with evidence from it and their provenance nodes. Entities and evidence are sorted into
    articles in one pass over each, not one pass per article."""
    own_entities: dict[str, list[Entity]] = {}
    for e in entities:
        for article_id in dict.fromkeys(m.article_id for m in e.mentions):
            own_entities.setdefault(article_id, []).append(e)
    own_triples: dict[str, list[Triple]] = {}
    for t in triples:
        evidence: dict[str, list[Relation]] = {}
        for r in t.evidence:
            evidence.setdefault(r.provenance.article_id, []).append(r)
        for article_id, found in evidence.items():
            own_triples.setdefault(article_id, []).append(replace(t, evidence=tuple(found)))
    for article in articles:
        yield iri(base, article_node_id(article)), statements([article], own_entities.get(article.id, []), own_triples.get(article.id, []), base)


def to_dataset(articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], base: str = DEFAULT_BASE) -> Dataset:
    """The same graph split into one named graph per article (the article's IRI names it).

    Each named graph holds what that article says: its entities, the facts with evidence
    from it and their provenance nodes. The union of the named graphs is `to_rdf(...)`.
    """
    dataset = Dataset()
    for prefix, namespace in namespaces(base):
        dataset.bind(prefix, namespace)
    for name, found in per_article(articles, entities, triples, base):
        named = dataset.graph(name)
        for triple in found:
            named.add(triple)
    return dataset

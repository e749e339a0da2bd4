"""The relation vocabulary and namespaces, in one place; `ontology()` builds ontology.ttl from it.

Relation names are a public interface (see docs/interfaces.md): they are the local names of the
properties in the `kg:` namespace and the `type` values of `kg extract`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph.types import ENTITY_TYPES

KG = Namespace("https://example.org/news-kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

PERSON, ORG, PLACE, ARTICLE = "Person", "Organization", "Place", "NewsArticle"
CLASSES = {PERSON: SCHEMA.Person, ORG: SCHEMA.Organization, PLACE: SCHEMA.Place, ARTICLE: SCHEMA.NewsArticle}
ANY = frozenset(ENTITY_TYPES)


@dataclass(frozen=True)
class RelationSpec:
    """One property of the vocabulary: what it means, what it links, what it aligns to."""

    name: str
    label: str
    comment: str
    domain: frozenset[str]
    range: frozenset[str]
    equivalent: tuple[URIRef, ...] = ()
    sub_property_of: tuple[URIRef, ...] = ()


def _spec(name: str, label: str, comment: str, domain: Iterable[str], range_: Iterable[str], equivalent=(), sub=()) -> RelationSpec:
    return RelationSpec(name, label, comment, frozenset(domain), frozenset(range_), tuple(equivalent), tuple(sub))


_SPECS = (
    _spec("headquarteredIn", "headquartered in", "The place where an organisation has its headquarters.", {ORG}, {PLACE}, [WDT.P159], [SCHEMA.location]),
    _spec("locatedIn", "located in", "An organisation has a site in, or a place lies within, another place.", {ORG, PLACE}, {PLACE}, [], [SCHEMA.containedInPlace, SCHEMA.location, WDT.P131]),
    _spec("capitalOf", "capital of", "A city is the capital of a country or region.", {PLACE}, {PLACE}, [WDT.P1376]),
    _spec("worksFor", "works for", "A person works for or is affiliated with an organisation; the role is kept on the provenance node.", {PERSON}, {ORG}, [SCHEMA.worksFor], [WDT.P108]),
    _spec("memberOf", "member of", "A person or organisation is a member of an organisation.", {PERSON, ORG}, {ORG}, [SCHEMA.memberOf], [WDT.P463]),
    _spec("alumniOf", "alumni of", "A person studied at or graduated from an organisation.", {PERSON}, {ORG}, [SCHEMA.alumniOf], [WDT.P69]),
    _spec("foundedBy", "founded by", "An organisation was founded by a person.", {ORG}, {PERSON}, [SCHEMA.founder], [WDT.P112]),
    _spec("parentOrganization", "parent organization", "An organisation is a unit, subsidiary or division of another.", {ORG}, {ORG}, [SCHEMA.parentOrganization], [WDT.P749]),
    _spec("partnerOf", "partner of", "Two organisations have an agreement or partnership (symmetric).", {ORG}, {ORG}),
    _spec("livesIn", "lives in", "A person lives in a place.", {PERSON}, {PLACE}, [WDT.P551], [SCHEMA.homeLocation]),
    _spec("bornIn", "born in", "A person was born in a place.", {PERSON}, {PLACE}, [SCHEMA.birthPlace, WDT.P19]),
    _spec("nationality", "nationality", "A person is a national or citizen of a country.", {PERSON}, {PLACE}, [SCHEMA.nationality, WDT.P27]),
    _spec("killed", "killed", "A person killed another person.", {PERSON}, {PERSON}),
    _spec("acquired", "acquired", "An organisation acquired another organisation.", {ORG}, {ORG}),
    _spec("author", "author", "The article was written by this person (byline).", {ARTICLE}, {PERSON, ORG}, [SCHEMA.author]),
    _spec("publisher", "publisher", "The article was published by this organisation.", {ARTICLE}, {ORG}, [SCHEMA.publisher]),
    _spec("relatedTo", "related to", "An open relation outside the vocabulary; the verb phrase is kept as kg:label on the provenance node.", ANY, ANY),
)
RELATIONS: dict[str, RelationSpec] = {spec.name: spec for spec in _SPECS}
SYMMETRIC = frozenset({"partnerOf"})

SCHEMA_ORG: dict[str, dict[str, URIRef]] = {
    "headquarteredIn": {ORG: SCHEMA.location},
    "locatedIn": {ORG: SCHEMA.location, PLACE: SCHEMA.containedInPlace},
    "worksFor": {PERSON: SCHEMA.worksFor},
    "memberOf": {PERSON: SCHEMA.memberOf, ORG: SCHEMA.memberOf},
    "alumniOf": {PERSON: SCHEMA.alumniOf},
    "foundedBy": {ORG: SCHEMA.founder},
    "parentOrganization": {ORG: SCHEMA.parentOrganization},
    "livesIn": {PERSON: SCHEMA.homeLocation},
    "bornIn": {PERSON: SCHEMA.birthPlace},
    "nationality": {PERSON: SCHEMA.nationality},
    "author": {ARTICLE: SCHEMA.author},
    "publisher": {ARTICLE: SCHEMA.publisher},
}
"""relation -> subject type -> the schema.org property written beside the kg: one (same direction),
so queries that know only schema.org find the facts. Each is an equivalent or super-property
of the relation in the ontology."""


def schema_property(relation: str, subject_type: str) -> URIRef | None:
    """The schema.org property that says the same as `relation` from a subject of this type, if any."""
    return SCHEMA_ORG.get(relation, {}).get(subject_type)

# Properties of provenance nodes and entities (besides schema.org and PROV-O).
PROVENANCE_PROPERTIES = {
    "sentence": ("evidence sentence", "The sentence the fact was read from.", XSD.string),
    "startOffset": ("start offset", "Character offset where the evidence sentence starts in the article text.", XSD.integer),
    "endOffset": ("end offset", "Character offset where the evidence sentence ends (exclusive).", XSD.integer),
    "confidence": ("confidence", "How sure the extractor is of the fact, from 0 to 1.", XSD.decimal),
    "extractor": ("extractor", "The rule id or model that found the fact.", XSD.string),
    "role": ("role", "The role of a person in a worksFor fact, e.g. CEO.", XSD.string),
    "label": ("label", "The verb phrase of an open relatedTo fact.", XSD.string),
    "former": ("former", "True when the evidence states a past affiliation (a former role, a previous employer), not a current one.", XSD.boolean),
    "mentionCount": ("mention count", "How many times the entity is named in the articles.", XSD.integer),
    "source": ("source", "The file or record the article was read from.", XSD.string),
}


def bind_prefixes(graph: Graph) -> Graph:
    """The prefixes every graph of the project uses."""
    graph.bind("kg", KG)
    graph.bind("schema", SCHEMA)
    graph.bind("prov", PROV)
    graph.bind("wdt", WDT)
    graph.bind("owl", OWL)
    graph.bind("dcterms", DCTERMS)
    return graph


def ontology() -> Graph:
    """The vocabulary as OWL/RDFS: labels, comments, domains, ranges and alignments."""
    g = bind_prefixes(Graph())
    ont = URIRef(str(KG).rstrip("#"))
    g.add((ont, RDF.type, OWL.Ontology))
    g.add((ont, RDFS.label, Literal("News knowledge-graph vocabulary", lang="en")))
    g.add((ont, RDFS.comment, Literal("Relations read from news articles; every fact has a provenance node (rdf:Statement) with the sentence, offsets, confidence and extractor.", lang="en")))
    for spec in _SPECS:
        prop = KG[spec.name]
        g.add((prop, RDF.type, OWL.ObjectProperty))
        if spec.name in SYMMETRIC:
            g.add((prop, RDF.type, OWL.SymmetricProperty))
        g.add((prop, RDFS.label, Literal(spec.label, lang="en")))
        g.add((prop, RDFS.comment, Literal(spec.comment, lang="en")))
        g.add((prop, RDFS.isDefinedBy, ont))
        for attr, predicate in (("domain", RDFS.domain), ("range", RDFS.range)):
            classes = sorted(getattr(spec, attr))
            if len(classes) == 1:
                g.add((prop, predicate, CLASSES[classes[0]]))
        for target in spec.equivalent:
            g.add((prop, OWL.equivalentProperty, target))
        for target in spec.sub_property_of:
            g.add((prop, RDFS.subPropertyOf, target))
    for name, (label, comment, datatype) in PROVENANCE_PROPERTIES.items():
        prop = KG[name]
        g.add((prop, RDF.type, OWL.DatatypeProperty))
        g.add((prop, RDFS.label, Literal(label, lang="en")))
        g.add((prop, RDFS.comment, Literal(comment, lang="en")))
        g.add((prop, RDFS.range, datatype))
        g.add((prop, RDFS.isDefinedBy, ont))
    return g

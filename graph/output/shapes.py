"""SHACL shapes for the graph, generated from the vocabulary, and validation with pySHACL.

Checked: every entity has exactly one type and one label, and string alternate names; every
relation, and every schema.org property written beside one, links entities of its domain and
range; every provenance node names its article, sentence, offsets, confidence and extractor.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV

from graph.vocab import CLASSES, KG, RELATIONS, SCHEMA, SCHEMA_ORG, bind_prefixes

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace(str(KG).rstrip("#") + "/shapes#")
_ENTITY_CLASSES = [CLASSES[k] for k in ("Person", "Organization", "Place")]


def _node(g: Graph) -> BNode:
    """A blank node with an id counted per graph, so the shapes serialise the same every time."""
    count = len(set(g.subjects()) | set(g.objects()))
    return BNode(f"s{count:04d}")


def _list(g: Graph, items: list) -> BNode:
    head = _node(g)
    Collection(g, head, items)
    return head


def _property(g: Graph, shape: URIRef, path: URIRef, **constraints: object) -> None:
    node = _node(g)
    g.add((shape, SH.property, node))
    g.add((node, SH.path, path))
    for name, value in constraints.items():
        g.add((node, SH[name], value if isinstance(value, (URIRef, BNode, Literal)) else Literal(value)))


def _datatype(g: Graph, datatype: URIRef) -> BNode:
    option = _node(g)
    g.add((option, SH.datatype, datatype))
    return option


def _class_constraint(g: Graph, kinds: frozenset[str]) -> dict:
    classes = [CLASSES[k] for k in sorted(kinds)]
    if len(classes) == 1:
        return {"class": classes[0]}
    options = []
    for cls in classes:
        option = _node(g)
        g.add((option, SH["class"], cls))
        options.append(option)
    return {"or": _list(g, options)}


def shapes() -> Graph:
    """The shapes graph (also written as exports/shapes.ttl)."""
    g = bind_prefixes(Graph())
    g.bind("sh", SH)
    g.bind("shape", SHAPES)

    entity = SHAPES.Entity
    g.add((entity, RDF.type, SH.NodeShape))
    g.add((entity, SH.targetSubjectsOf, SCHEMA.name))
    _property(g, entity, RDF.type, minCount=1, maxCount=1, **{"in": _list(g, _ENTITY_CLASSES)})
    _property(g, entity, RDFS.label, minCount=1, maxCount=1, datatype=XSD.string)
    _property(g, entity, SCHEMA.name, minCount=1, maxCount=1, datatype=XSD.string)
    _property(g, entity, SCHEMA.alternateName, datatype=XSD.string)

    article = SHAPES.Article
    g.add((article, RDF.type, SH.NodeShape))
    g.add((article, SH.targetClass, SCHEMA.NewsArticle))
    _property(g, article, SCHEMA.identifier, minCount=1, maxCount=1, datatype=XSD.string)
    _property(g, article, SCHEMA.headline, maxCount=1, datatype=XSD.string)
    _property(g, article, SCHEMA.mentions, nodeKind=SH.IRI)
    _property(g, article, SCHEMA.datePublished, maxCount=1, **{"or": _list(g, [_datatype(g, XSD.date), _datatype(g, XSD.dateTime)])})
    _property(g, article, SCHEMA.url, maxCount=1, nodeKind=SH.IRI)

    statement = SHAPES.Provenance
    g.add((statement, RDF.type, SH.NodeShape))
    g.add((statement, SH.targetClass, RDF.Statement))
    _property(g, statement, PROV.wasDerivedFrom, minCount=1, maxCount=1, **{"class": SCHEMA.NewsArticle})
    _property(g, statement, KG.sentence, minCount=1, maxCount=1, datatype=XSD.string)
    _property(g, statement, KG.startOffset, minCount=1, maxCount=1, datatype=XSD.integer, minInclusive=Literal(0))
    _property(g, statement, KG.endOffset, minCount=1, maxCount=1, datatype=XSD.integer, minInclusive=Literal(0))
    _property(g, statement, KG.confidence, minCount=1, maxCount=1, datatype=XSD.decimal, minInclusive=Literal(0), maxInclusive=Literal(1))
    _property(g, statement, KG.extractor, minCount=1, maxCount=1, datatype=XSD.string)
    for predicate in (RDF.subject, RDF.predicate, RDF.object):
        _property(g, statement, predicate, minCount=1, maxCount=1, nodeKind=SH.IRI)

    for spec in RELATIONS.values():
        shape = SHAPES[f"{spec.name}Shape"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetSubjectsOf, KG[spec.name]))
        g.add((shape, RDFS.comment, Literal(f"{spec.name}: domain and range")))
        domain = _class_constraint(g, spec.domain)
        for name, value in domain.items():
            g.add((shape, SH[name], value))
        _property(g, shape, KG[spec.name], **_class_constraint(g, spec.range))
    for prop, (domain_types, range_types) in sorted(_schema_org_ends().items()):
        shape = SHAPES[f"schema_{prop[len(SCHEMA):]}Shape"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetSubjectsOf, prop))
        g.add((shape, RDFS.comment, Literal(f"schema:{prop[len(SCHEMA):]}: written beside the kg: relations that mean the same")))
        for name, value in _class_constraint(g, frozenset(domain_types)).items():
            g.add((shape, SH[name], value))
        _property(g, shape, prop, **_class_constraint(g, frozenset(range_types)))
    return g


def _schema_org_ends() -> dict[URIRef, tuple[set[str], set[str]]]:
    """schema.org property -> (subject types, object types) of the relations written as it."""
    ends: dict[URIRef, tuple[set[str], set[str]]] = {}
    for relation, by_type in SCHEMA_ORG.items():
        for subject_type, prop in by_type.items():
            domain, range_ = ends.setdefault(prop, (set(), set()))
            domain.add(subject_type)
            range_.update(RELATIONS[relation].range)
    return ends


def validate(data: Graph) -> tuple[bool, list[str]]:
    """(conforms, one line per violation: focus node, path and message)."""
    from pyshacl import (
        validate as shacl_validate,  # slow to import; only `kg validate` needs it
    )

    conforms, report, _ = shacl_validate(data, shacl_graph=shapes(), inference="none", advanced=False)
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus}  {path or ''}  {message}".replace("\n", " "))
    return bool(conforms), sorted(lines)

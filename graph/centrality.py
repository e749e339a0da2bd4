"""The entity network of an RDF graph and its PageRank: one definition for the view and `kg stats`.

An entity is a node typed Person, Organization or Place; a fact is a triple of the vocabulary's
relations between two entities. The network is undirected and simple (a pair of entities linked
by several facts is one edge), so PageRank ranks entities by how connected they are, whatever
the direction of the relations. The HTML view sizes its nodes and picks the entities a big
graph opens on by this PageRank, and `kg stats` lists the same numbers.

>>> from rdflib import RDF, Graph, URIRef
>>> from graph.vocab import KG, SCHEMA
>>> g = Graph()
>>> hub, a, b = (URIRef(f"https://e.org/{n}") for n in ("hub", "a", "b"))
>>> for node, cls in ((hub, SCHEMA.Place), (a, SCHEMA.Organization), (b, SCHEMA.Organization)):
...     _ = g.add((node, RDF.type, cls))
>>> _ = g.add((a, KG.locatedIn, hub)); _ = g.add((b, KG.locatedIn, hub))
>>> entities, facts = entity_facts(g)
>>> ranks = pagerank(entity_network(entities, facts))
>>> max(ranks, key=ranks.get) == hub
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import RDF, Graph
from rdflib.term import Node

from graph.vocab import CLASSES, KG, RELATIONS

if TYPE_CHECKING:
    import networkx as nx

ENTITY_CLASSES: dict[Node, str] = {CLASSES[k]: k for k in ("Person", "Organization", "Place")}
"""The RDF classes of entities, and their type names."""

_RELATION_IRIS = frozenset(KG[name] for name in RELATIONS)


Fact = tuple[Node, Node, Node]


def entity_facts(g: Graph) -> tuple[dict[Node, str], list[Fact]]:
    """The entities of `g` (IRI -> type name) and its facts between entities, in IRI order."""
    entities = {s: ENTITY_CLASSES[o] for s, o in g.subject_objects(RDF.type) if o in ENTITY_CLASSES}
    facts = [(s, p, o) for p in _RELATION_IRIS for s, o in g.subject_objects(p) if s in entities and o in entities]
    return entities, sorted(facts, key=lambda f: (str(f[0]), str(f[1]), str(f[2])))


def entity_network(entities: Iterable[Node], facts: Iterable[Fact]) -> nx.Graph:
    """The undirected, simple network of the entities (in IRI order) linked by the facts."""
    import networkx as nx

    network = nx.Graph()
    network.add_nodes_from(sorted(entities, key=str))
    network.add_edges_from((s, o) for s, _, o in facts)
    return network


def pagerank(network: nx.Graph) -> dict[Node, float]:
    """PageRank of every entity, converged tightly enough that rounding to six places is stable."""
    import networkx as nx

    return nx.pagerank(network, tol=1e-10, max_iter=500) if len(network) else {}

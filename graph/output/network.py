"""Entities and triples -> networkx.MultiDiGraph (node = entity id, edge key = relation)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.types import Entity, Triple


def to_network(entities: Iterable[Entity], triples: Iterable[Triple]) -> nx.MultiDiGraph:
    """A MultiDiGraph with scalar attributes only, so it writes to GraphML as it is.

    Nodes carry name, type, aliases ('; '-joined) and mentions; edges carry relation,
    confidence, role, evidence (every sentence, one a line), articles (the ids of the articles
    they come from, one a line, first seen first) and support (number of evidence sentences).
    """
    g = nx.MultiDiGraph()
    for e in sorted(entities, key=lambda e: e.id):
        g.add_node(e.id, name=e.name, type=e.type, aliases="; ".join(e.aliases), mentions=len(e.mentions))
    for t in sorted(triples, key=lambda t: (t.subject.id, t.type, t.object.id)):
        for end in (t.subject, t.object):
            if end.id not in g:
                g.add_node(end.id, name=end.name, type=end.type, aliases="; ".join(end.aliases), mentions=len(end.mentions))
        g.add_edge(
            t.subject.id,
            t.object.id,
            key=t.type,
            relation=t.type,
            confidence=round(t.confidence, 2),
            role=t.role or "",
            evidence="\n".join(" ".join(r.provenance.sentence.split()) for r in t.evidence),
            articles="\n".join(dict.fromkeys(r.provenance.article_id for r in t.evidence)),
            support=len(t.evidence),
        )
    return g


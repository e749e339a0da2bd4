"""Extraction stage: parsed paragraphs of an article -> mentions and relations."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.classifier import Classifier
from graph.extract.coreference import references
from graph.extract.mention_types import Typer
from graph.extract.mentions import find_mentions
from graph.extract.relations import find_relations
from graph.types import Article, Extraction, Relation


def extract(
    article: Article,
    docs: list[tuple[int, Doc]],
    classifier: Classifier | None = None,
    typer: Typer | None = None,
    known: tuple[Relation, ...] = (),
) -> Extraction:
    """Mentions and relations of one article; mentions made by relation rules are included.

    With a typer, it types the name candidates; with a classifier, its relations join the
    rules' for pairs the rules left unrelated. Pronouns and descriptions that refer to a named
    entity become mentions of it before the relations are read. `known` relations (the article's own facts, such
    as its author, read by ingest) come first.
    """
    mentions, paragraphs = find_mentions(article, docs, typer)
    found = references(article, paragraphs)
    for index, token, reference in found:
        paragraphs[index].mentions.setdefault(token, reference)  # a name inside a description stays itself ("the Lyon-based firm")
    mentions += dict.fromkeys(r for _, _, r in found)  # each reference once, in text order
    relations = [*known, *find_relations(article, paragraphs, classifier)]
    extra = {m for r in relations for m in (r.head, r.tail)} - set(mentions)
    return Extraction(article, tuple(sorted([*mentions, *extra], key=lambda m: (m.start, m.end, m.id))), tuple(relations))

"""The Re-DocRED benchmark: mentions, coreference and document-level relations.

Predictions come as `kg extract` records (graph/output/record.py: mentions with character
spans, relations between mention ids) plus, optionally, a clustering of mentions into nodes
(mention id -> node id, from the resolve stage; without one, mentions with the same normalised
`name` are one node). Documents are tokenised; the text joins tokens with single spaces within a
sentence and sentences with a single space, so every gold token has exact character offsets.

Choices, written down so the figures can be read:
- mentions are scored strictly (same character span and type; PER=Person, ORG=Organization,
  LOC=Place). Gold TIME/NUM/MISC mentions are not scored; a predicted mention that matches no
  gold PER/ORG/LOC mention is a false positive, except when it partly overlaps (without equal
  span) a gold TIME/NUM/MISC mention, where the gold has no say about the inner name ("Tokyo" in
  a MISC event name); a predicted mention with exactly a TIME/NUM/MISC span is a false positive.
  A span-only score (type ignored) is reported too;
- an entity's type is the most common type of its mentions (the first on a tie); coreference
  and relations only look at gold entities typed PER, ORG or LOC, the types the project extracts;
- relations: a predicted mention maps to the gold entity with a mention of exactly its span (the
  first such entity); a relation whose ends do not both map is a false positive, kept once per
  (predicted head node, type, predicted tail node). Only relation types the gold can express
  (the values of PROPERTIES) are scored; the others are counted as unscored.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.ingest import parse_article
from graph.learn.news import normalise
from graph.learn.scores import Score
from graph.types import Article

TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}

# Wikidata property -> (project relation, reversed). P50/P123 (author, publisher of works) are
# article-level in the project's vocabulary and left out; P20, family and head-of
# properties have no project relation.
PROPERTIES: dict[str, tuple[str, bool]] = {
    "P159": ("headquarteredIn", False),
    "P108": ("worksFor", False),
    "P69": ("alumniOf", False),
    "P112": ("foundedBy", False),
    "P749": ("parentOrganization", False),
    "P355": ("parentOrganization", True),
    "P131": ("locatedIn", False),
    "P17": ("locatedIn", False),
    "P276": ("locatedIn", False),
    "P1376": ("capitalOf", False),
    "P36": ("capitalOf", True),
    "P551": ("livesIn", False),
    "P19": ("bornIn", False),
    "P27": ("nationality", False),
    "P463": ("memberOf", False),
    "P102": ("memberOf", False),
    "P54": ("memberOf", False),
}
SCORED_RELATIONS = tuple(sorted({name for name, _ in PROPERTIES.values()}))

Span = tuple[int, int]  # character start, end (exclusive)


@dataclass(frozen=True)
class GoldMention:
    """One gold mention: its name, type, sentence, token span and character span."""

    name: str
    type: str
    sent_id: int
    tokens: tuple[int, int]
    span: Span


@dataclass(frozen=True)
class GoldEntity:
    """A gold entity (coreference cluster) with its mentions and majority type."""

    mentions: tuple[GoldMention, ...]

    @property
    def type(self) -> str:
        counts = Counter(m.type for m in self.mentions)
        return max(counts, key=lambda t: (counts[t], -[m.type for m in self.mentions].index(t)))

    @property
    def spans(self) -> frozenset[Span]:
        return frozenset(m.span for m in self.mentions)


@dataclass(frozen=True)
class Document:
    """One Re-DocRED document: tokens, text offsets, entities and relations (h, property, t)."""

    index: int
    title: str
    sentences: tuple[tuple[str, ...], ...]
    offsets: tuple[tuple[Span, ...], ...]  # per sentence, per token: character span in `text`
    entities: tuple[GoldEntity, ...]
    relations: frozenset[tuple[int, str, int]]

    @property
    def text(self) -> str:
        return " ".join(" ".join(tokens) for tokens in self.sentences)


def token_offsets(sentences: Sequence[Sequence[str]]) -> tuple[tuple[Span, ...], ...]:
    """Character span of every token in the text that joins them with single spaces."""
    out, position = [], 0
    for tokens in sentences:
        spans = []
        for token in tokens:
            spans.append((position, position + len(token)))
            position += len(token) + 1
        out.append(tuple(spans))
    return tuple(out)


def _document(index: int, item: Mapping) -> Document:
    sentences = tuple(tuple(s) for s in item["sents"])
    offsets = token_offsets(sentences)
    entities = []
    for cluster in item["vertexSet"]:
        mentions = []
        for m in cluster:
            start, end = m["pos"]
            row = offsets[m["sent_id"]]
            mentions.append(GoldMention(m["name"], m["type"], m["sent_id"], (start, end), (row[start][0], row[end - 1][1])))
        entities.append(GoldEntity(tuple(mentions)))
    relations = frozenset((label["h"], label["r"], label["t"]) for label in item.get("labels", ()))
    return Document(index, item.get("title", ""), sentences, offsets, tuple(entities), relations)


def load(path: Path | str) -> list[Document]:
    """All documents of a Re-DocRED JSON file, in file order."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [_document(i, item) for i, item in enumerate(data)]


def split(documents: Sequence[Document]) -> tuple[list[Document], list[Document]]:
    """(train, dev): dev holds the documents whose position in the file is a multiple of 5."""
    train = [d for d in documents if d.index % 5 != 0]
    dev = [d for d in documents if d.index % 5 == 0]
    return train, dev


def articles(documents: Iterable[Document]) -> Iterator[Article]:
    """Each document as a one-paragraph article without a headline (ids are document indexes)."""
    for document in documents:
        yield replace(parse_article(document.text, f"redocred:{document.index}", title=""), id=f"redocred-{document.index}")


def gold_relations(document: Document) -> frozenset[tuple[int, str, int]]:
    """The gold relations in the project's vocabulary, between PER/ORG/LOC entities."""
    out = set()
    for h, prop, t in document.relations:
        if prop not in PROPERTIES:
            continue
        name, reverse = PROPERTIES[prop]
        if reverse:
            h, t = t, h
        if document.entities[h].type in TYPES and document.entities[t].type in TYPES:
            out.add((h, name, t))
    return frozenset(out)


def relations_by_pair(document: Document) -> dict[tuple[int, int], set[str]]:
    """The gold relations (our vocabulary) of each ordered pair of entity indexes that has any."""
    out: dict[tuple[int, int], set[str]] = {}
    for h, name, t in gold_relations(document):
        out.setdefault((h, t), set()).add(name)
    return out


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Share:
    """A count out of a total."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __add__(self, other: Share) -> Share:
        return Share(self.hits + other.hits, self.total + other.total)

    def as_dict(self) -> dict:
        return {"hits": self.hits, "total": self.total, "share": self.value}


@dataclass(frozen=True)
class DocumentScore:
    """Everything measured on one document."""

    index: int
    mentions: Score
    mention_spans: Score
    coref_found: Share  # entities with >= 1 found mention whose found mentions share one node
    coref_multi: Share  # entities with >= 2 mentions, all found and in one node
    coref_multi_found: Share  # entities with >= 2 found mentions whose found mentions share one node
    merged: int  # predicted nodes holding found mentions of two or more gold entities
    relations: Mapping[str, Score]
    unscored: Mapping[str, int]  # predicted relation types the gold cannot express
    extractors: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # rule or model -> (judged, right)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def clusters_by_name(record: Mapping) -> dict[str, str]:
    """The default clustering: mentions with the same normalised name are one node."""
    return {m["id"]: normalise(m.get("name") or m["text"]) for m in record["entities"]}


def score_document(document: Document, record: Mapping, clusters: Mapping[str, str] | None = None) -> DocumentScore:
    """Score one `kg extract` record (and its clustering) against one gold document."""
    clusters = dict(clusters) if clusters is not None else clusters_by_name(record)
    mentions = {m["id"]: m for m in record["entities"]}
    # a pronoun or description ("refers_to") is no name: its relations count for its antecedent
    mentions.update({m["id"]: mentions[m["refers_to"]] for m in record["entities"] if m.get("refers_to") in mentions})
    typed = [m for m in record["entities"] if m["type"] in TYPES.values() and "refers_to" not in m]

    # (a) mentions
    gold_typed = {(m.span, TYPES[m.type]) for e in document.entities for m in e.mentions if m.type in TYPES}
    other_spans = {m.span for e in document.entities for m in e.mentions if m.type not in TYPES}
    predicted = {((m["start"], m["end"]), m["type"]) for m in typed}
    tp = predicted & gold_typed
    fp = {p for p in predicted - gold_typed if not any(_overlaps(p[0], o) and p[0] != o for o in other_spans)}
    mention_score = Score(len(tp), len(fp), len(gold_typed - predicted))
    gold_spans = {span for span, _ in gold_typed}
    predicted_spans = {span for span, _ in predicted}
    span_fp = {s for s in predicted_spans - gold_spans if not any(_overlaps(s, o) and s != o for o in other_spans)}
    span_score = Score(len(predicted_spans & gold_spans), len(span_fp), len(gold_spans - predicted_spans))

    # (b) coreference: found = a predicted Person/Organization/Place mention has exactly its span
    node_at: dict[Span, str] = {}
    for m in sorted(typed, key=lambda m: (m["start"], m["end"], m["id"])):
        node_at.setdefault((m["start"], m["end"]), clusters.get(m["id"], m["id"]))
    found_share, multi_share, multi_found_share = Share(), Share(), Share()
    holders: dict[str, set[int]] = {}
    for i, entity in enumerate(document.entities):
        if entity.type not in TYPES:
            continue
        found = {node_at[s] for s in entity.spans if s in node_at}
        found_count = sum(1 for s in entity.spans if s in node_at)
        for node in found:
            holders.setdefault(node, set()).add(i)
        if found:
            found_share += Share(int(len(found) == 1), 1)
        if len(entity.spans) >= 2:
            multi_share += Share(int(found_count == len(entity.spans) and len(found) == 1), 1)
        if found_count >= 2:
            multi_found_share += Share(int(len(found) == 1), 1)
    merged = sum(1 for held in holders.values() if len(held) > 1)

    # (c) relations at entity level
    entity_at: dict[Span, int] = {}
    for i, entity in enumerate(document.entities):
        for span in sorted(entity.spans):
            entity_at.setdefault(span, i)
    gold = gold_relations(document)
    guessed: set[tuple] = set()
    unscored: Counter[str] = Counter()
    extractors: dict[str, tuple[int, int]] = {}
    for r in record["relations"]:
        if r["type"] not in SCORED_RELATIONS:
            unscored[r["type"]] += 1
            continue
        head, tail = mentions[r["head"]], mentions[r["tail"]]
        h = entity_at.get((head["start"], head["end"]))
        t = entity_at.get((tail["start"], tail["end"]))
        if h is None or t is None:
            guessed.add((("?", clusters.get(head["id"], head["id"])), r["type"], ("?", clusters.get(tail["id"], tail["id"]))))
        else:
            guessed.add((h, r["type"], t))
            name = r.get("extractor", "?")
            judged, right = extractors.get(name, (0, 0))
            extractors[name] = (judged + 1, right + ((h, r["type"], t) in gold))
    relations = {
        name: Score(
            len({g for g in guessed if g[1] == name} & gold),
            len({g for g in guessed if g[1] == name} - gold),
            len({g for g in gold if g[1] == name} - guessed),
        )
        for name in SCORED_RELATIONS
    }
    return DocumentScore(
        index=document.index,
        mentions=mention_score,
        mention_spans=span_score,
        coref_found=found_share,
        coref_multi=multi_share,
        coref_multi_found=multi_found_share,
        merged=merged,
        relations=relations,
        unscored=dict(sorted(unscored.items())),
        extractors=extractors,
    )


# ---------------------------------------------------------------- report


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


@dataclass(frozen=True)
class Report:
    """Scores over a set of documents (micro sums)."""

    documents: tuple[DocumentScore, ...] = field(default=())

    def _sum(self, attribute: str, zero):
        return sum((getattr(d, attribute) for d in self.documents), zero)

    @property
    def mentions(self) -> Score:
        return self._sum("mentions", Score())

    @property
    def mention_spans(self) -> Score:
        return self._sum("mention_spans", Score())

    @property
    def coref_found(self) -> Share:
        return self._sum("coref_found", Share())

    @property
    def coref_multi(self) -> Share:
        return self._sum("coref_multi", Share())

    @property
    def coref_multi_found(self) -> Share:
        return self._sum("coref_multi_found", Share())

    @property
    def per_relation(self) -> dict[str, Score]:
        return {name: sum((d.relations.get(name, Score()) for d in self.documents), Score()) for name in SCORED_RELATIONS}

    @property
    def relations(self) -> Score:
        return sum(self.per_relation.values(), Score())

    @property
    def unscored(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for d in self.documents:
            totals.update(d.unscored)
        return dict(sorted(totals.items()))

    @property
    def extractors(self) -> dict[str, tuple[int, int]]:
        """Per rule or model: relations whose two ends are gold mentions, and how many of them the gold lists."""
        totals: dict[str, tuple[int, int]] = {}
        for d in self.documents:
            for name, (judged, right) in d.extractors.items():
                before = totals.get(name, (0, 0))
                totals[name] = (before[0] + judged, before[1] + right)
        return dict(sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0])))

    def as_dict(self) -> dict:
        """Everything in JSON-ready form."""
        return {
            "documents": len(self.documents),
            "extractors": {name: {"judged": j, "right": r} for name, (j, r) in self.extractors.items()},
            "mentions": self.mentions.as_dict(),
            "mention_spans": self.mention_spans.as_dict(),
            "coreference": {
                "found_in_one_node": self.coref_found.as_dict(),
                "multi_mention_all_found_one_node": self.coref_multi.as_dict(),
                "multi_found_in_one_node": self.coref_multi_found.as_dict(),
                "merged_nodes": sum(d.merged for d in self.documents),
            },
            "relations": self.relations.as_dict(),
            "per_relation": {name: s.as_dict() for name, s in self.per_relation.items()},
            "unscored": self.unscored,
        }

    def lines(self) -> list[str]:
        """A readable report."""
        out = [f"Re-DocRED: {len(self.documents)} documents",
               f"{'':30} {'P':>5} {'R':>5} {'F1':>5} {'tp':>5} {'fp':>5} {'fn':>5}"]

        def row(name: str, s: Score) -> str:
            return f"{name:30} {_pct(s.precision)} {_pct(s.recall)} {_pct(s.f1)} {s.tp:5d} {s.fp:5d} {s.fn:5d}"

        out.append(row("mentions (span + type)", self.mentions))
        out.append(row("mentions (span only)", self.mention_spans))
        out.append(row("relations (micro)", self.relations))
        out += [row(f"  {name}", s) for name, s in self.per_relation.items()]
        for label, share in (
            ("coreference: found mentions in one node", self.coref_found),
            ("coreference: >=2 mentions, all found, one node", self.coref_multi),
            ("coreference: >=2 found, in one node", self.coref_multi_found),
        ):
            out.append(f"{label}: {_pct(share.value)} ({share.hits}/{share.total})")
        out.append(f"nodes merging two or more gold entities: {sum(d.merged for d in self.documents)}")
        if self.unscored:
            out.append("unscored relation types: " + ", ".join(f"{k} {v}" for k, v in self.unscored.items()))
        out.append("extractors (judged, listed by the gold, share; a lower bound: the gold leaves true facts out):")
        out += [f"  {name:32} {j:5d} {r:5d} {_pct(r / j)}" for name, (j, r) in self.extractors.items()]
        return out


def evaluate(
    documents: Sequence[Document],
    records: Iterable[Mapping],
    clusters: Iterable[Mapping[str, str] | None] | None = None,
) -> Report:
    """Score records given in the same order as `documents` (clusters likewise, or None)."""
    records = list(records)
    if len(records) != len(documents):
        raise ValueError(f"{len(records)} records for {len(documents)} documents")
    clusterings = list(clusters) if clusters is not None else [None] * len(documents)
    return Report(tuple(score_document(d, r, c) for d, r, c in zip(documents, records, clusterings)))

"""The CoNLL04 benchmark (SpERT JSON): loading, the mapping onto our vocabulary, and strict scoring
through the `kg extract` interface.

Strict micro precision, recall and F1 (the SpERT/REBEL convention): a predicted relation
counts only when both argument spans, both entity types and the relation type are right.
Text is the tokens joined with single spaces; predicted character spans map back to tokens.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.extract import lexicon
from graph.ingest import parse_article
from graph.learn.scores import Score
from graph.types import Article

TYPES = {"Peop": "Person", "Org": "Organization", "Loc": "Place"}
"""CoNLL04 entity types -> ours (its Other type has no counterpart)."""
CONLL_TYPES = {ours: theirs for theirs, ours in TYPES.items()}
RELATION_TYPES = ("Kill", "Live_In", "Located_In", "OrgBased_In", "Work_For")

Span = tuple[int, int, str]  # token start, token end (exclusive), CoNLL04 type
Fact = tuple[Span, str, Span]


@dataclass(frozen=True)
class Sentence:
    """One CoNLL04 sentence with its gold entities and relations."""

    id: str
    tokens: tuple[str, ...]
    entities: frozenset[Span]
    relations: frozenset[Fact]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass(frozen=True)
class Report:
    relations: Score
    entities: Score
    per_relation: dict[str, Score] = field(default_factory=dict)
    extractors: dict[str, tuple[int, int]] = field(default_factory=dict)  # rule or model -> (judged, right)

    def lines(self) -> list[str]:
        rows = [("relations (strict, micro)", self.relations), ("entities (Peop/Org/Loc)", self.entities)]
        rows += [(f"  {name}", score) for name, score in sorted(self.per_relation.items())]
        out = [f"{'':28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        out += [f"{name:28} {100 * s.precision:6.1f} {100 * s.recall:6.1f} {100 * s.f1:6.1f} {s.tp:5d} {s.fp:5d} {s.fn:5d}" for name, s in rows]
        out.append("extractors (judged: a CoNLL04 relation type between annotated names; right; precision):")
        out += [f"  {name:32} {j:5d} {r:5d} {100 * r / j:6.1f}" for name, (j, r) in self.extractors.items()]
        return out


def load(path: Path) -> list[Sentence]:
    """Read a SpERT-format JSON file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences = []
    for number, item in enumerate(data):
        spans = [(e["start"], e["end"], e["type"]) for e in item["entities"]]
        if not all(type(s) is int and type(e) is int and 0 <= s < e <= len(item["tokens"]) for s, e, _ in spans):
            raise ValueError(f"sentence {number}: an entity span is outside its tokens")
        if not all(type(r[end]) is int and 0 <= r[end] < len(spans) for r in item["relations"] for end in ("head", "tail")):
            raise ValueError(f"sentence {number}: a relation points at no entity")
        facts = {(spans[r["head"]], r["type"], spans[r["tail"]]) for r in item["relations"]}
        sentences.append(Sentence(str(item.get("orig_id", number)), tuple(item["tokens"]), frozenset(spans), frozenset(facts)))
    return sentences


def article(sentence: Sentence) -> Article:
    """The sentence as an article of one paragraph, without a headline."""
    return replace(parse_article(sentence.text, f"conll04:{sentence.id}", title=""), id=sentence.id)


def token_index(tokens: Iterable[str]) -> list[int]:
    """For each character of the joined text, the index of the token it belongs to (spaces: the next token)."""
    owner: list[int] = []
    for i, token in enumerate(tokens):
        if owner:
            owner.append(i)
        owner.extend([i] * len(token))
    return owner


def to_tokens(owner: list[int], start: int, end: int) -> tuple[int, int] | None:
    """Character span -> the gold tokens it covers (our tokeniser may split 'Texas.' where the data does not)."""
    if not 0 <= start < end <= len(owner):
        return None
    return owner[start], owner[end - 1] + 1


def relation_type(kind: str, head_type: str) -> str | None:
    """Our relation -> the CoNLL04 relation; None when it has none (OrgBased_In and Located_In are
    locatedIn or headquarteredIn by head type; CoNLL04's Live_In holds birthplaces and nationalities
    (a person described by a country), so bornIn and nationality are Live_In too; its Work_For holds
    a person's membership of a party, council or congress, so memberOf is Work_For)."""
    if kind in {"headquarteredIn", "locatedIn"}:
        return "OrgBased_In" if head_type == "Org" else "Located_In" if head_type == "Loc" else None
    if kind == "memberOf":
        return "Work_For" if head_type == "Peop" else None
    return {"worksFor": "Work_For", "livesIn": "Live_In", "bornIn": "Live_In", "nationality": "Live_In", "killed": "Kill"}.get(kind)


def _facts(sentence: Sentence, record: dict) -> tuple[set[Span], list[tuple[dict, Fact]]]:
    """Entity spans of one `kg extract` record in CoNLL04 token terms, and each of its relations
    that CoNLL04 has a type for, as a fact between spans; a pronoun or description is not an
    entity span, and its relations count for its antecedent. A demonym ("Swedish" for Sweden) is
    an entity span only in a fact: CoNLL04 annotates few demonyms as Loc (10 of 115 in its train
    split), mostly the arguments of a Live_In."""
    owner = token_index(sentence.tokens)
    spans: dict[str, Span] = {}
    for e in record["entities"]:
        kind, covered = CONLL_TYPES.get(e["type"]), to_tokens(owner, e["start"], e["end"])
        if kind and covered and "refers_to" not in e:
            spans[e["id"]] = (*covered, kind)
    antecedent = {e["id"]: e["refers_to"] for e in record["entities"] if "refers_to" in e}
    facts = []
    for r in record["relations"]:
        head, tail = spans.get(antecedent.get(r["head"], r["head"])), spans.get(antecedent.get(r["tail"], r["tail"]))
        kind = relation_type(r["type"], head[2]) if head else None
        if head and tail and kind:
            facts.append((r, (head, kind, tail)))
    demonyms = {e["id"] for e in record["entities"] if e.get("text") in lexicon.DEMONYMS and lexicon.DEMONYMS[e["text"]] == e.get("name")}
    in_facts = {span for _, (head, _, tail) in facts for span in (head, tail)}
    return {span for id_, span in spans.items() if id_ not in demonyms or span in in_facts}, facts


def predictions(sentence: Sentence, record: dict) -> tuple[set[Span], set[Fact]]:
    """Entity spans and relations of one `kg extract` record, in CoNLL04 token terms."""
    spans, facts = _facts(sentence, record)
    return spans, {fact for _, fact in facts}


def judged(sentence: Sentence, record: dict) -> Iterator[tuple[str, float, bool]]:
    """(extractor, confidence, right) for each relation of a record that CoNLL04 can judge: one of
    its five relation types between names it annotates (a relation of another type is not judged)."""
    annotated = {s for s in sentence.entities if s[2] in TYPES}
    for r, fact in _facts(sentence, record)[1]:
        if fact[0] in annotated and fact[2] in annotated:
            yield r.get("extractor", "?"), r.get("confidence", 0.0), fact in sentence.relations


def score(gold: Iterable[Sentence], records: Iterable[dict]) -> Report:
    """Micro scores of predicted records against gold sentences (same order)."""
    counts: Counter = Counter()
    per: dict[str, Counter] = {name: Counter() for name in RELATION_TYPES}
    extractors: dict[str, tuple[int, int]] = {}
    for sentence, record in zip(gold, records, strict=True):
        for name, _, right in judged(sentence, record):
            judged_before, right_before = extractors.get(name, (0, 0))
            extractors[name] = (judged_before + 1, right_before + right)
        entities, facts = predictions(sentence, record)
        gold_entities = {s for s in sentence.entities if s[2] in TYPES}
        counts["etp"] += len(entities & gold_entities)
        counts["efp"] += len(entities - gold_entities)
        counts["efn"] += len(gold_entities - entities)
        for name in RELATION_TYPES:
            predicted = {f for f in facts if f[1] == name}
            expected = {f for f in sentence.relations if f[1] == name}
            per[name]["tp"] += len(predicted & expected)
            per[name]["fp"] += len(predicted - expected)
            per[name]["fn"] += len(expected - predicted)
    total = sum(per.values(), Counter())
    return Report(
        relations=Score(total["tp"], total["fp"], total["fn"]),
        entities=Score(counts["etp"], counts["efp"], counts["efn"]),
        per_relation={name: Score(c["tp"], c["fp"], c["fn"]) for name, c in per.items()},
        extractors=dict(sorted(extractors.items(), key=lambda kv: (-kv[1][0], kv[0]))),
    )

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
    own_spans: tuple[Score, Score] | None = None  # (relations, entities) with our spans as written, no `conventions`

    def as_dict(self) -> dict:
        """Everything in JSON-ready form."""
        own = {"own_spans": {"relations": self.own_spans[0].as_dict(), "entities": self.own_spans[1].as_dict()}} if self.own_spans else {}
        return {
            "relations": self.relations.as_dict(),
            "entities": self.entities.as_dict(),
            **own,
            "per_relation": {name: s.as_dict() for name, s in sorted(self.per_relation.items())},
            "extractors": {name: {"judged": j, "right": r} for name, (j, r) in self.extractors.items()},
        }

    def lines(self) -> list[str]:
        rows = [("relations (strict, micro)", self.relations), ("entities (Peop/Org/Loc)", self.entities)]
        if self.own_spans:
            rows += [("relations, our own spans", self.own_spans[0]), ("entities, our own spans", self.own_spans[1])]
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


DEMONYMS_ANNOTATED = frozenset({"Soviet"})
"""The one demonym CoNLL04 annotates as a place on its own (in its train split 9 times of 10; the
demonyms of our lexicon otherwise 0 of 98 outside a name)."""


TITLES_INSIDE = frozenset({"President", "Mr.", "Mr", "Mrs.", "Ms.", "Gen.", "Rev."})
"""Titles CoNLL04 puts inside a person's span (in its train split: President 43 times of 60, the
courtesy titles 22 of 22, Gen. 3 of 3, Rev. 3 of 3; other titles mostly outside). We keep titles
out of names (a title is a role), so scoring puts these back."""


def conventions(sentence: Sentence, spans: dict[str, Span]) -> dict[str, Span]:
    """Our entity spans (by record id) written in CoNLL04's conventions: a title it keeps inside a
    person's span joins the span, and in a sentence with "born" or "native" a "City , State" pair of
    places is one place (its train split does so 60 times of 60 with "born", 6 of 6 with "native";
    elsewhere it writes two places 162 times of 186, as we do)."""
    tokens = sentence.tokens
    out = {k: ((s - 1, e, t) if t == "Peop" and s > 0 and tokens[s - 1] in TITLES_INSIDE else (s, e, t)) for k, (s, e, t) in spans.items()}
    if "born" in tokens or "native" in tokens:
        place_at = {s: k for k, (s, e, t) in out.items() if t == "Loc"}
        for k, (s, e, t) in list(out.items()):
            other = place_at.get(e + 1) if t == "Loc" and e < len(tokens) and tokens[e] == "," else None
            if other is not None:
                out[k] = out[other] = (s, out[other][1], "Loc")
    return out


def _facts(sentence: Sentence, record: dict, adapt: bool = True) -> tuple[set[Span], list[tuple[dict, Fact]]]:
    """Entity spans of one `kg extract` record in CoNLL04 token terms, and each of its relations
    that CoNLL04 has a type for, as a fact between spans; a pronoun or description is not an
    entity span, and its relations count for its antecedent. A demonym ("Swedish" for Sweden) is
    no entity span: CoNLL04 annotates no demonym outside a name as Loc, nor relates one (none of 98
    in its train split; `DEMONYMS_ANNOTATED` aside); nor is a people named in the plural
    ("Austrians": 1 of 6 a Loc there, 4 Other) or a word for a faith's or a party's members
    ("Catholic", "Democrats": 2 of 17 annotated on their own there).
    `adapt` writes the spans in CoNLL04's `conventions`."""
    owner = token_index(sentence.tokens)
    spans: dict[str, Span] = {}
    for e in record["entities"]:
        kind, covered = CONLL_TYPES.get(e["type"]), to_tokens(owner, e["start"], e["end"])
        if kind and covered and "refers_to" not in e:
            spans[e["id"]] = (*covered, kind)
    spans = conventions(sentence, spans) if adapt else spans
    demonyms = {e["id"] for e in record["entities"] if e.get("text") not in DEMONYMS_ANNOTATED and e.get("name") in lexicon.stood_for(e.get("text", ""))}
    spans = {id_: span for id_, span in spans.items() if id_ not in demonyms}
    antecedent = {e["id"]: e["refers_to"] for e in record["entities"] if "refers_to" in e}
    facts = []
    for r in record["relations"]:
        head, tail = spans.get(antecedent.get(r["head"], r["head"])), spans.get(antecedent.get(r["tail"], r["tail"]))
        kind = relation_type(r["type"], head[2]) if head else None
        if head and tail and kind and head != tail:
            facts.append((r, (head, kind, tail)))
    return set(spans.values()), facts


def predictions(sentence: Sentence, record: dict, adapt: bool = True) -> tuple[set[Span], set[Fact]]:
    """Entity spans and relations of one `kg extract` record, in CoNLL04 token terms."""
    spans, facts = _facts(sentence, record, adapt)
    return spans, {fact for _, fact in facts}


def judged(sentence: Sentence, record: dict) -> Iterator[tuple[str, str, float, bool]]:
    """(extractor, our relation, confidence, right) for each relation of a record that CoNLL04 can
    judge: one of its five relation types between names it annotates (a relation of another type is
    not judged)."""
    annotated = {s for s in sentence.entities if s[2] in TYPES}
    for r, fact in _facts(sentence, record)[1]:
        if fact[0] in annotated and fact[2] in annotated:
            yield r.get("extractor", "?"), r["type"], r.get("confidence", 0.0), fact in sentence.relations


def score(gold: Iterable[Sentence], records: Iterable[dict]) -> Report:
    """Micro scores of predicted records against gold sentences (same order), with our spans in
    CoNLL04's conventions and, for comparison, as we write them."""
    counts: Counter = Counter()
    per: dict[str, Counter] = {name: Counter() for name in RELATION_TYPES}
    extractors: dict[str, tuple[int, int]] = {}
    for sentence, record in zip(gold, records, strict=True):
        for name, _, _, right in judged(sentence, record):
            judged_before, right_before = extractors.get(name, (0, 0))
            extractors[name] = (judged_before + 1, right_before + right)
        entities, facts = predictions(sentence, record)
        gold_entities = {s for s in sentence.entities if s[2] in TYPES}
        own_entities, own_facts = predictions(sentence, record, adapt=False)
        counts += Counter({"otp": len(own_entities & gold_entities), "ofp": len(own_entities - gold_entities), "ofn": len(gold_entities - own_entities)})
        counts += Counter({"rtp": len(own_facts & sentence.relations), "rfp": len(own_facts - sentence.relations), "rfn": len(sentence.relations - own_facts)})
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
        own_spans=(Score(counts["rtp"], counts["rfp"], counts["rfn"]), Score(counts["otp"], counts["ofp"], counts["ofn"])),
    )

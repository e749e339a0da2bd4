"""A learned relation classifier over candidate pairs of mentions in a sentence.

Candidates are ordered pairs of named mentions in one sentence. The argument types fix the
only relation a pair can have (joint decoding with type constraints), so the model decides
"related or not":

    Person -> Organization  worksFor        Person -> Place  livesIn
    Organization -> Place   locatedIn       Place -> Place   locatedIn
    Person -> Person        killed

Features are the dependency path between the two names (with and without its words, and
its label bigrams), the words between them, trigger lemmas on the path, and for each argument
its words, entity label, syntactic role and the two words on each side. The model is a logistic regression stored as JSON weights (no pickle, a few MB), so
inference is a sparse dot product. Probabilities are mapped so that the threshold chosen on
the dev split becomes confidence 0.5, the pipeline's default threshold.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from graph.extract import lexicon
from graph.extract.lexicon import masked
from graph.extract.mentions import Paragraph
from graph.extract.polarity import negated
from graph.types import ENTITY_TYPES, Mention

PAIR_RELATIONS = {
    ("Person", "Organization"): "worksFor",
    ("Person", "Place"): "livesIn",
    ("Organization", "Place"): "locatedIn",
    ("Place", "Place"): "locatedIn",
    ("Person", "Person"): "killed",
}
MAX_MENTIONS = 20


@dataclass(frozen=True)
class Candidate:
    """Two mentions of one sentence, as token spans, with their types."""

    head: Span
    tail: Span
    head_type: str
    tail_type: str

    @property
    def relation(self) -> str:
        return PAIR_RELATIONS[(self.head_type, self.tail_type)]


def _word(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ not in {"PROPN", "NUM"} else token.pos_


def _path(a: Token, b: Token) -> tuple[list[str], list[str], list[Token]]:
    """Shortest dependency path a -> b: (labels with direction, words on it, tokens on it)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return ["NOPATH"], [], []
    left = up_a[: up_a.index(common)]
    right = up_b[: up_b.index(common)]
    labels = [f"{t.dep_}>" for t in left] + [f"<{t.dep_}" for t in reversed(right)]
    middle = [*left[1:], common, *reversed(right[1:])] if common not in (a, b) else [*left[1:], *reversed(right[1:])]
    return labels, [_word(t) for t in middle], middle


def _argument(span: Span, role: str, pair: str) -> list[str]:
    """Features of one argument: its designator words and shapes, entity label, syntactic role and two words each side."""
    doc = span.doc
    f = [
        f"{role}last={pair}:{masked(span[-1].text)}",
        f"{role}ent={pair}:{span.root.ent_type_ or 'NONE'}",
        f"{role}len={pair}:{min(len(span), 4)}",
        f"{role}dep={pair}:{span.root.dep_}",
        f"{role}head={pair}:{span.root.head.lemma_.lower()}",
        f"{role}root={pair}:{span.root.dep_}:{span.root.head.lemma_.lower()}",
    ]
    f += [f"{role}w={pair}:{masked(t.text)}" for t in span]
    for k in (1, 2):
        before = doc[span.start - k] if span.start >= k else None
        after = doc[span.end + k - 1] if span.end + k - 1 < len(doc) else None
        f.append(f"{role}b{k}={pair}:{_word(before) if before is not None else 'BOS'}")
        f.append(f"{role}a{k}={pair}:{_word(after) if after is not None else 'EOS'}")
    return f


def features(c: Candidate) -> list[str]:
    """Binary features of a candidate pair (strings; the model holds one weight each).

    Every feature is prefixed with the argument types, so each pair type learns its own cues.
    """
    doc = c.head.doc
    pair = f"{c.head_type}>{c.tail_type}"
    labels, words, middle = _path(c.head.root, c.tail.root)
    first, second = (c.head, c.tail) if c.head.start < c.tail.start else (c.tail, c.head)
    between = doc[first.end : second.start]
    between_words = [_word(t) for t in between if not t.is_punct or t.text in {",", "(", "-"}]
    order = "ht" if c.head.start < c.tail.start else "th"
    f = [
        f"pair={pair}",
        f"order={pair}:{order}",
        f"path={pair}:{' '.join(labels)}",
        f"pathw={pair}:{' '.join(a + ' ' + b for a, b in zip(labels, words + ['']))}",
        f"len={pair}:{min(len(labels), 8)}",
        f"gap={pair}:{min(len(between), 10) // 2}",
        f"others={pair}:{min(sum(1 for t in between if t.ent_type_), 3)}",
        f"commas={pair}:{min(sum(1 for t in between if t.text == ','), 3)}",
    ]
    if len(between_words) <= 5:
        f.append(f"between={pair}:{order}:{' '.join(between_words)}")
    if len(between):
        f += [f"bfirst={pair}:{order}:{_word(between[0])}", f"blast={pair}:{order}:{_word(between[-1])}"]
    f += [f"bw={pair}:{w}" for w in sorted(set(between_words))]
    f += [f"bwo={pair}:{order}:{_word(t)}" for t in between if t.pos_ in {"VERB", "NOUN"}]
    f += [f"pv={pair}:{_word(t)}" for t in middle if t.pos_ in {"VERB", "NOUN", "ADP", "AUX"}]
    f += [f"pd={pair}:{label}" for label in labels]
    f += [f"pl={pair}:{a} {b}" for a, b in zip(labels, labels[1:])]
    return f + _argument(c.head, "h", pair) + _argument(c.tail, "t", pair)


_QUOTES = {"“", "”", '"', "``", "''"}


def quoted(sentence: Span) -> set[int]:
    """Indices of tokens inside quotation marks: a speaker's words, not facts about the speaker."""
    inside, depth = set(), False
    for token in sentence:
        if token.text in _QUOTES:
            depth = token.text in {"“", "``"} or (token.text == '"' and not depth)
            continue
        if depth:
            inside.add(token.i)
    return inside


def candidates(sentence: Span, mentions: list[tuple[Span, str]]) -> Iterator[Candidate]:
    """Ordered pairs of mentions in a sentence whose types allow a relation.

    Left out: a name inside a quotation paired with one outside it (the speaker), and two
    members of one coordination ("A, B and C" are listed together, not related).
    """
    inside = [(span, kind) for span, kind in mentions if span.start >= sentence.start and span.end <= sentence.end][:MAX_MENTIONS]
    in_quotes = quoted(sentence)
    for head, head_type in inside:
        for tail, tail_type in inside:
            if head == tail or (head_type, tail_type) not in PAIR_RELATIONS:
                continue
            if (head.root.i in in_quotes) != (tail.root.i in in_quotes) or tail.root in head.root.conjuncts:
                continue
            yield Candidate(head, tail, head_type, tail_type)


@dataclass(frozen=True)
class Classifier:
    """Logistic-regression weights and the decision threshold chosen on dev."""

    weights: dict[str, float]
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Path) -> Classifier:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"])

    def dump(self, path: Path) -> None:
        path.write_text(json.dumps({"bias": self.bias, "threshold": self.threshold, "weights": self.weights}, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")

    def probability(self, c: Candidate) -> float:
        return self.probability_of(features(c))

    def probability_of(self, names: list[str]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) for name in set(names))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def confidence(self, probability: float) -> float:
        """Piecewise-linear map with the dev threshold at 0.5, so 0.5 keeps what dev chose."""
        t = self.threshold
        return 0.5 * probability / t if probability < t else 0.5 + 0.5 * (probability - t) / (1 - t)


def paragraph_mentions(p: Paragraph) -> list[tuple[Span, Mention]]:
    """The named mentions written on a paragraph (not pronouns or descriptions), as token spans, in order."""
    spans: dict[str, list[int]] = {}
    found: dict[str, Mention] = {}
    for i, m in p.mentions.items():
        if m.type in ENTITY_TYPES and m.refers_to is None:
            spans.setdefault(m.id, []).append(i)
            found[m.id] = m
    return sorted(((p.doc[min(ix) : max(ix) + 1], found[k]) for k, ix in spans.items()), key=lambda pair: pair[0].start)


def has_trigger(c: Candidate) -> bool:
    """Whether the words joining the pair can state its relation at all.

    Some relations are never implied by mere proximity: a person and a place in one sentence
    are not evidence of where the person lives, nor two people of a killing. These need a
    trigger word on the dependency path between the names or in the text from just before the
    first to the second
    ("lives in", "a resident of", "was shot by"); the others are left to the model. Words of
    another relation block one ("graduated from", "a degree from" is no employment).
    """
    _, _, middle = _path(c.head.root, c.tail.root)
    first, second = sorted((c.head, c.tail), key=lambda s: s.start)
    words = {t.lemma_.lower() for t in [*middle, *c.head.doc[max(first.start - 3, 0) : first.start], *c.head.doc[first.end : second.start]]}
    if words & lexicon.RELATION_BLOCKERS.get(c.relation, frozenset()):
        return False
    triggers = lexicon.RELATION_TRIGGERS.get(c.relation)
    return triggers is None or bool(words & triggers)


def denied(c: Candidate) -> bool:
    """Whether a verb joining the pair is negated or denied ("X did not hire Y", "denied that X owns Y")."""
    _, _, middle = _path(c.head.root, c.tail.root)
    return any(negated(t) for t in middle if t.pos_ in {"VERB", "AUX"})


def predict(p: Paragraph, model: Classifier) -> Iterator[tuple[Mention, Mention, str, float, Token]]:
    """(head, tail, relation, confidence, anchor) for pairs the model accepts, one direction per pair."""
    spans = paragraph_mentions(p)
    by_span = {(s.start, s.end): m for s, m in spans}
    for sentence in p.doc.sents:
        scored = {}
        for c in candidates(sentence, [(s, m.type) for s, m in spans]):
            scored[(c.head.start, c.tail.start)] = (c, model.probability(c))
        for (h, t), (c, probability) in scored.items():
            reverse = scored.get((t, h))
            if reverse and reverse[0].relation == c.relation and (reverse[1], h) > (probability, t):
                continue
            head, tail = by_span[(c.head.start, c.head.end)], by_span[(c.tail.start, c.tail.end)]
            if head.name != tail.name and probability >= model.threshold / 2 and has_trigger(c) and not denied(c):
                yield head, tail, c.relation, model.confidence(probability), c.head.root

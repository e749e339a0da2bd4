"""Learned mention typing: is a name candidate a Person, an Organization, a Place, or no name?

The recogniser's label and the context rules' votes each get cases the other misses (a
theater the recogniser calls ORG, "Haiti" after "leaders of"). A multinomial logistic
regression weighs them together with the candidate's words, shape, neighbours and syntactic
role; a name's own words are seen only as shapes, unless they are general designators
("University", "Inc."), so it learns context rather than names. It is trained on recogniser output for sentences that recogniser never saw (K-fold, see
graph.learn.train), so it learns the recogniser's real mistakes. Weights are JSON, as for the
relation classifier.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.tokens import Doc

from graph.extract import lexicon, linear
from graph.extract.tokens import Tokens
from graph.names import COUNTRY_VARIANTS

NOT_A_NAME = "None"
TYPES = ("Organization", "Person", "Place", NOT_A_NAME)


def features(doc: Doc, start: int, end: int, label: str, votes: Counter) -> list[str]:
    """Binary features of the candidate name doc[start:end]."""
    t = Tokens.of(doc)
    text, lower, pos = t.text, t.lower, t.pos
    span = doc[start:end]
    root = span.root.i
    words = [lexicon.masked(text[i]) for i in range(start, end)]
    last = text[end - 1]
    f = [
        f"label={label}",
        f"len={min(end - start, 5)}",
        f"first={words[0]}",
        f"last={words[-1]}",
        f"label+last={label}:{words[-1]}",
        f"suffix={lexicon.fold(last)[-3:] if len(last) > 5 else lexicon.shape(last)}",
        f"shape={' '.join(lexicon.shape(text[i]) for i in range(start, min(end, start + 4)))}",
        f"dep={t.dep[root]}",
        f"head={t.dep[root]}:{t.lemma[t.head[root]]}",
        f"country={span.text in lexicon.COUNTRIES or span.text in COUNTRY_VARIANTS}",
        f"start={start == 0 or bool(doc[start].is_sent_start)}",
    ]
    f += [f"w={w}" for w in words]
    for kind, count in votes.items():
        f.append(f"vote={kind}:{min(round(count), 4)}")
    if votes:
        f.append(f"top={max(sorted(votes), key=lambda k: votes[k])}")

    def context(i: int) -> str:
        """A neighbouring word: itself, or its shape when it belongs to a name."""
        return lexicon.masked(text[i]) if pos[i] == "PROPN" else lower[i]

    for k in (1, 2):
        before = context(start - k) if start >= k else "BOS"
        after = context(end + k - 1) if end + k - 1 < len(text) else "EOS"
        f += [f"b{k}={before}", f"a{k}={after}"]
    return f


@dataclass(frozen=True)
class Typer:
    """Per-type weights and biases of the multinomial logistic regression."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]

    @classmethod
    def load(cls, path: Path) -> Typer:
        data = linear.read(path)
        return cls(data["weights"], data["bias"])

    def dump(self, path: Path) -> None:
        linear.write(path, {"bias": self.bias, "weights": self.weights})

    @cached_property
    def scorer(self) -> linear.LinearModel:
        """The weights as a matrix (one column per type, in the order of TYPES), built on first use."""
        return linear.LinearModel.from_weights({t: self.weights[t] for t in TYPES}, self.bias)

    def probabilities(self, names: list[str]) -> dict[str, float]:
        """Softmax over TYPES."""
        return self.probabilities_of([names])[0]

    def probabilities_of(self, rows: Sequence[Sequence[str]]) -> list[dict[str, float]]:
        """Softmax over TYPES for each candidate's features (a batch: one matrix gather and sum)."""
        found = []
        for row in self.scorer.scores(rows).tolist():
            top = max(row)
            exp = [math.exp(s - top) for s in row]
            total = sum(exp)
            found.append({t: e / total for t, e in zip(TYPES, exp)})
        return found

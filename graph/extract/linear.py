"""Linear models over binary string features: loaded from JSON once, scored a batch at a time.

Both learned parts of extraction are linear: the relation classifier (one class, a logistic
regression) and the mention typer (a multinomial one). Their JSON files map feature names to
weights; this module turns them into a feature index and a weight matrix, so a batch of
candidates (every pair or name of a document) costs one dictionary look-up per feature and one
numpy gather-and-sum, not one Python loop per candidate and class.

A candidate's score is its bias plus the weights of its distinct known features, added in
feature-index order. That order is fixed by the model, not by Python's string hashing, so a
score is the same in every process (a Python `set` would add them in a per-process order).

>>> model = LinearModel.from_weights({"yes": {"a": 1.0, "b": -0.5}}, {"yes": 0.25})
>>> model.scores([["a", "a", "b"], ["c"]]).tolist()
[[0.75], [0.25]]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np


def read(path: Path) -> dict:
    """A model file: a JSON object (the format of `kg train`; no pickle)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a model file holds one JSON object")
    return data


def write(path: Path, data: dict) -> None:
    """Write a model file the way `read` reads it: sorted keys, compact, one line."""
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")


class LinearModel:
    """Per-class weights of binary features as a matrix, and a bias per class.

    `index` maps a feature name to its row in `weights`; the last row is all zeros and stands
    for "no feature", so every candidate's sum has at least one term.
    """

    def __init__(self, classes: Sequence[str], index: dict[str, int], weights: np.ndarray, bias: np.ndarray) -> None:
        self.classes = tuple(classes)
        self.index = index
        self.weights = weights
        self.bias = bias
        self._none = len(index)

    @classmethod
    def from_weights(cls, weights: Mapping[str, Mapping[str, float]], bias: Mapping[str, float]) -> LinearModel:
        """From {class: {feature: weight}} and {class: bias}; classes keep the order of `weights`."""
        classes = list(weights)
        names = sorted({name for per_class in weights.values() for name in per_class})
        index = {name: i for i, name in enumerate(names)}
        matrix = np.zeros((len(names) + 1, len(classes)), dtype=np.float64)
        for column, kind in enumerate(classes):
            for name, value in weights[kind].items():
                matrix[index[name], column] = value
        return cls(classes, index, matrix, np.array([float(bias[k]) for k in classes], dtype=np.float64))

    def rows(self, batch: Sequence[Sequence[str]]) -> tuple[list[int], list[int]]:
        """(feature rows, where each candidate's rows start): its distinct known features, sorted,
        after the zero row."""
        get, none = self.index.get, self._none
        ids: list[int] = []
        starts: list[int] = []
        for names in batch:
            starts.append(len(ids))
            found: set[int | None] = set(map(get, names))
            found.discard(None)
            ids.append(none)
            ids += sorted(found)  # type: ignore[arg-type]  # None was discarded
        return ids, starts

    def scores(self, batch: Sequence[Sequence[str]]) -> np.ndarray:
        """Scores (candidates x classes): bias + the weights of each candidate's distinct features."""
        if not batch:
            return np.zeros((0, len(self.classes)), dtype=np.float64)
        ids, starts = self.rows(batch)
        sums = np.add.reduceat(self.weights[ids], starts, axis=0)
        return self.bias + sums

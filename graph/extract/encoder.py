"""A fine-tuned transformer encoder that scores candidate pairs, run with onnxruntime.

The relation classifier's logistic regression sees the dependency path and the words around a
pair; the encoder (all-MiniLM-L6-v2, fine-tuned by `kg train-encoder`, see graph.learn.encoder)
reads the whole sentence with the pair marked in it by typed markers, the two names themselves
masked: "@ person @ joined # organization #". Its output is a distribution over CoNLL04's
relation classes (and none); the classifier averages it with its own probability for the
relations those classes stand for.

The model is an int8 ONNX file with its tokenizer beside it; both are checked against the
models' manifest before use (graph.integrity). Inference needs onnxruntime, tokenizers and numpy
only. It is used with `--encoder` (off by default: it helps on CoNLL04 dev, hardly on news-dev, and
makes a build several times slower; the README gives the figures).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Tokenizer

CLASSES = ("None", "Kill", "Live_In", "Located_In", "OrgBased_In", "Work_For")
TYPE_WORDS = {"Person": "person", "Organization": "organization", "Place": "place"}
HEAD_MARK, TAIL_MARK = "@", "#"
MAX_TOKENS = 256
BATCH = 32

CLASS_OF: dict[tuple[str, str, str], str] = {
    ("worksFor", "Person", "Organization"): "Work_For",
    ("memberOf", "Person", "Organization"): "Work_For",
    ("livesIn", "Person", "Place"): "Live_In",
    ("killed", "Person", "Person"): "Kill",
    ("locatedIn", "Organization", "Place"): "OrgBased_In",
    ("headquarteredIn", "Organization", "Place"): "OrgBased_In",
    ("locatedIn", "Place", "Place"): "Located_In",
}
"""Which encoder class speaks for a relation between arguments of these types."""


Marked = tuple[list[str], int, int, int]  # words, index of the head's opening marker, of the tail's, of the last closing one


def marked_words(words: Sequence[str], head: tuple[int, int, str], tail: tuple[int, int, str]) -> Marked:
    """The sentence's words with each argument replaced by its type between markers ("@ person @
    joined # organization #"), and where the markers are; head and tail are (start, end, type)
    word spans that do not overlap. The arguments' own words are left out, so the encoder learns
    what the sentence says about a pair, not which names go together."""
    out: list[str] = []
    at = {}
    for i, word in enumerate(words):
        for key, mark, (start, _, kind) in (("head", HEAD_MARK, head), ("tail", TAIL_MARK, tail)):
            if i == start:
                at[key] = len(out)
                out += [mark, TYPE_WORDS[kind], mark]
                at["last"] = len(out) - 1  # the closing marker of the later argument
        if not (head[0] <= i < head[1] or tail[0] <= i < tail[1]):
            out.append(word)
    return out, at["head"], at["tail"], at["last"]


def encode(tokenizer: Tokenizer, rows: Sequence[Marked]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Token ids, attention mask and the token positions of the two opening markers of marked
    rows (padded to the longest; -1 for a row that truncation cut before its last marker)."""
    encodings = tokenizer.encode_batch([words for words, _, _, _ in rows], is_pretokenized=True)
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    heads = np.full(len(rows), -1, dtype=np.int64)
    tails = np.full(len(rows), -1, dtype=np.int64)
    for k, ((_, head, tail, last), e) in enumerate(zip(rows, encodings)):
        ids[k, : len(e.ids)] = e.ids
        mask[k, : len(e.ids)] = 1
        starts: dict[int, int] = {}  # word index -> its first token
        for position, word in enumerate(e.word_ids):
            if word is not None and word not in starts:
                starts[word] = position
        if last in starts:
            heads[k], tails[k] = starts[head], starts[tail]
    return ids, mask, heads, tails


@dataclass(frozen=True)
class PairEncoder:
    """The ONNX session and tokenizer of a fine-tuned pair encoder."""

    session: InferenceSession
    tokenizer: Tokenizer

    @classmethod
    def load(cls, directory: Path) -> PairEncoder:
        import onnxruntime
        from tokenizers import Tokenizer

        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if tuple(meta["classes"]) != CLASSES:
            raise ValueError(f"{directory}: the encoder's classes are {meta['classes']}, not {list(CLASSES)}")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one core per process, as the rest of extraction; scores are then repeatable
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        return cls(session, tokenizer)

    def probabilities(self, pairs: Sequence[tuple[Span, Span, Span, str, str]]) -> list[dict[str, float] | None]:
        """For each (sentence, head, tail, head type, tail type), the class distribution; None where
        the sentence is too long for both markers to fit. The pairs are scored in length-sorted
        batches, so little padding is computed."""
        words: dict[tuple[int, int], list[str]] = {}  # a sentence's words (by its doc and start), read once for all its pairs
        for sentence, *_ in pairs:
            if (id(sentence.doc), sentence.start) not in words:
                words[id(sentence.doc), sentence.start] = [t.text for t in sentence]
        rows = [marked_words(words[id(sentence.doc), sentence.start], (head.start - sentence.start, head.end - sentence.start, head_type),
                             (tail.start - sentence.start, tail.end - sentence.start, tail_type))
                for sentence, head, tail, head_type, tail_type in pairs]
        found: list[dict[str, float] | None] = [None] * len(rows)
        order = sorted(range(len(rows)), key=lambda k: len(rows[k][0]))
        for first in range(0, len(order), BATCH):
            chosen = order[first : first + BATCH]
            ids, mask, heads, tails = encode(self.tokenizer, [rows[k] for k in chosen])
            fits = heads >= 0
            if not fits.any():
                continue
            logits = self.session.run(None, {"input_ids": ids[fits], "attention_mask": mask[fits], "head": heads[fits], "tail": tails[fits]})[0]
            exp = np.exp(logits - logits.max(axis=1, keepdims=True))
            distributions = (exp / exp.sum(axis=1, keepdims=True)).tolist()
            for k, distribution in zip([c for c, ok in zip(chosen, fits) if ok], distributions):
                found[k] = dict(zip(CLASSES, distribution))
        return found


def combined(confidence: float, probability: float) -> float:
    """The classifier's calibrated confidence and the encoder's probability of the same relation,
    averaged with equal weight (fixed beforehand, not tuned)."""
    return (confidence + probability) / 2

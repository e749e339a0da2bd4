"""Rebuild the shipped learned components from CoNLL04 train (fixed seeds, CPU, minutes).

1. `ner`: spaCy's entity recogniser, training resumed on the train split. Gold Peop/Org/Loc
   become PERSON/ORG/GPE; "Other" spans are left unannotated (missing), and the stock
   model's own DATE, MONEY, NORP, ... predictions elsewhere in each sentence are kept as
   annotations (rehearsal), so the OntoNotes types are not forgotten.
2. `typer.json`: the mention typer (see graph.extract.mention_types), trained on the name candidates
   of each fifth of the train split as found by a recogniser trained on the other four fifths.
3. `relations.json`: a logistic-regression relation classifier over candidate entity pairs
   (see graph.extract.classifier), trained on sentences parsed by the pipeline with the new
   recogniser and typer, and on the gold entities.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from graph import nlp as pipeline_nlp
from graph.extract.classifier import (
    Classifier,
    candidates,
    features,
    paragraph_mentions,
)
from graph.extract.mention_types import NOT_A_NAME, Typer
from graph.extract.mention_types import features as typer_features
from graph.extract.mentions import find_mentions, name_candidates
from graph.integrity import write_manifest
from graph.learn.conll04 import (
    CONLL_TYPES,
    RELATION_TYPES,
    TYPES,
    Sentence,
    article,
    load,
    relation_type,
    to_tokens,
    token_index,
)
from graph.learned import pipeline_dir, pipeline_meta

NER_LABELS = {"Peop": "PERSON", "Org": "ORG", "Loc": "GPE"}
_KEPT_STOCK_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "NORP", "EVENT", "LAW", "LANGUAGE", "PRODUCT", "WORK_OF_ART"}
SEED = 13


def _offsets(sentence: Sentence) -> list[tuple[int, int]]:
    """Character (start, end) of each token in the space-joined text."""
    offsets, position = [], 0
    for token in sentence.tokens:
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return offsets


def _char_spans(sentence: Sentence) -> list[tuple[int, int, str]]:
    offsets = _offsets(sentence)
    return [(offsets[s][0], offsets[e - 1][1], kind) for s, e, kind in sorted(sentence.entities)]


def ner_examples(nlp: spacy.Language, sentences: Iterable[Sentence]) -> list[Example]:
    """Training examples: gold names, 'Other' as missing, and rehearsed stock predictions."""
    examples = []
    sentences = list(sentences)
    for sentence, predicted in zip(sentences, nlp.pipe(s.text for s in sentences)):
        gold = _char_spans(sentence)
        taken = [(s, e) for s, e, _ in gold]
        entities = [(s, e, NER_LABELS[k]) for s, e, k in gold if k in NER_LABELS]
        for ent in predicted.ents:
            if ent.label_ in _KEPT_STOCK_LABELS and all(ent.end_char <= s or ent.start_char >= e for s, e in taken):
                entities.append((ent.start_char, ent.end_char, ent.label_))
        reference = nlp.make_doc(sentence.text)
        spans = [reference.char_span(s, e, label=label, alignment_mode="contract") for s, e, label in sorted(entities)]
        missing = [reference.char_span(s, e, alignment_mode="expand") for s, e, k in gold if k not in NER_LABELS]
        try:
            reference.set_ents([s for s in spans if s], missing=[m for m in missing if m], default="outside")
        except ValueError:  # stock and gold spans overlap after alignment: keep the gold names only
            reference.set_ents([s for s in spans if s and s.label_ in NER_LABELS.values()], default="outside")
        examples.append(Example(nlp.make_doc(sentence.text), reference))
    return examples


def train_ner(base_model: str, sentences: list[Sentence], out_dir: Path, epochs: int = 12, drop: float = 0.1, batch: int = 32, log=print) -> Path:
    """Resume training of the base model's `ner` on the sentences; writes the component to out_dir/ner."""
    fix_random_seed(SEED)
    nlp = spacy.load(base_model)
    examples = ner_examples(nlp, sentences)
    rng = random.Random(SEED)
    optimizer = nlp.resume_training()
    with nlp.select_pipes(enable=["ner"]):
        for epoch in range(epochs):
            rng.shuffle(examples)
            losses: dict[str, float] = {}
            for chunk in minibatch(examples, size=batch):
                nlp.update(chunk, sgd=optimizer, drop=drop, losses=losses)
            log(f"ner epoch {epoch + 1}/{epochs}: loss {losses.get('ner', 0.0):.1f}")
    target = out_dir / "ner"
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.get_pipe("ner").to_disk(target, exclude=["vocab"])  # type: ignore[attr-defined]  # the base model ships its own vocabulary
    (out_dir / "meta.json").write_text(
        json.dumps({"base_model": base_model, "base_version": nlp.meta.get("version"), "epochs": epochs, "seed": SEED}, indent=2) + "\n",
        encoding="utf-8",
    )
    return target




def pair_examples(nlp: spacy.Language, sentences: list[Sentence]) -> tuple[list[list[str]], list[int]]:
    """Features and 0/1 labels of every candidate pair over the gold entities of each sentence."""
    rows, labels = [], []
    texts = (pipeline_nlp.parser_text(s.text) for s in sentences)
    for sentence, doc in zip(sentences, nlp.pipe(texts, batch_size=64)):
        offsets = _offsets(sentence)
        spans = {}
        for start, end, kind in sorted(sentence.entities):
            span = doc.char_span(offsets[start][0], offsets[end - 1][1], alignment_mode="expand")
            if span is not None and kind in TYPES:
                spans[(start, end, kind)] = (span, TYPES[kind])
        related = {(spans[h][0].start, spans[t][0].start) for h, kind, t in sentence.relations if kind in RELATION_TYPES and h in spans and t in spans}
        for c in candidates(doc[:], list(spans.values())):
            rows.append(features(c))
            labels.append(int((c.head.start, c.tail.start) in related))
    return rows, labels


def predicted_pair_examples(nlp: spacy.Language, typer: Typer | None, sentences: list[Sentence]) -> tuple[list[list[str]], list[int]]:
    """Features and labels over the mentions the pipeline itself finds (what it sees at run time)."""
    rows, labels = [], []
    for sentence, (parsed, docs) in zip(sentences, pipeline_nlp.parse([article(s) for s in sentences], nlp)):
        _, paragraphs = find_mentions(parsed, docs, typer)
        owner = token_index(sentence.tokens)
        for p in paragraphs:
            for c in candidates(p.doc[:], [(span, m.type) for span, m in paragraph_mentions(p)]):
                head = to_tokens(owner, c.head.start_char + p.offset, c.head.end_char + p.offset)
                tail = to_tokens(owner, c.tail.start_char + p.offset, c.tail.end_char + p.offset)
                kind = relation_type(c.relation, CONLL_TYPES[c.head_type])
                fact = ((*head, CONLL_TYPES[c.head_type]), kind, (*tail, CONLL_TYPES[c.tail_type])) if head and tail else None
                rows.append(features(c))
                labels.append(int(fact in sentence.relations))
    return rows, labels


def _fit(rows: list[list[str]], labels: list, c: float):
    """A logistic regression over binary string features: (feature names, fitted model)."""
    from sklearn.feature_extraction import (
        DictVectorizer,  # scikit-learn: an extra only training needs
    )
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(row, 1) for row in rows])
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs").fit(x, labels)
    return [str(n) for n in vectorizer.get_feature_names_out()], model


def _weights(names: list[str], coef) -> dict[str, float]:
    """The non-negligible weights, rounded for a small JSON file."""
    return {n: round(float(w), 5) for n, w in zip(names, coef) if abs(w) >= 1e-4}


def _gold_type(sentence: Sentence, span: tuple[int, int] | None) -> str:
    """The type a candidate name should get: that of the gold name it matches or overlaps most."""
    if span is None:
        return NOT_A_NAME
    overlaps = [(min(e, span[1]) - max(s, span[0]), -s, k) for s, e, k in sentence.entities if s < span[1] and span[0] < e]
    if not overlaps:
        return NOT_A_NAME
    return TYPES.get(max(overlaps)[2], NOT_A_NAME)


def typer_examples(nlp: spacy.Language, sentences: list[Sentence]) -> tuple[list[list[str]], list[str]]:
    """Features and gold types of every name candidate the pipeline finds in the sentences."""
    rows, labels = [], []
    for sentence, (parsed, docs) in zip(sentences, pipeline_nlp.parse([article(s) for s in sentences], nlp)):
        owner = token_index(sentence.tokens)
        candidates, _ = name_candidates(docs, parsed.text)
        for c in candidates:
            if not c.label:
                continue  # coordinated names are typed by their shared noun, not by the typer
            offset, doc = docs[c.doc]
            span = doc[c.start : c.end]
            rows.append(typer_features(doc, c.start, c.end, c.label, c.votes))
            labels.append(_gold_type(sentence, to_tokens(owner, offset + span.start_char, offset + span.end_char)))
    return rows, labels


def train_typer(base_model: str, sentences: list[Sentence], out_path: Path, folds: int = 5, c: float = 1.0, log=print) -> Typer:
    """Fit the mention typer on held-out recogniser output: K recognisers, each trained without one fold."""
    rows: list[list[str]] = []
    labels: list[str] = []
    for k in range(folds):
        held_out = sentences[k::folds]
        rest = [s for i, s in enumerate(sentences) if i % folds != k]
        with tempfile.TemporaryDirectory() as scratch:
            ner = train_ner(base_model, rest, Path(scratch), log=lambda _: None)
            fold_rows, fold_labels = typer_examples(pipeline_nlp.load(base_model, ner), held_out)
            pipeline_nlp.load.cache_clear()
        rows += fold_rows
        labels += fold_labels
        log(f"typer fold {k + 1}/{folds}: {len(fold_labels)} candidates")
    names, model = _fit(rows, labels, c)
    weights = {str(t): _weights(names, coef) for t, coef in zip(model.classes_, model.coef_)}
    typer = Typer(weights, {str(t): round(float(b), 5) for t, b in zip(model.classes_, model.intercept_)})
    log(f"mention typer: {len(labels)} candidates ({sum(1 for y in labels if y == NOT_A_NAME)} not names), {sum(map(len, weights.values()))} weights")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    typer.dump(out_path)
    return typer



def train_classifier(nlp: spacy.Language, typer: Typer | None, train_path: Path, out_path: Path, c: float = 0.25, folds: int = 5, log=print) -> Classifier:
    """Fit the relation classifier on train and write JSON weights.

    The threshold is chosen by K-fold cross-validation on train alone: each fold is scored by
    a model fitted on the other folds, over the mention pairs the pipeline itself finds, and
    the threshold with the best pair F1 over all folds is kept. Dev data plays no part.
    """
    train = load(train_path)
    parts = [train[k::folds] for k in range(folds)]
    examples = [(pair_examples(nlp, part), predicted_pair_examples(nlp, typer, part)) for part in parts]
    probabilities: list[float] = []
    held_labels: list[int] = []
    for k in range(folds):
        rows = [r for i, (gold, found) in enumerate(examples) if i != k for r in gold[0] + found[0]]
        labels = [y for i, (gold, found) in enumerate(examples) if i != k for y in gold[1] + found[1]]
        names, model = _fit(rows, labels, c)
        fold = Classifier(_weights(names, model.coef_[0]), round(float(model.intercept_[0]), 5), 0.5)
        probabilities += [fold.probability_of(row) for row in examples[k][1][0]]
        held_labels += examples[k][1][1]
    best = max((_f1(probabilities, held_labels, t / 100), t / 100) for t in range(10, 91, 2))
    rows = [r for gold, found in examples for r in gold[0] + found[0]]
    labels = [y for gold, found in examples for y in gold[1] + found[1]]
    names, model = _fit(rows, labels, c)
    weights = _weights(names, model.coef_[0])
    classifier = Classifier(weights, round(float(model.intercept_[0]), 5), best[1])
    log(f"relation classifier: {len(labels)} train pairs ({sum(labels)} related), {len(weights)} weights; "
        f"cross-validated pair F1 {100 * best[0]:.1f} at threshold {best[1]:.2f}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    classifier.dump(out_path)
    return classifier


def _f1(probabilities: list[float], labels: list[int], threshold: float) -> float:
    tp = sum(1 for p, y in zip(probabilities, labels) if p >= threshold and y)
    fp = sum(1 for p, y in zip(probabilities, labels) if p >= threshold and not y)
    fn = sum(1 for p, y in zip(probabilities, labels) if p < threshold and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train_all(base_model: str, data_dir: Path, out_dir: Path, log=print) -> None:
    """Rebuild every shipped model in `out_dir` from CoNLL04 train alone (thresholds by cross-validation)."""
    train_path = data_dir / "conll04_train.json"
    sentences = load(train_path)
    ner = train_ner(base_model, sentences, out_dir, log=log)
    typer = train_typer(base_model, sentences, out_dir / "typer.json", log=log)
    train_classifier(pipeline_nlp.load(base_model, ner), typer, train_path, out_dir / "relations.json", log=log)
    write_manifest(out_dir, base_model, pipeline_meta(base_model).get("version"), pipeline_dir(base_model))

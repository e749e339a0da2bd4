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
from dataclasses import dataclass, replace
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from graph import ingest
from graph import nlp as pipeline_nlp
from graph.extract import extract
from graph.extract.classifier import (
    PAIR_RELATIONS,
    Classifier,
    candidates,
    features,
)
from graph.extract.mention_types import NOT_A_NAME, Typer
from graph.extract.mention_types import features as typer_features
from graph.extract.mentions import find_mentions, name_candidates
from graph.integrity import write_manifest
from graph.learn import conll04, redocred
from graph.learn.conll04 import (
    CONLL_TYPES,
    TYPES,
    Sentence,
    article,
    load,
    to_tokens,
    token_index,
)
from graph.learned import pipeline_dir, pipeline_meta
from graph.output.record import record

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




# CoNLL04 relation -> ours (its OrgBased_In is where an organisation is, not only its head office).
CONLL04_RELATIONS = {"Work_For": "worksFor", "Live_In": "livesIn", "Located_In": "locatedIn", "OrgBased_In": "locatedIn", "Kill": "killed"}
# The relations each training source annotates: a candidate of another relation's types there is
# no evidence against it (CoNLL04 never marks where someone studied).
ANNOTATED = {
    "conll04": frozenset(CONLL04_RELATIONS.values()),
    "redocred": frozenset(name for name, _ in redocred.PROPERTIES.values()),
}
# A relation the model learns no better than this (cross-validated F1) is left to the rules.
MIN_CV_F1 = 0.3
# A head office is a site: a headquarteredIn example is a locatedIn one too.
IMPLIED = {"headquarteredIn": "locatedIn"}


@dataclass(frozen=True)
class PairExample:
    """One candidate pair: its features, the relations it has, the relations it may have but the
    annotation does not settle (left out of those relations' training), its source and fold."""

    features: list[str]
    pair: tuple[str, str]
    relations: frozenset[str]
    unsure: frozenset[str]
    source: str
    fold: int


def _labels(relations: Iterable[str]) -> frozenset[str]:
    found = set(relations)
    found |= {IMPLIED[r] for r in found if r in IMPLIED}
    return frozenset(found)


def pair_examples(nlp: spacy.Language, sentences: list[Sentence], folds: int = 5) -> list[PairExample]:
    """Every candidate pair over the gold entities of each CoNLL04 sentence."""
    out = []
    texts = (pipeline_nlp.parser_text(s.text) for s in sentences)
    for number, (sentence, doc) in enumerate(zip(sentences, nlp.pipe(texts, batch_size=64))):
        offsets = _offsets(sentence)
        spans = {}
        for start, end, kind in sorted(sentence.entities):
            span = doc.char_span(offsets[start][0], offsets[end - 1][1], alignment_mode="expand")
            if span is not None and kind in TYPES:
                spans[(start, end, kind)] = (span, TYPES[kind])
        related: dict[tuple[int, int], set[str]] = {}
        for h, kind, t in sentence.relations:
            if kind in CONLL04_RELATIONS and h in spans and t in spans:
                related.setdefault((spans[h][0].start, spans[t][0].start), set()).add(CONLL04_RELATIONS[kind])
        for c in candidates(doc[:], list(spans.values())):
            out.append(PairExample(features(c), (c.head_type, c.tail_type), _labels(related.get((c.head.start, c.tail.start), ())), frozenset(), "conll04", number % folds))
    return out


def predicted_pair_examples(nlp: spacy.Language, typer: Typer | None, sentences: list[Sentence], folds: int = 5) -> list[PairExample]:
    """Candidate pairs over the mentions the pipeline itself finds in CoNLL04 (what it sees at run time)."""
    out = []
    ours = {theirs: name for theirs, name in CONLL04_RELATIONS.items()}
    for number, (sentence, (parsed, docs)) in enumerate(zip(sentences, pipeline_nlp.parse([article(s) for s in sentences], nlp))):
        _, paragraphs = find_mentions(parsed, docs, typer)
        owner = token_index(sentence.tokens)
        facts: dict[tuple, set[str]] = {}
        for h, kind, t in sentence.relations:
            if kind in ours:
                facts.setdefault((h, t), set()).add(ours[kind])
        for p in paragraphs:
            for c in candidates(p.doc[:], [(span, m.type) for span, m in p.named()]):
                head = to_tokens(owner, c.head.start_char + p.offset, c.head.end_char + p.offset)
                tail = to_tokens(owner, c.tail.start_char + p.offset, c.tail.end_char + p.offset)
                key = ((*head, CONLL_TYPES[c.head_type]), (*tail, CONLL_TYPES[c.tail_type])) if head and tail else None
                out.append(PairExample(features(c), (c.head_type, c.tail_type), _labels(facts.get(key, ()) if key else ()), frozenset(), "conll04", number % folds))
    return out


def redocred_examples(nlp: spacy.Language, documents: list[redocred.Document], folds: int = 5) -> list[PairExample]:
    """Candidate pairs over the gold mentions of Re-DocRED documents, within one sentence.

    A pair is related when its entities have the relation and both mentions are in one sentence
    of the document. (Counting only the sentences its annotators give as evidence leaves too few
    examples: on the held-out dev part that model scored 21.0 relation F1, this one 21.7.)"""
    out = []
    articles = list(redocred.articles(documents))
    for document, (_, docs) in zip(documents, pipeline_nlp.parse(articles, nlp)):
        by_pair = redocred.relations_by_pair(document)
        for offset, doc in docs:
            mentions = []  # (span, type, entity, gold sentence)
            for e, entity in enumerate(document.entities):
                if entity.type not in redocred.TYPES:
                    continue
                for m in entity.mentions:
                    span = doc.char_span(m.span[0] - offset, m.span[1] - offset, alignment_mode="expand")
                    if span is not None:
                        mentions.append((span, redocred.TYPES[entity.type], e, m.sent_id))
            where = {(span.start, span.end): (e, sent) for span, _, e, sent in mentions}
            unique = list({(span.start, span.end): (span, kind) for span, kind, _, _ in mentions}.values())
            for c in candidates(doc[:], unique):
                (h, h_sent), (t, t_sent) = where[(c.head.start, c.head.end)], where[(c.tail.start, c.tail.end)]
                if h == t:
                    continue
                known = by_pair.get((h, t), set())
                labels = _labels(known if h_sent == t_sent else ())
                out.append(PairExample(features(c), (c.head_type, c.tail_type), labels, _labels(known) - labels, "redocred", document.index % folds))
    return out


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



def _relation_rows(examples: list[PairExample], relation: str) -> list[PairExample]:
    """The examples that say something about a relation: of its argument types, from a source
    that annotates it, and not left unsure."""
    return [
        x for x in examples
        if relation in PAIR_RELATIONS.get(x.pair, ()) and relation in ANNOTATED[x.source] and relation not in x.unsure
    ]


def train_classifier(nlp: spacy.Language, typer: Typer | None, train_path: Path, redocred_path: Path | None, out_path: Path,
                     c: float = 0.25, folds: int = 5, log=print) -> Classifier:
    """Fit one logistic regression per relation and write the JSON weights.

    Training data: CoNLL04 train (pairs over its gold names and over the names the pipeline
    finds) and the train part of Re-DocRED (pairs over its gold mentions; its dev part, every
    fifth document, is held out for `kg eval redocred`). Each relation's threshold is chosen by
    K-fold cross-validation on that training data alone: each fold is scored by a model fitted on
    the other folds, and the threshold with the best F1 over all folds is kept.
    """
    sentences = load(train_path)
    examples = pair_examples(nlp, sentences, folds) + predicted_pair_examples(nlp, typer, sentences, folds)
    if redocred_path is not None:
        train_part, _ = redocred.split(redocred.load(redocred_path))
        examples += redocred_examples(nlp, train_part, folds)
    log(f"relation classifier: {len(examples)} candidate pairs ({sum(1 for x in examples if x.relations)} related)")
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    thresholds: dict[str, float] = {}
    for relation in sorted({r for rs in PAIR_RELATIONS.values() for r in rs}):
        rows = _relation_rows(examples, relation)
        labels = [int(relation in x.relations) for x in rows]
        if sum(labels) < 10:
            log(f"  {relation}: {sum(labels)} examples, too few to learn from; left out")
            continue
        probabilities: list[float] = []
        held: list[int] = []
        for k in range(folds):
            train_rows = [x.features for x in rows if x.fold != k]
            train_labels = [y for x, y in zip(rows, labels) if x.fold != k]
            names, model = _fit(train_rows, train_labels, c)
            fold = Classifier({relation: _weights(names, model.coef_[0])}, {relation: float(model.intercept_[0])}, {relation: 0.5})
            probabilities += [p[relation] for p in fold.probabilities_of([x.features for x in rows if x.fold == k])]
            held += [y for x, y in zip(rows, labels) if x.fold == k]
        best = max((_f1(probabilities, held, t / 100), t / 100) for t in range(10, 91, 2))
        if best[0] < MIN_CV_F1:
            log(f"  {relation}: cross-validated F1 {100 * best[0]:.1f}: not learnable from this data; left to the rules")
            continue
        names, model = _fit([x.features for x in rows], labels, c)
        weights[relation] = _weights(names, model.coef_[0])
        bias[relation] = round(float(model.intercept_[0]), 5)
        thresholds[relation] = best[1]
        log(f"  {relation}: {len(rows)} pairs ({sum(labels)} related), {len(weights[relation])} weights; "
            f"cross-validated F1 {100 * best[0]:.1f} at threshold {best[1]:.2f}")
    classifier = Classifier(weights, bias, thresholds)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    classifier.dump(out_path)
    return classifier


MIN_RULE_JUDGED = 5  # a rule judged fewer times keeps the confidence written beside it
PRIOR_WEIGHT = 2  # the written confidence counts as this many judged facts
NOT_JUDGED = frozenset({"nationality", "livesIn"})
"""Relations CoNLL04 leaves too many true facts of unannotated to judge a rule by. It has no
nationality relation, and its Live_In takes in only some nationalities; it omits many residences
too. On its train split every fact of these rules it counts wrong is true and unannotated:
nationality:country 21 of 36 ("a citizen of Y", "X, the Nth president of Y"), lives:home 5 of 9
("outside X's apartment building in Y"), verb:live 3 of 5 ("X lives in Y"). Their written
confidences stand."""


def rule_confidences(nlp: spacy.Language, typer: Typer | None, classifier: Classifier, sentences: list[Sentence], log=print) -> dict[str, float]:
    """Each rule's precision on CoNLL04 train, where it can be judged (one of CoNLL04's relation
    types between names it annotates; no nationality or residence, see NOT_JUDGED), for the rules
    judged at least MIN_RULE_JUDGED times. The confidence written beside the rule is the prior,
    worth PRIOR_WEIGHT judged facts: (right + 2 * written) / (judged + 2). CoNLL04 annotates
    nearly every relation of its types in a sentence (residences aside); Re-DocRED leaves many true ones out, so a rule's fact it does not list is no
    evidence of a wrong one (measured there, the rules' precision came out 0.1-0.4 lower, and
    news-dev relation F1 fell from 61.4 to 59.2). The classifier is calibrated on its own."""
    counts: dict[str, list[float]] = {}
    for sentence, (parsed, docs) in zip(sentences, pipeline_nlp.parse([article(s) for s in sentences], nlp)):
        for name, relation, written, correct in conll04.judged(sentence, record(extract(parsed, docs, classifier, typer, ingest.article_facts(parsed)))):
            if not name.startswith("model:") and relation not in NOT_JUDGED:
                entry = counts.setdefault(name, [0, 0, written])
                entry[0] += 1
                entry[1] += correct
    measured = {
        name: round((right + PRIOR_WEIGHT * written) / (judged + PRIOR_WEIGHT), 3)
        for name, (judged, right, written) in sorted(counts.items())
        if judged >= MIN_RULE_JUDGED
    }
    for name, (judged, right, _) in sorted(counts.items()):
        log(f"  rule {name}: {right:.0f}/{judged:.0f} right" + (f", confidence {measured[name]:.2f}" if name in measured else ", too few to measure"))
    return measured


def _f1(probabilities: list[float], labels: list[int], threshold: float) -> float:
    tp = sum(1 for p, y in zip(probabilities, labels) if p >= threshold and y)
    fp = sum(1 for p, y in zip(probabilities, labels) if p >= threshold and not y)
    fn = sum(1 for p, y in zip(probabilities, labels) if p < threshold and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train_all(base_model: str, data_dir: Path, out_dir: Path, redocred_path: Path | None = None, log=print) -> None:
    """Rebuild every shipped model in `out_dir`: the recogniser and typer from CoNLL04 train, the
    relation classifier from CoNLL04 train and Re-DocRED's train part (thresholds by cross-validation)."""
    train_path = data_dir / "conll04_train.json"
    sentences = load(train_path)
    ner = train_ner(base_model, sentences, out_dir, log=log)
    typer = train_typer(base_model, sentences, out_dir / "typer.json", log=log)
    nlp = pipeline_nlp.load(base_model, ner)
    classifier = train_classifier(nlp, typer, train_path, redocred_path, out_dir / "relations.json", log=log)
    classifier = replace(classifier, rules=rule_confidences(nlp, typer, classifier, sentences, log=log))
    classifier.dump(out_dir / "relations.json")
    write_manifest(out_dir, base_model, pipeline_meta(base_model).get("version"), pipeline_dir(base_model))

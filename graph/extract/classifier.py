"""A learned relation classifier over candidate pairs of mentions in a sentence.

Candidates are ordered pairs of named mentions in one sentence. The argument types fix which
relations a pair can have (joint decoding with type constraints):

    Person -> Organization        worksFor, alumniOf, memberOf
    Organization -> Person        foundedBy
    Organization -> Organization  parentOrganization, memberOf
    Organization -> Place         locatedIn, headquarteredIn
    Place -> Place                locatedIn, capitalOf
    Person -> Place               livesIn
    Person -> Person              killed

Features are the dependency path between the two names (with and without its words, and
its label bigrams), the words between them, trigger lemmas on the path, and for each argument
its designator words (names masked to their shape), entity label, syntactic role and the two
words on each side. There is one logistic regression per relation (one against the rest, over
the candidates of its argument types), stored as JSON weights (no pickle), so inference is one
sparse dot product per candidate and relation. Each relation's probability is mapped so that
its cross-validated threshold becomes confidence 0.5, the pipeline's default threshold; a pair
takes the relation of highest confidence. Where the fine-tuned pair encoder is loaded
(graph.extract.encoder), its probability of the CoNLL04 class a relation stands for is averaged
with that confidence.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from graph.extract import lexicon, linear
from graph.extract.encoder import CLASS_OF, PairEncoder, combined
from graph.extract.lexicon import masked
from graph.extract.mentions import Paragraph, is_bracketed
from graph.extract.polarity import negated, none, planned
from graph.extract.tokens import Tokens, quoted
from graph.types import Mention

PAIR_RELATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Person", "Organization"): ("worksFor", "alumniOf", "memberOf"),
    ("Organization", "Person"): ("foundedBy",),
    ("Organization", "Organization"): ("parentOrganization", "memberOf"),
    ("Organization", "Place"): ("locatedIn", "headquarteredIn"),
    ("Place", "Place"): ("locatedIn", "capitalOf"),
    ("Person", "Place"): ("livesIn",),
    ("Person", "Person"): ("killed",),
}
MAX_MENTIONS = 20
_AFFILIATING = lexicon.AFFILIATION_VERBS | lexicon.HIRING_VERBS | lexicon.LEAVING_VERBS | lexicon.ROLE_VERBS
"""Verbs between a person and an organisation as subject and object that can state an affiliation."""


@dataclass(frozen=True)
class Candidate:
    """Two mentions of one sentence, as token spans, with their types."""

    head: Span
    tail: Span
    head_type: str
    tail_type: str

    @property
    def relations(self) -> tuple[str, ...]:
        """The relations its argument types allow."""
        return PAIR_RELATIONS[(self.head_type, self.tail_type)]


def features(c: Candidate) -> list[str]:
    """Binary features of a candidate pair (strings; the model holds one weight each): the
    dependency path and its words, the words between the names, and each argument's features.

    Every feature is prefixed with the argument types, so each pair type learns its own cues.
    Many pairs of one doc are featurised faster through one `Parse` of it.
    """
    return Parse(c.head.doc).features(c)


def candidates(sentence: Span, mentions: list[tuple[Span, str]]) -> Iterator[Candidate]:
    """Ordered pairs of mentions in a sentence whose types allow a relation.

    Left out: a name inside a quotation paired with one outside it (the speaker), two members
    of one coordination ("A, B and C" are listed together, not related), and a name that only
    modifies a word ("a Mars-exploration rover", "Denver-area hospitals", "the Denver law
    firm X"): it is no party to the sentence's relations; the rules read what it says of the
    noun it modifies ("the Lyon-based maker X", "the Denver law firm X", "its Tokyo office").
    """
    return iter(Parse(sentence.doc).candidates(sentence, mentions))


class Parse:
    """One doc as the pair features read it: each token's word, label, part of speech, text and
    head, each argument's features and each name's root, computed once per doc, not once per
    pair. `features(c)` and `Parse(doc).features(c)` give the same list.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.word: list[str] = []
        self.lemma: list[str] = []
        self.dep: list[str] = []
        self.pos: list[str] = []
        self.text: list[str] = []
        self.head: list[int] = []
        self.entity: list[bool] = []
        self.punct: list[bool] = []
        self._up: dict[int, list[int]] = {}
        self._paths: dict[tuple[int, int], tuple[list[str], list[str], list[int]]] = {}
        self._joining: dict[tuple[int, int, int, int], set[str]] = {}
        self._arguments: dict[tuple[int, int, str, str], list[str]] = {}
        self._roots: dict[tuple[int, int], int] = {}
        self._conjuncts: dict[int, set[int]] = {}
        self._rights: dict[int, list[int]] = {}
        self._negated: dict[int, bool] = {}
        self._planned: dict[int, bool] = {}

    def _fill(self) -> None:
        """Take the tokens' values, once, when the first pair is featurised (most docs have none)."""
        if self.head or not len(self.doc):
            return
        t = Tokens.of(self.doc)
        self.word = [pos if pos in {"PROPN", "NUM"} else lemma for pos, lemma in zip(t.pos, t.lemma)]
        self.lemma, self.dep, self.pos, self.text = t.lemma, t.dep, t.pos, t.text
        self.head, self.entity, self.punct = t.head, t.entity, t.punct
        for child, parent in enumerate(self.head):
            if child > parent:
                self._rights.setdefault(parent, []).append(child)

    def root(self, span: Span) -> int:
        key = (span.start, span.end)
        if key not in self._roots:
            self._roots[key] = span.root.i
        return self._roots[key]

    def conjuncts(self, i: int) -> set[int]:
        """The tokens coordinated with token i (Token.conjuncts): up the `conj` arcs to the first
        conjunct, then down every `conj` arc to the right, without token i itself."""
        found = self._conjuncts.get(i)
        if found is None:
            self._fill()
            head, dep = self.head, self.dep
            first = i
            while head[first] != first and dep[first] == "conj":
                first = head[first]
            members = [first]
            for word in members:
                members += [child for child in self._rights.get(word, ()) if dep[child] == "conj"]
            found = self._conjuncts[i] = set(members) - {i}
        return found

    def negated(self, i: int) -> bool:
        """`polarity.negated` of token i, asked once per token."""
        if i not in self._negated:
            self._negated[i] = negated(self.doc[i])
        return self._negated[i]

    def planned(self, i: int) -> bool:
        """`polarity.planned` of token i, asked once per token."""
        if i not in self._planned:
            self._planned[i] = planned(self.doc[i])
        return self._planned[i]

    def up(self, i: int) -> list[int]:
        """The token and its ancestors, nearest first (Token.ancestors)."""
        chain = self._up.get(i)
        if chain is None:
            chain, j, head = [i], i, self.head
            while head[j] != j and len(chain) <= len(head):
                j = head[j]
                chain.append(j)
            self._up[i] = chain
        return chain

    def path(self, a: int, b: int) -> tuple[list[str], list[str], list[int]]:
        """The dependency path from token a to token b: its labels, the words on it and their
        indices (found once per pair of tokens; callers do not change the lists)."""
        found = self._paths.get((a, b))
        if found is None:
            found = self._paths[(a, b)] = self._path(a, b)
        return found

    def _path(self, a: int, b: int) -> tuple[list[str], list[str], list[int]]:
        self._fill()
        up_a, up_b = self.up(a), self.up(b)
        on_b = set(up_b)
        common = next((t for t in up_a if t in on_b), None)
        if common is None:
            return ["NOPATH"], [], []
        left = up_a[: up_a.index(common)]
        right = up_b[: up_b.index(common)]
        dep = self.dep
        labels = [f"{dep[t]}>" for t in left] + [f"<{dep[t]}" for t in reversed(right)]
        middle = [*left[1:], common, *reversed(right[1:])] if common not in (a, b) else [*left[1:], *reversed(right[1:])]
        return labels, [self.word[t] for t in middle], middle

    def argument(self, span: Span, role: str, pair: str) -> list[str]:
        """Features of one argument: its designator words and shapes, entity label, syntactic role
        and two words each side."""
        key = (span.start, span.end, role, pair)
        if key in self._arguments:
            return self._arguments[key]
        root, word, size = self.root(span), self.word, len(self.word)
        dep, governor = self.dep[root], self.lemma[self.head[root]]
        f = [
            f"{role}last={pair}:{masked(self.text[span.end - 1])}",
            f"{role}ent={pair}:{self.doc[root].ent_type_ or 'NONE'}",
            f"{role}len={pair}:{min(len(span), 4)}",
            f"{role}dep={pair}:{dep}",
            f"{role}head={pair}:{governor}",
            f"{role}root={pair}:{dep}:{governor}",
        ]
        f += [f"{role}w={pair}:{masked(self.text[t])}" for t in range(span.start, span.end)]
        for k in (1, 2):
            f.append(f"{role}b{k}={pair}:{word[span.start - k] if span.start >= k else 'BOS'}")
            f.append(f"{role}a{k}={pair}:{word[span.end + k - 1] if span.end + k - 1 < size else 'EOS'}")
        self._arguments[key] = f
        return f

    def features(self, c: Candidate) -> list[str]:
        """`features(c)`, from the values computed once."""
        self._fill()
        word, pos = self.word, self.pos
        pair = f"{c.head_type}>{c.tail_type}"
        labels, words, middle = self.path(self.root(c.head), self.root(c.tail))
        first, second = (c.head, c.tail) if c.head.start < c.tail.start else (c.tail, c.head)
        between = range(first.end, second.start)
        between_words = [word[t] for t in between if not self.punct[t] or self.text[t] in {",", "(", "-"}]
        order = "ht" if c.head.start < c.tail.start else "th"
        f = [
            f"pair={pair}",
            f"order={pair}:{order}",
            f"path={pair}:{' '.join(labels)}",
            f"pathw={pair}:{' '.join(a + ' ' + b for a, b in zip(labels, words + ['']))}",
            f"len={pair}:{min(len(labels), 8)}",
            f"gap={pair}:{min(len(between), 10) // 2}",
            f"others={pair}:{min(sum(1 for t in between if self.entity[t]), 3)}",
            f"commas={pair}:{min(sum(1 for t in between if self.text[t] == ','), 3)}",
        ]
        if len(between_words) <= 5:
            f.append(f"between={pair}:{order}:{' '.join(between_words)}")
        if len(between):
            f += [f"bfirst={pair}:{order}:{word[between[0]]}", f"blast={pair}:{order}:{word[between[-1]]}"]
        f += [f"bw={pair}:{w}" for w in sorted(set(between_words))]
        f += [f"bwo={pair}:{order}:{word[t]}" for t in between if pos[t] in {"VERB", "NOUN"}]
        f += [f"pv={pair}:{word[t]}" for t in middle if pos[t] in {"VERB", "NOUN", "ADP", "AUX"}]
        f += [f"pd={pair}:{label}" for label in labels]
        f += [f"pl={pair}:{a} {b}" for a, b in zip(labels, labels[1:])]
        return f + self.argument(c.head, "h", pair) + self.argument(c.tail, "t", pair)

    def candidates(self, sentence: Span, mentions: list[tuple[Span, str]]) -> list[Candidate]:
        """`candidates(sentence, mentions)`, with each name's root and conjuncts found once."""
        inside = [(span, kind) for span, kind in mentions if span.start >= sentence.start and span.end <= sentence.end and not self.modifier(span, kind)][:MAX_MENTIONS]
        if len(inside) < 2:
            return []
        self._fill()
        in_quotes = quoted(self.text, sentence.start, sentence.end)
        found = []
        for head, head_type in inside:
            head_root = self.root(head)
            for tail, tail_type in inside:
                if head == tail or (head_type, tail_type) not in PAIR_RELATIONS:
                    continue
                tail_root = self.root(tail)
                if (head_root in in_quotes) != (tail_root in in_quotes) or tail_root in self.conjuncts(head_root):
                    continue
                found.append(Candidate(head, tail, head_type, tail_type))
        return found

    def modifier(self, span: Span, kind: str) -> bool:
        """Whether a name only modifies a word: the first part of a hyphenated one ("Mars-exploration"),
        or a place that qualifies a singular common noun ("the Denver law firm", "its Tokyo
        office", or people, "U.S. regulators"; not a place noun, "the U.S. state of Ohio", nor other
        plurals, "Miami hospitals such as")."""
        after = self.doc[span.end : span.end + 2]
        if len(after) == 2 and after[0].text == "-" and after[1].text.islower() and after[0].idx == span.end_char:
            return True
        root = span.root
        noun = root.head
        people = noun.tag_ == "NNS" and noun.lemma_.lower() in lexicon.PERSON_NOUNS | lexicon.JOB_TITLES | lexicon.GROUP_NOUNS  # "U.S. regulators"
        return kind == "Place" and root.dep_ == "compound" and (noun.tag_ == "NN" or people) and noun.i >= span.end and noun.lemma_.lower() not in lexicon.PLACE_NOUNS

    def joining(self, c: Candidate) -> set[str]:
        """The lemmas on the dependency path between the pair and in the text from just before the
        first to the second (found once per pair)."""
        key = (c.head.start, c.head.end, c.tail.start, c.tail.end)
        words = self._joining.get(key)
        if words is None:
            _, _, middle = self.path(self.root(c.head), self.root(c.tail))
            first, second = sorted((c.head, c.tail), key=lambda s: s.start)
            lemma = self.lemma
            words = self._joining[key] = {lemma[t] for t in [*middle, *range(max(first.start - 3, 0), first.start), *range(first.end, second.start)]}
        return words

    def acted_on(self, c: Candidate, relating: frozenset[str] = _AFFILIATING) -> bool:
        """Whether the pair are the subject and the direct object of one verb that does not relate
        them (no affiliation, by default: "X sued Y", "Y praised X"): an act of one on the other."""
        labels, _, middle = self.path(self.root(c.head), self.root(c.tail))
        if len(middle) != 1 or set(labels) not in ({"nsubj>", "<dobj"}, {"dobj>", "<nsubj"}):
            return False
        verb = middle[0]
        return self.pos[verb] == "VERB" and self.lemma[verb] not in relating

    def appointer(self, c: Candidate) -> bool:
        """Whether the person is the subject of a verb that gives someone else a post ("X appointed
        Y as director of Z", "X asked Y to run Z"): the post is Y's, and says nothing of X's."""
        person = self.root(c.head)
        middle = self.path(person, self.root(c.tail))[2]
        verb = self.head[person]
        if self.dep[person] != "nsubj" or verb not in middle or self.lemma[verb] not in lexicon.OBJECT_CONTROL_VERBS:
            return False
        return any(self.dep[k] in {"dobj", "oprd"} and self.doc[k].ent_type_ == "PERSON" for k in self._rights.get(verb, []))

    def appointed_by_body(self, c: Candidate) -> bool:
        """Whether a board or council gives the person a post ("the school board named X
        superintendent"): the post is in what the body governs, not in the body."""
        labels, _, middle = self.path(self.root(c.head), self.root(c.tail))
        if len(middle) != 1 or not {t.lower_ for t in c.tail} & lexicon.BODY_NOUNS:
            return False
        return self.lemma[middle[0]] in lexicon.APPOINTING_VERBS and set(labels) in ({"dobj>", "<nsubj"}, {"oprd>", "<nsubj"})

    def killing_verb_between(self, c: Candidate) -> bool:
        """Whether a verb of killing joins the pair ("X shot Y", "Y was killed by X"). A noun does
        not say who killed ("X mourned the assassination of Y", "X investigated the murder of Y");
        the rules read the nouns that do ("the assassination of Y by X", "Y's killer X")."""
        middle = self.path(self.root(c.head), self.root(c.tail))[2]
        return any(self.pos[i] == "VERB" and self.lemma[i] in lexicon.RELATION_TRIGGERS["killed"] for i in middle)

    def has_trigger(self, c: Candidate, relation: str) -> bool:
        """Whether the words joining the pair can state the relation at all.

        Some relations are never implied by mere proximity: a person and a place in one
        sentence are not evidence of where the person lives, nor two people of a killing. These
        need a trigger word on the dependency path between the names or in the text from just
        before the first to the second ("lives in", "a resident of", "was shot by"); the others
        are left to the model. Words of another relation block one ("graduated from", "a degree
        from" is no employment), and so does an act of one on the other ("X sued Y") or giving
        someone else the post ("X appointed Y as director of Z")."""
        words = self.joining(c)
        if words & lexicon.RELATION_BLOCKERS.get(relation, frozenset()):
            return False
        if relation == "locatedIn" and c.head_type == "Organization" and words & lexicon.TRANSFER_WORDS:
            return False
        if relation in {"worksFor", "memberOf"} and (self.acted_on(c) or self.appointer(c) or self.appointed_by_body(c)):
            return False
        if relation in {"locatedIn", "headquarteredIn"} and self.acted_on(c, lexicon.PRESENCE_VERBS):
            return False  # "X beat Y", "X left Y": no place of X's
        if relation == "killed" and not self.killing_verb_between(c):
            return False
        triggers = lexicon.RELATION_TRIGGERS.get(relation)
        return triggers is None or bool(words & triggers)


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True)
class Classifier:
    """Per relation: logistic-regression weights, a bias and the threshold cross-validation chose;
    and the confidence of each rule, its precision measured on the training data; and the pair
    encoder whose probabilities are averaged with the regression's, when one is loaded (`--encoder`)."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    thresholds: dict[str, float]
    rules: dict[str, float] = field(default_factory=dict)
    encoder: PairEncoder | None = field(default=None, compare=False)

    @classmethod
    def load(cls, path: Path) -> Classifier:
        data = linear.read(path)
        models = data["relations"]
        return cls({r: d["weights"] for r, d in models.items()}, {r: d["bias"] for r, d in models.items()},
                   {r: d["threshold"] for r, d in models.items()}, data.get("rules", {}))

    def dump(self, path: Path) -> None:
        models = {r: {"bias": self.bias[r], "threshold": self.thresholds[r], "weights": self.weights[r]} for r in self.weights}
        linear.write(path, {"relations": models, "rules": self.rules})

    @cached_property
    def scorer(self) -> linear.LinearModel:
        """The weights as a matrix (a column per relation), built on first use."""
        return linear.LinearModel.from_weights(self.weights, self.bias)

    def probabilities_of(self, rows: Sequence[Sequence[str]]) -> list[dict[str, float]]:
        """Each candidate's probability of every relation (a batch: one matrix gather and sum)."""
        classes = self.scorer.classes
        return [{r: _sigmoid(score) for r, score in zip(classes, row)} for row in self.scorer.scores(rows).tolist()]

    def confidence(self, relation: str, probability: float) -> float:
        """Piecewise-linear map with the relation's threshold at 0.5, so 0.5 keeps what cross-validation chose."""
        t = self.thresholds[relation]
        return 0.5 * probability / t if probability < t else 0.5 + 0.5 * (probability - t) / (1 - t)


def denied(parse: Parse, c: Candidate) -> bool:
    """Whether a verb joining the pair is negated or denied ("X did not hire Y", "denied that X owns
    Y"), a noun joining them denied by its determiner ("X has no offices in Y"), or, for where
    something is, only planned or ended ("plans to open an office in Y", "closed its office in Y")."""
    _, _, middle = parse.path(parse.root(c.head), parse.root(c.tail))
    verbs = [i for i in middle if parse.pos[i] in {"VERB", "AUX"}]
    denied_noun = any(parse.pos[i] == "NOUN" and none(c.head.doc[i]) for i in middle)
    placed = c.tail_type == "Place" and any(parse.planned(i) or parse.lemma[i] in lexicon.CLOSING_VERBS for i in verbs)
    return denied_noun or any(parse.negated(i) for i in verbs) or placed


def two_clauses(parse: Parse, c: Candidate) -> bool:
    """Whether the dependency path between the pair passes through two verbs: each name then
    belongs to a clause of its own ("X, which makes Y, said Z plans ..."), and no one predicate
    states a relation between them, unless a trigger word of the relation joins them."""
    _, _, middle = parse.path(parse.root(c.head), parse.root(c.tail))
    return sum(parse.pos[i] in {"VERB", "AUX"} for i in middle) >= 2


def _qualified(doc: Doc, start: int, place_starts: dict[int, int]) -> list[int]:
    """Where the places start that a place written after them and a comma qualifies, as a state
    or a country does ("Charlotte, North Carolina"; "Camden" and "London" in "Camden, London,
    England"), nearest first; none for a place that qualifies none."""
    comma, chain = start - 1, []
    while comma > 0 and doc[comma].text == "," and comma in place_starts:
        chain.append(place_starts[comma])
        comma = chain[-1] - 1
    return chain


def predict(p: Paragraph, model: Classifier) -> Iterator[tuple[Mention, Mention, str, float, Token]]:
    """(head, tail, relation, confidence, anchor) for pairs the model relates, one relation and
    one direction per pair: the relation of highest confidence its types allow, among those the
    joining words can state (a trigger where one is needed, no negated verb)."""
    return iter(predict_paragraphs([p], model)[0])


def _best(model: Classifier, c: Candidate, scores: dict[str, float], classes: dict[str, float] | None) -> tuple[float, str]:
    """The possible relation of highest confidence and that confidence: the regression's, averaged
    with the encoder's probability of the CoNLL04 class the relation stands for where there is one."""
    confidences = []
    for relation, score in scores.items():
        confidence = model.confidence(relation, _sigmoid(score))
        if classes and (kind := CLASS_OF.get((relation, c.head_type, c.tail_type))):
            confidence = combined(confidence, classes[kind])
        confidences.append((confidence, relation))
    return max(confidences)


def _encoded(encoder: PairEncoder | None, pairs: list[tuple[Span, Candidate, list[str]]]) -> list[dict[str, float] | None]:
    """The encoder's class distribution for each (sentence, candidate, possible relations), for
    the candidates that have a relation it speaks for; None for the others, and without an encoder."""
    found: list[dict[str, float] | None] = [None] * len(pairs)
    if encoder is None:
        return found
    read = [k for k, (_, c, possible) in enumerate(pairs) if any((r, c.head_type, c.tail_type) in CLASS_OF for r in possible)]
    for k, classes in zip(read, encoder.probabilities([(pairs[k][0], pairs[k][1].head, pairs[k][1].tail, pairs[k][1].head_type, pairs[k][1].tail_type) for k in read])):
        found[k] = classes
    return found


def _without_bracketed_names(spans: list[tuple[Span, Mention]]) -> list[tuple[Span, Mention]]:
    """Named mentions but an acronym in brackets right after a name of its type, which it
    abbreviates ("the Orvik Rowing Council (ORC)"): the name before it holds the relations
    (not "Tarvik Press (Orvik)", "Orvik (TP)": an agency and a place)."""
    type_ending = {s.end: m.type for s, m in spans}
    return [(s, m) for s, m in spans if not (type_ending.get(s.start - 1) == m.type and len(s) == 1 and s.text.isupper() and is_bracketed(s.doc, s.start, s.end))]


def predict_paragraphs(paragraphs: list[Paragraph], model: Classifier) -> list[list[tuple[Mention, Mention, str, float, Token]]]:
    """`predict` for each paragraph of an article; the candidates of all of them are scored as one batch."""
    learned = set(model.scorer.classes)
    plans: list[tuple[dict[tuple[int, int], Mention], dict[int, int], list[list[tuple[Candidate, list[str]]]]]] = []
    batch: list[list[str]] = []
    pairs: list[tuple[Span, Candidate, list[str]]] = []  # what the encoder may read
    for p in paragraphs:
        spans = _without_bracketed_names(p.named())
        by_span = {(s.start, s.end): m for s, m in spans}
        place_starts = {s.end: s.start for s, m in spans if m.type == "Place"}  # a place's start by its end
        sentences: list[list[tuple[Candidate, list[str]]]] = []
        plans.append((by_span, place_starts, sentences))
        if len(spans) < 2:
            continue
        typed = [(s, m.type) for s, m in spans]
        parse = Parse(p.doc)
        for sentence in p.doc.sents:
            # Only a pair that can be kept needs probabilities: two names, no denying verb, and a
            # relation the model has whose trigger words (where it needs them) join the pair.
            # The others are not featurised at all.
            wanted = []
            for c in parse.candidates(sentence, typed):
                if by_span[(c.head.start, c.head.end)].name == by_span[(c.tail.start, c.tail.end)].name or denied(parse, c):
                    continue
                apart = two_clauses(parse, c)  # then only a relation with its trigger word ("shot") can join them
                if possible := [r for r in c.relations if r in learned and parse.has_trigger(c, r) and not (apart and r not in lexicon.RELATION_TRIGGERS)]:
                    wanted.append((c, possible))
                    batch.append(parse.features(c))
            if wanted:
                sentences.append(wanted)
                pairs += [(sentence, c, possible) for c, possible in wanted]
    scores = iter(model.scorer.scores(batch).tolist())
    column = {r: i for i, r in enumerate(model.scorer.classes)}
    encoded = iter(_encoded(model.encoder, pairs))
    results = []
    for by_span, place_starts, sentences in plans:
        found = []
        for wanted in sentences:
            scored = {}
            for c, possible in wanted:
                row = next(scores)
                scored[(c.head.start, c.tail.start)] = (c, *_best(model, c, {r: row[column[r]] for r in possible}, next(encoded)))
            for (h, t), (c, confidence, relation) in scored.items():
                chain = _qualified(c.head.doc, t, place_starts) if c.head_type == c.tail_type == "Place" else []
                if chain and h not in chain:  # "A and B, State": A lies in State only as far as it lies in B
                    via = scored.get((h, chain[-1]))
                    confidence = min(confidence, via[1] if via is not None and via[2] == relation else 0.0)
                reverse = scored.get((t, h))
                if reverse and reverse[2] == relation and (reverse[1], h) > (confidence, t):
                    continue
                if confidence >= 0.25:
                    found.append((by_span[(c.head.start, c.head.end)], by_span[(c.tail.start, c.tail.end)], relation, confidence, c.head.root))
        results.append(found)
    return results

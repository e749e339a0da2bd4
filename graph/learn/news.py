"""The news-dev benchmark: gold facts by relation group, scored as its README defines.

A predicted node matches a gold entity when one of its labels, normalised, equals a normalised
name of that entity; a predicted relation matches a gold fact when both ends map to the fact's
names and its predicate belongs to the fact's group. Recall counts `must` facts only; precision
counts a prediction right when it matches a `must` or an `acceptable` fact.

Choices the README leaves open (written down so the figures can be read):
- a node maps to one gold name: its own name is tried first, then its aliases in order, and
  `entities` before `acceptable_entities`; a node of type NewsArticle is the gold `ARTICLE`;
- every triple of the build is a predicted relation (livesIn, killed, relatedTo included: the
  groups have no place for them, so they count as wrong);
- per group, a prediction counts in every group its predicate belongs to (headquarteredIn is in
  HQ and LOCATED, memberOf in EMPLOY and PART), so the group rows need not add up to the total;
- an `aliases_must` pair is a hit when one node mapped to the entity carries the alias and also
  another of the entity's names, i.e. the alias is recorded as a label of the same node.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.types import Entity, Triple

ARTICLE = "ARTICLE"
ARTICLE_TYPE = "NewsArticle"
NODE_TYPES = ("Person", "Organization", "Place")

GROUPS: dict[str, frozenset[str]] = {
    "HQ": frozenset({"headquarteredIn"}),
    "LOCATED": frozenset({"locatedIn", "headquarteredIn", "basedIn", "hasOfficeIn", "containedInPlace", "location"}),
    "EMPLOY": frozenset({"worksFor", "memberOf", "employeeOf", "affiliatedWith", "ceoOf"}),
    "PART": frozenset({"parentOrganization", "subOrganizationOf", "partOf", "memberOf"}),
    "PARTNER": frozenset({"partnerOf"}),
    "CAPITAL": frozenset({"capitalOf"}),
    "ALUMNI": frozenset({"alumniOf"}),
    "FOUNDED": frozenset({"foundedBy", "founder"}),
    "ACQUIRED": frozenset({"acquired"}),
    "AUTHOR": frozenset({"author", "creator"}),
    "PUBLISHER": frozenset({"publisher"}),
}
SYMMETRIC_GROUPS = frozenset({"PARTNER"})

# Inverse predicate -> the forward predicate it is turned into (subject and object swapped).
INVERSES: dict[str, str] = {
    "hasHeadquarters": "headquarteredIn",
    "contains": "containedInPlace",
    "homeTo": "locatedIn",
    "subOrganization": "parentOrganization",
    "hasCapital": "capitalOf",
    "employs": "worksFor",
    "founded": "foundedBy",
    "acquiredBy": "acquired",
}

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})

Fact = tuple[str, str, str]  # subject, group, object (gold names)


def normalise(label: str) -> str:
    """The README's label normalisation: NFKC, straight quotes, collapsed spaces, lower case,
    no leading 'the ' and no trailing "'s"."""
    text = unicodedata.normalize("NFKC", label).translate(_QUOTES)
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = text.removeprefix("the ")
    text = text.removesuffix("'s")
    return text.strip()


# Groups whose subject is a person, and groups whose subject never is (the README's directions):
# a person's memberOf is EMPLOY, an organisation's is PART.
PERSON_GROUPS = frozenset({"EMPLOY", "ALUMNI"})
ORG_GROUPS = frozenset({"HQ", "PART", "PARTNER", "FOUNDED", "ACQUIRED"})


def groups_of(predicate: str, subject_type: str | None = None) -> frozenset[str]:
    """The relation groups a (forward) predicate belongs to; with the subject's type, only those
    whose direction admits it."""
    groups = frozenset(g for g, predicates in GROUPS.items() if predicate in predicates)
    if subject_type == "Person":
        return groups - ORG_GROUPS
    if subject_type in {"Organization", "Place"}:
        return groups - PERSON_GROUPS
    return groups


def forward(subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
    """Turn an inverse predicate around, so every relation reads in its group's direction."""
    if predicate in INVERSES:
        return obj, INVERSES[predicate], subject
    return subject, predicate, obj


# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEntity:
    """A gold entity: canonical name, type (None for acceptable entities) and surface forms."""

    name: str
    type: str | None
    aliases: tuple[str, ...]

    @property
    def keys(self) -> frozenset[str]:
        """Normalised canonical name and aliases."""
        return frozenset(normalise(x) for x in (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldArticle:
    """One article of the benchmark with its gold annotation."""

    name: str
    path: Path
    entities: tuple[GoldEntity, ...]
    acceptable_entities: tuple[GoldEntity, ...]
    must: tuple[Fact, ...]
    acceptable: tuple[Fact, ...]
    aliases_must: tuple[tuple[str, str], ...]


def _entities(table: Mapping[str, Mapping], typed: bool) -> tuple[GoldEntity, ...]:
    return tuple(
        GoldEntity(name, spec["type"] if typed else None, tuple(spec.get("aliases", ())))
        for name, spec in table.items()
    )


def load(directory: Path | str) -> list[GoldArticle]:
    """Every `NAME.json` with its `NAME.txt` in `directory`, sorted by name.

    Raises ValueError when a text's SHA-256 differs from its gold file's (text and gold out of step).
    """
    directory = Path(directory)
    articles = []
    for gold_path in sorted(directory.glob("*.json")):
        text_path = gold_path.with_suffix(".txt")
        if not text_path.is_file():
            raise ValueError(f"{gold_path}: no matching text file {text_path.name}")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        digest = hashlib.sha256(text_path.read_bytes()).hexdigest()
        if digest != gold.get("sha256"):
            raise ValueError(f"{text_path}: sha256 {digest} does not match the gold file {gold_path.name} ({gold.get('sha256')})")
        articles.append(
            GoldArticle(
                name=gold_path.stem,
                path=text_path,
                entities=_entities(gold.get("entities", {}), typed=True),
                acceptable_entities=_entities(gold.get("acceptable_entities", {}), typed=False),
                must=tuple(tuple(f) for f in gold.get("must", ())),
                acceptable=tuple(tuple(f) for f in gold.get("acceptable", ())),
                aliases_must=tuple(tuple(p) for p in gold.get("aliases_must", ())),
            )
        )
    return articles


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Counts:
    """Predicted, right, must and found counts for one group (or all of them)."""

    predicted: int = 0
    correct: int = 0
    must: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.must if self.must else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.predicted + other.predicted, self.correct + other.correct, self.must + other.must, self.found + other.found)

    def as_dict(self) -> dict:
        return {"predicted": self.predicted, "correct": self.correct, "must": self.must, "found": self.found,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Predicted:
    """One predicted relation as read against the gold: labels as built, gold names where mapped."""

    subject: str
    predicate: str
    object: str
    gold_subject: str | None
    gold_object: str | None
    extractors: tuple[str, ...]

    def __str__(self) -> str:
        def end(label: str, gold: str | None) -> str:
            return label if gold == label else f"{label} [{gold or '?'}]"

        return f"{end(self.subject, self.gold_subject)} --{self.predicate}--> {end(self.object, self.gold_object)}  ({', '.join(self.extractors)})"


@dataclass(frozen=True)
class ArticleScore:
    """Everything measured on one article."""

    name: str
    relations: Counts
    groups: Mapping[str, Counts]
    entities_predicted: int
    entities_matched: int
    gold_entities: int
    gold_found: int
    type_errors: tuple[tuple[str, str, str], ...]  # gold name, gold type, predicted type
    duplicates: tuple[tuple[str, tuple[str, ...]], ...]  # gold name, the predicted nodes ('name/Type')
    aliases_must: int
    aliases_hit: tuple[tuple[str, str], ...]
    wrong: tuple[Predicted, ...]
    missed: tuple[Fact, ...]
    extractors: Mapping[str, tuple[int, int]]  # extractor -> (supported, right)


class _Matcher:
    """Normalised label -> gold name, `entities` before `acceptable_entities`."""

    def __init__(self, gold: GoldArticle) -> None:
        self.index: dict[str, str] = {}
        for entity in (*gold.entities, *gold.acceptable_entities):
            for key in sorted(entity.keys):
                self.index.setdefault(key, entity.name)
        self.main = {e.name: e for e in gold.entities}

    def node(self, entity: Entity) -> str | None:
        """The gold name a predicted node maps to: own name first, then aliases."""
        if entity.type == ARTICLE_TYPE:
            return ARTICLE
        hits = [self.index.get(normalise(label)) for label in (entity.name, *entity.aliases)]
        hits = [h for h in hits if h is not None]
        return next((h for h in hits if h in self.main), hits[0] if hits else None)


def _labels(entity: Entity) -> set[str]:
    return {normalise(x) for x in (entity.name, *entity.aliases)}


def _aliases_hit(gold: GoldArticle, match: _Matcher, per_gold: dict[str, list[Entity]]) -> list[tuple[str, str]]:
    """The aliases_must pairs whose alias is a label of a node that also carries another name of the entity."""
    hits = []
    for canonical, alias in gold.aliases_must:
        entity = match.main.get(canonical)
        key = normalise(alias)
        others = (entity.keys - {key}) if entity else frozenset()
        if any(key in _labels(e) and _labels(e) & others for e in per_gold.get(canonical, ())):
            hits.append((canonical, alias))
    return hits


def score_article(gold: GoldArticle, entities: Iterable[Entity], triples: Iterable[Triple]) -> ArticleScore:
    """Score one article's build (its entities and triples) against its gold annotation."""
    match = _Matcher(gold)
    nodes = {e.id: e for e in entities}
    triples = list(triples)
    for t in triples:  # ends of triples are nodes too (the article node is only there)
        nodes.setdefault(t.subject.id, t.subject)
        nodes.setdefault(t.object.id, t.object)
    mapped = {i: match.node(e) for i, e in nodes.items()}

    # relations
    facts: dict[tuple[str, str, str], str] = {}  # (subject, group, object) -> "must" | "acceptable"
    for kind, rows in (("acceptable", gold.acceptable), ("must", gold.must)):
        for s, g, o in rows:
            facts[(s, g, o)] = kind
            if g in SYMMETRIC_GROUPS:
                facts.setdefault((o, g, s), kind)
    must = set(gold.must)
    found: set[Fact] = set()
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    right_total = 0
    wrong: list[Predicted] = []
    extractors: dict[str, list[int]] = {}
    for t in triples:
        s_id, predicate, o_id = forward(t.subject.id, t.type, t.object.id)
        gs, go = mapped.get(s_id), mapped.get(o_id)
        subject = nodes[s_id] if s_id in nodes else None
        groups = groups_of(predicate, subject.type if subject else None)
        hits = {g for g in groups if gs and go and (gs, g, go) in facts}
        for g in groups:
            predicted[g] += 1
            correct[g] += g in hits
        for g in hits:
            for fact in ((gs, g, go), (go, g, gs)) if g in SYMMETRIC_GROUPS else ((gs, g, go),):
                if fact in must:
                    found.add(fact)
        right_total += bool(hits)
        names = tuple(sorted({r.extractor for r in t.evidence}))
        for name in names:
            counts = extractors.setdefault(name, [0, 0])
            counts[0] += 1
            counts[1] += bool(hits)
        if not hits:
            wrong.append(Predicted(nodes[s_id].name, predicate, nodes[o_id].name, gs, go, names))

    must_per_group = Counter(g for _, g, _ in must)
    found_per_group = Counter(g for _, g, _ in found)
    group_counts = {
        g: Counts(predicted[g], correct[g], must_per_group[g], found_per_group[g])
        for g in GROUPS
        if predicted[g] or must_per_group[g]
    }

    # entities
    typed = [e for e in nodes.values() if e.type in NODE_TYPES]
    all_keys = set(match.index)
    matched_nodes = [e for e in typed if _labels(e) & all_keys]
    per_gold: dict[str, list[Entity]] = {}
    for e in typed:
        gold_name = mapped[e.id]
        if gold_name is not None and gold_name in match.main:
            per_gold.setdefault(gold_name, []).append(e)
    type_errors = tuple(
        (name, match.main[name].type or "", e.type)
        for name, found_nodes in sorted(per_gold.items())
        for e in found_nodes
        if e.type != match.main[name].type
    )
    duplicates = tuple((name, tuple(sorted(f"{e.name}/{e.type}" for e in ns))) for name, ns in sorted(per_gold.items()) if len(ns) > 1)
    aliases_hit = _aliases_hit(gold, match, per_gold)

    return ArticleScore(
        name=gold.name,
        relations=Counts(len(triples), right_total, len(must), len(found)),
        groups=group_counts,
        entities_predicted=len(typed),
        entities_matched=len(matched_nodes),
        gold_entities=len(gold.entities),
        gold_found=len(per_gold),
        type_errors=type_errors,
        duplicates=duplicates,
        aliases_must=len(gold.aliases_must),
        aliases_hit=tuple(aliases_hit),
        wrong=tuple(sorted(wrong, key=str)),
        missed=tuple(f for f in gold.must if f not in found),
        extractors={k: (v[0], v[1]) for k, v in sorted(extractors.items())},
    )


# ---------------------------------------------------------------- report


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


@dataclass(frozen=True)
class Report:
    """Scores of a whole folder: micro totals, per group, entities, per extractor, per article."""

    articles: tuple[ArticleScore, ...] = field(default=())

    @property
    def relations(self) -> Counts:
        return sum((a.relations for a in self.articles), Counts())

    @property
    def groups(self) -> dict[str, Counts]:
        totals: dict[str, Counts] = {}
        for a in self.articles:
            for g, c in a.groups.items():
                totals[g] = totals.get(g, Counts()) + c
        return {g: totals[g] for g in GROUPS if g in totals}

    @property
    def extractors(self) -> dict[str, tuple[int, int]]:
        totals: Counter[tuple[str, int]] = Counter()
        for a in self.articles:
            for name, (supported, right) in a.extractors.items():
                totals[(name, 0)] += supported
                totals[(name, 1)] += right
        names = sorted({name for name, _ in totals})
        return {n: (totals[(n, 0)], totals[(n, 1)]) for n in names}

    def _sum(self, attribute: str) -> int:
        return sum(getattr(a, attribute) for a in self.articles)

    @property
    def entity_precision(self) -> float:
        predicted = self._sum("entities_predicted")
        return self._sum("entities_matched") / predicted if predicted else 0.0

    @property
    def entity_recall(self) -> float:
        gold = self._sum("gold_entities")
        return self._sum("gold_found") / gold if gold else 0.0

    def as_dict(self) -> dict:
        """Everything in JSON-ready form."""
        return {
            "relations": self.relations.as_dict(),
            "groups": {g: c.as_dict() for g, c in self.groups.items()},
            "entities": {
                "predicted": self._sum("entities_predicted"),
                "matched": self._sum("entities_matched"),
                "gold": self._sum("gold_entities"),
                "found": self._sum("gold_found"),
                "precision": self.entity_precision,
                "recall": self.entity_recall,
                "type_errors": sum(len(a.type_errors) for a in self.articles),
                "duplicates": sum(len(a.duplicates) for a in self.articles),
                "aliases_must": self._sum("aliases_must"),
                "aliases_hit": sum(len(a.aliases_hit) for a in self.articles),
            },
            "extractors": {n: {"supported": s, "right": r, "precision": r / s if s else 0.0} for n, (s, r) in self.extractors.items()},
            "articles": [
                {
                    "name": a.name,
                    "relations": a.relations.as_dict(),
                    "groups": {g: c.as_dict() for g, c in a.groups.items()},
                    "type_errors": [list(x) for x in a.type_errors],
                    "duplicates": [list(x) for x in a.duplicates],
                    "aliases_hit": [list(x) for x in a.aliases_hit],
                    "wrong": [
                        {"subject": w.subject, "predicate": w.predicate, "object": w.object,
                         "gold_subject": w.gold_subject, "gold_object": w.gold_object, "extractors": list(w.extractors)}
                        for w in a.wrong
                    ],
                    "missed": [list(f) for f in a.missed],
                }
                for a in self.articles
            ],
        }

    def lines(self) -> list[str]:
        """A readable report: totals, groups, entities, extractors, then each article's errors."""
        r = self.relations
        out = [f"news-dev: {len(self.articles)} articles",
               f"{'':24} {'P':>5} {'R':>5} {'F1':>5} {'pred':>5} {'right':>5} {'must':>5} {'found':>5}"]

        def row(name: str, c: Counts) -> str:
            return f"{name:24} {_pct(c.precision)} {_pct(c.recall)} {_pct(c.f1)} {c.predicted:5d} {c.correct:5d} {c.must:5d} {c.found:5d}"

        out.append(row("relations (micro)", r))
        out += [row(f"  {g}", c) for g, c in self.groups.items()]
        type_errors = [(a.name, x) for a in self.articles for x in a.type_errors]
        duplicates = [(a.name, x) for a in self.articles for x in a.duplicates]
        out.append(
            f"entities: precision {_pct(self.entity_precision)} ({self._sum('entities_matched')}/{self._sum('entities_predicted')}),"
            f" recall {_pct(self.entity_recall)} ({self._sum('gold_found')}/{self._sum('gold_entities')})"
        )
        out.append(f"type errors: {len(type_errors)}")
        out += [f"  {n}: {name} is {gold_type}, predicted {pred}" for n, (name, gold_type, pred) in type_errors]
        out.append(f"duplicate nodes: {len(duplicates)}")
        out += [f"  {n}: {name} x{len(found)} ({', '.join(found)})" for n, (name, found) in duplicates]
        out.append(f"aliases_must: {sum(len(a.aliases_hit) for a in self.articles)}/{self._sum('aliases_must')}")
        out.append("extractors (relations supported, right, precision):")
        out += [f"  {name:32} {s:5d} {right:5d} {_pct(right / s if s else 0.0)}"
                for name, (s, right) in sorted(self.extractors.items(), key=lambda kv: (-kv[1][0], kv[0]))]
        for a in self.articles:
            out.append(f"{a.name}: P {_pct(a.relations.precision)} R {_pct(a.relations.recall)}"
                       f" ({a.relations.correct}/{a.relations.predicted} right, {a.relations.found}/{a.relations.must} must found)")
            out += [f"  wrong:  {w}" for w in a.wrong]
            out += [f"  missed: {s} --{g}--> {o}" for s, g, o in a.missed]
        return out


def evaluate(directory: Path | str, build_one: Callable[[Path], tuple[Sequence[Entity], Sequence[Triple]]]) -> Report:
    """Load the benchmark in `directory`, build each article alone with `build_one`, score it."""
    scores = []
    for gold in load(directory):
        entities, triples = build_one(gold.path)
        scores.append(score_article(gold, entities, triples))
    return Report(tuple(scores))

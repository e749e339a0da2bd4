"""The data that flows between the stages: frozen dataclasses only."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Place")
"""The types of named things (schema.org classes); a Mention may also be a Name or the NewsArticle."""


@dataclass(frozen=True)
class Article:
    """One input document. `id` is derived from the text, so it is stable across runs.

    `headline` is the span of the title in `text` (when the text starts with it) and `body` the
    spans of the prose paragraphs, the only text that is parsed (ingest finds both, once).
    `published` is an ISO 8601 date or date-time, `url` where the article was read, when known.
    """

    id: str
    title: str
    text: str
    byline: tuple[str, ...] = ()
    publisher: str | None = None
    source: str = ""
    headline: tuple[int, int] | None = None
    body: tuple[tuple[int, int], ...] = ()
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: character offsets of its sentence in `Article.text`."""

    article_id: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Mention:
    """A name in the text. `text` is the span as written, `name` the cleaned-up name.

    `type` is Person, Organization, Place; Name for a nickname (the tail of alternateName);
    NewsArticle for the headline, which stands for the article itself. A reference ("the
    company", "she") has its antecedent's name and type, and the antecedent's id in `refers_to`.
    """

    id: str
    text: str
    name: str
    type: str
    start: int
    end: int
    article_id: str
    refers_to: str | None = None


@dataclass(frozen=True)
class Relation:
    """One extracted fact between two mentions, with the rule or model that found it."""

    head: Mention
    tail: Mention
    type: str
    confidence: float
    provenance: Provenance
    extractor: str
    role: str | None = None
    label: str | None = None
    former: bool = False  # a past affiliation ("former chief executive", "joined X from Y"), not a current one


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Entity:
    """One real thing: all the mentions that name it, across articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Triple:
    """A fact between two entities with every relation that supports it."""

    subject: Entity
    type: str
    object: Entity
    evidence: tuple[Relation, ...] = field(repr=False)

    @property
    def confidence(self) -> float:
        return max(r.confidence for r in self.evidence)

    @property
    def role(self) -> str | None:
        return next((r.role for r in self.evidence if r.role), None)

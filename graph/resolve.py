"""Mentions -> entities (one per real thing) and relations -> triples between entities.

Mentions are grouped when they are the same name up to case, accents, spacing and punctuation
("Sao Paulo" = "São Paulo", "Hong Kong" = "HongKong"), a written form of the same country ("U.S." = "US"),
a short form of a name written in full in the same article (surname, acronym, first words of
an organisation's name), or linked by an alias relation ("X, or Y"), whatever type each mention
was given; the entity takes the type most of its mentions give it. All pure functions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from graph.iris import article_node_id, digest, entity_id
from graph.names import NICKNAME_MARKS, ORG_SUFFIXES, US_STATES, VOTING_BODIES, legal_form, name_key
from graph.types import ENTITY_TYPES, Entity, Extraction, Mention, Relation, Triple
from graph.vocab import RELATIONS, SYMMETRIC

ARTICLE = "NewsArticle"
_STOP = {"of", "and", "for", "the", "de", "&", "on", "in"}
PLACE_DESIGNATORS = frozenset("district county city town township village borough parish municipality province prefecture region state neighbourhood neighborhood area".split())
_STATE_KEYS = frozenset(name_key(state) for state in US_STATES)


def initials(name: str) -> str:
    """'Lima Institute of Technology' -> 'LIT'."""
    return "".join(w[0] for w in name.split() if w.lower() not in _STOP and w[:1].isalpha()).upper()


def _is_acronym(word: str) -> bool:
    """'BNT', 'Bwq' (an acronym written as a word): one capitalised word of two to six letters,
    all capitals or, from three letters, a capital and lower case."""
    return word.isalpha() and 2 <= len(word) <= 6 and (word.isupper() or len(word) >= 3 and word[0].isupper() and word[1:].islower())


def _expansions(acronym: str, full: list[Mention], places: set[str]) -> dict[str, Mention]:
    """The organisations an acronym abbreviates: their initials, or the initials after a place
    the name opens with ("BWQ" for "Ohio Bureau of Water Quality")."""
    wanted = acronym.upper()
    found = {}
    for f in full:
        if f.type != "Organization":
            continue
        words = f.name.split()
        if initials(f.name) == wanted or len(wanted) >= 3 and name_key(words[0]) in places and initials(" ".join(words[1:])) == wanted:
            found[f.name] = f
    return found


def _organisation_of(words: list[str], full: list[Mention], first: dict[str, int], written: int) -> dict[str, Mention]:
    """The organisations a short name stands for: those whose name begins with it and that the body
    names before it (a legal form wins: "Strandvik" is "Strandvik ASA" rather than "Strandvik
    Digital"; a board or council is called by its own noun, not so: "Bramwell" is no "Bramwell
    Board of Education" beside another; else the one named first, the article's subject:
    "Bramwell" is "Bramwell Fire District" rather than the later "Bramwell Station"); else those whose name ends with "of" and
    it ("University of Exeter") or, for one word, with it ("Herald" for "Carrow Bay Herald")."""
    targets = {
        f.name: f
        for f in full
        if f.type == "Organization" and _bare(f.name.split()[: len(words)]) == _bare(words) and len(f.name.split()) > len(words) and first.get(f.name, 0) <= written
    }
    legal = {n: f for n, f in targets.items() if all(legal_form(w) for w in n.split()[len(words) :])}
    bodies = {n for n in targets if any(w.lower() in VOTING_BODIES for w in n.split()[len(words) :])}
    targets = _first_named(legal or {n: f for n, f in targets.items() if n not in bodies} or targets, first, written)
    if targets:
        return targets
    named_of = {f.name: f for f in full if f.type == "Organization" and f.name.split()[-len(words) - 1 :] == ["of", *words]}
    if named_of or len(words) > 1 or legal_form(words[0]):
        return named_of
    return {f.name: f for f in full if f.type == "Organization" and f.name.split()[-1] == words[0] and first.get(f.name, 0) <= written}


def _first_named(targets: dict[str, Mention], first: dict[str, int], written: int) -> dict[str, Mention]:
    """Of several full names a short form may stand for, the one the body names first (before the
    short form): news introduces its subject first and calls only the subject by the short form
    ("Ashdown" is the woman the obituary is about, not the sons and daughters named in full)."""
    if len(targets) < 2:
        return targets
    earlier = {n: f for n, f in targets.items() if first.get(n, 1 << 30) <= written}
    earliest = min((first[n] for n in earlier), default=None)
    return {n: f for n, f in earlier.items() if first[n] == earliest}


class _Groups:
    """Union-find over mentions."""

    def __init__(self, items: Iterable[Mention]) -> None:
        self.parent = {m: m for m in items}

    def find(self, m: Mention) -> Mention:
        while self.parent[m] is not m:
            self.parent[m] = self.parent[self.parent[m]]
            m = self.parent[m]
        return m

    def union(self, a: Mention, b: Mention) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra is not rb:
            first, second = sorted((ra, rb), key=lambda m: (m.article_id, m.start, m.id))
            self.parent[second] = first


def short_forms(mentions: list[Mention], body_start: int = 0) -> dict[Mention, Mention]:
    """Short forms -> the full-name mention they stand for, within one article.

    A surname stands for the one person named in full with it ("Ivers" -> "R. Tom Ivers"), or the
    first named of several (see `_first_named`); a
    person's lone first or last name for the one full name it begins or ends, and a person's
    first words or first and last words for the longer name ("Ingrid Sandberg" for "Ingrid
    Maria Sandberg"); a nickname and the surname for the person named with that nickname
    ("Tommy Varga" for 'Tomas "Tommy" Varga'); an
    acronym for the one organisation with those initials (see `_expansions`), the first words of
    an organisation's name for the organisation whose name starts with them and that the body
    (after `body_start`) names first ("Harbor" -> "Harbor Robotics"; not "Maurelle" -> "Maurelle
    Asia" when "Maurelle" came first; see `_organisation_of` when several do), or ends with "of"
    and them ("Exeter" -> "University of Exeter") or, for one word, with it, and a place for the
    one place named as it plus a designator ("Marvila district"). The
    short form's own type does not matter: the recogniser often types a lone word wrongly.
    """
    full = [m for m in mentions if len(m.name.split()) > 1]
    places = {name_key(m.name) for m in mentions if m.type == "Place"} | _STATE_KEYS
    first: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start >= body_start:
            first.setdefault(m.name, m.start)
    links = {}
    for m in mentions:
        words, written = m.name.split(), first.get(m.name, 1 << 30)
        if len(words) == 1 and _is_acronym(m.name) and (acronym_of := _expansions(m.name, full, places)):
            targets = acronym_of
        elif len(words) == 2 and (nicknamed := {f.name: f for f in full if f.name.split()[-1] == words[-1] and _nickname(f.text) == words[0]}):
            targets = nicknamed  # "Tommy Varga" for 'Tomas "Tommy" Varga'
        elif m.type == "Organization" and (organisations := _organisation_of(words, full, first, written)):
            targets = organisations  # "Orvane's finance director" is the company, not its founder Ruth Orvane
        elif len(words) == 1 and m.type != "Place" and (people := {f.name: f for f in full if f.type == "Person" and f.name.split()[-1] == m.name}) and (len(people) == 1 or m.type == "Person"):
            targets = _first_named(people, first, written) if m.type == "Person" else people
        elif len(words) == 1 and m.type == "Person" and (named := {f.name: f for f in full if f.type != "Organization" and m.name in (f.name.split()[0], f.name.split()[-1])}):
            targets = _fullest(named)  # "Prado" or "Ana" for "Ana Prado", even when the full name was mistyped
        elif m.type == "Person" and (people := {f.name: f for f in full if f.type == "Person" and len(f.name.split()) > len(words) and _same_person(words, f.name.split())}):
            targets = people  # "Juan Carlos" or "Ingrid Sandberg" for "Juan Carlos Ibarra", "Ingrid Maria Sandberg"
        elif m.type == "Person":
            targets = _organisation_of(words, full, first, written)  # the recogniser calls a company's first word a person as often as not
        elif m.type == "Place":
            key = name_key(m.name)
            targets = {f.name: f for f in full if f.type == "Place" and name_key(" ".join(f.name.split()[:-1])) == key and f.name.split()[-1].lower() in PLACE_DESIGNATORS}
        else:
            targets = {}  # an organisation no longer name begins with (looked for above)
        if len(targets) == 1:
            links[m] = next(iter(targets.values()))
    return links


_NICKNAME = re.compile("|".join(rf"\s{re.escape(o)}\s*([^\W\d_][\w'-]*)\s*{re.escape(c)}\s" for o, c in NICKNAME_MARKS.items()))


def _nickname(text: str) -> str | None:
    """The nickname written in quotation marks or brackets inside a person's name ('Tomas "Tommy"
    Varga' -> "Tommy"), or None."""
    found = _NICKNAME.search(text)
    return next((g for g in found.groups() if g), None) if found else None


def _fullest(people: dict[str, Mention]) -> dict[str, Mention]:
    """The names not shorter forms of another: "Ana Prado" and "Ana Maria Prado" are one person."""
    return {n: f for n, f in people.items() if not any(len(o.split()) > len(n.split()) and _same_person(n.split(), o.split()) for o in people)}


def _bare(words: list[str]) -> list[str]:
    """Words without a possessive ending: "St. Olaf" begins "St. Olaf's Health System"."""
    return [w.removesuffix("'s").removesuffix("\u2019s") for w in words]


def _same_person(short: list[str], full: list[str]) -> bool:
    """A shorter form of a person's name: its first words, or its first and last word."""
    return full[: len(short)] == short or len(short) == 2 and short[0] == full[0] and short[-1] == full[-1]


def _canonical(group: list[Mention], shorts: set[Mention]) -> str:
    """Most frequent full name of a group; ties go to the form written first."""
    full = [m for m in group if m not in shorts] or group
    counts = Counter(m.name for m in full)
    first: dict[str, int] = {}
    for m in sorted(full, key=lambda m: (m.article_id, m.start)):
        first.setdefault(m.name, len(first))
    return min(counts, key=lambda n: (-counts[n], first[n]))


def resolve(extractions: Iterable[Extraction]) -> tuple[list[Entity], list[Triple]]:
    """Entities and triples of a corpus, sorted by id so output never depends on input order."""
    extractions = list(extractions)
    named = [m for x in extractions for m in x.mentions if m.type in ENTITY_TYPES]
    groups = _Groups(named)
    by_key: dict[str, Mention] = {}
    for m in sorted(named, key=lambda m: (m.article_id, m.start, m.id)):
        k = name_key(m.name)
        if k in by_key:
            groups.union(by_key[k], m)
        else:
            by_key[k] = m
    shorts: set[Mention] = set()
    for x in extractions:
        links = short_forms([m for m in x.mentions if m.type in ENTITY_TYPES], x.article.headline[1] if x.article.headline else 0)
        shorts |= set(links)
        for short, full in links.items():
            groups.union(short, full)
        for r in x.relations:
            if r.type == "alternateName" and r.tail.type in ENTITY_TYPES and r.head.type in ENTITY_TYPES:
                groups.union(r.head, r.tail)

    members: dict[Mention, list[Mention]] = defaultdict(list)
    for m in named:
        members[groups.find(m)].append(m)
    nicknames: dict[Mention, set[str]] = defaultdict(set)
    for x in extractions:
        for r in x.relations:
            if r.type == "alternateName" and r.head in groups.parent and r.tail.type == "Name":
                nicknames[groups.find(r.head)].add(r.tail.name)

    entity_of: dict[Mention, Entity] = {}
    used: dict[str, int] = Counter()
    for root, group in sorted(members.items(), key=lambda kv: (kv[0].article_id, kv[0].start)):
        name = " ".join(_canonical(group, shorts).split())
        kind = _voted_type(group, shorts)
        aliases = {" ".join(n.split()) for n in {m.name for m in group if m not in shorts} | nicknames[root]} - {name}
        ident = entity_id(kind, name)
        used[ident] += 1
        if used[ident] > 1:
            ident += "-" + digest(name)
        ordered = tuple(sorted(group, key=lambda m: (m.article_id, m.start)))
        entity = Entity(ident, name, kind, tuple(sorted(aliases)), ordered)
        for m in group:
            entity_of[m] = entity

    triples = _triples(extractions, entity_of)
    entities = sorted({e.id: e for e in entity_of.values()}.values(), key=lambda e: e.id)  # ids are unique; hashing an Entity hashes all its mentions
    return entities, triples


def _voted_type(group: list[Mention], shorts: set[Mention]) -> str:
    """The type most mentions of an entity give it (a full name counts twice); ties by a fixed order.
    A name with a legal form ("Larch Homes LLC"), or typed an organisation with a designator ("St.
    Olaf's Health System"), makes it an organisation, however often its short form ("St. Olaf") was
    typed otherwise."""
    if any(m not in shorts and len(m.name.split()) > 1 and (legal_form(m.name.split()[-1]) or m.type == "Organization" and m.name.split()[-1].lower() in ORG_SUFFIXES)
           for m in group):
        return "Organization"
    votes: Counter = Counter()
    for m in group:
        votes[m.type] += 1 if m in shorts else 2
    return max(ENTITY_TYPES, key=lambda t: (votes[t], -ENTITY_TYPES.index(t)))


def article_entity(extraction: Extraction) -> Entity:
    """The article as a node, so byline and publisher facts are triples like any other."""
    article = extraction.article
    return Entity(article_node_id(article), article.title or article.id, ARTICLE)


def _triples(extractions: list[Extraction], entity_of: dict[Mention, Entity]) -> list[Triple]:
    evidence: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    ends: dict[str, Entity] = {}
    for x in extractions:
        article = article_entity(x)
        for r in x.relations:
            head = article if r.head.type == ARTICLE else entity_of.get(r.head)
            tail = entity_of.get(r.tail)
            spec = RELATIONS.get(r.type)
            if head is None or tail is None or head == tail or spec is None:
                continue
            if head.type not in spec.domain or tail.type not in spec.range:
                continue
            if r.type in SYMMETRIC and tail.id < head.id:
                head, tail = tail, head
            ends[head.id], ends[tail.id] = head, tail
            evidence[(head.id, r.type, tail.id)].append(r)
    return [
        Triple(ends[s], p, ends[o], tuple(sorted(rs, key=lambda r: (r.provenance.article_id, r.provenance.start, r.extractor))))
        for (s, p, o), rs in sorted(evidence.items())
    ]

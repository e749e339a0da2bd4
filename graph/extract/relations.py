"""Rules over the dependency parse -> Relations between mentions, each with its rule id.

Every rule is a small function `rule(paragraph) -> Iterator[Found]` that reads a parsed
paragraph and the mentions `graph.extract.mentions` found on it. Each rule has one relation family and one
confidence; `relatedTo` (open verb relations) stays below the default threshold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from graph.extract import lexicon
from graph.extract.classifier import Classifier, predict_paragraphs
from graph.extract.mentions import NAME, ORG, PERSON, PLACE, Paragraph, dateline_end, demonym_country, is_dateline, is_stand_in, partitive_nouns
from graph.extract.polarity import negated, none, planned
from graph.names import may_abbreviate
from graph.types import ENTITY_TYPES, Article, Mention, Provenance, Relation

RELATED_CONFIDENCE = 0.3


@dataclass(frozen=True)
class Found:
    """A relation found in one doc, before offsets and evidence are attached."""

    head: Mention
    tail: Mention | Capital
    type: str
    confidence: float
    rule: str
    anchor: Token
    role: str | None = None
    label: str | None = None
    former: bool = False


@dataclass(frozen=True)
class Capital:
    """A place noun standing for a capital ("the capital"), resolved once the article is read."""

    token: Token
    start: int
    country: Mention | None


def possessors(p: Paragraph, token: Token, kind: str) -> list[Mention]:
    """The mentions of a type that own a noun phrase ("Larkfield's mayor", "her home"): its possessors."""
    return [m for c in token.children if c.dep_ == "poss" for m in named(p, c, kind)]


def named(p: Paragraph, token: Token, *types: str, conjuncts: bool = True) -> list[Mention]:
    """The mentions a noun phrase stands for: itself, its conjuncts (unless told not to), the name it
    is appositive to, or the name a kind-of-thing noun introduces ("the engineering group Maurelle",
    "the city of Lyon")."""
    found = []
    folded = [t for t in p.doc[token.left_edge.i : token.i] if t.dep_ in {"nmod", "amod", "compound"} and any(g.dep_ == "cc" for g in t.children)] if conjuncts else []
    # "A College and B Law School", "by A and Harvard professor B": the parser folds A into B's phrase
    for member in [token, *token.conjuncts, *folded] if conjuncts else [token]:
        m = p.mention(member)
        if m is None and member.dep_ == "appos":
            m = p.mention(member.head)
        if m is None:
            m = next((p.mention(c) for c in member.children if c.dep_ == "appos" and p.mention(c)), None)
        if m is None:  # "her husband, the engineer X": the name in apposition to the noun in apposition
            m = next((p.mention(g) for c in member.children if c.dep_ == "appos" and c.pos_ == "NOUN" for g in c.children if g.dep_ == "appos" and p.mention(g)), None)
        if m is None and member.dep_ == "conj" and member.pos_ == "NOUN" and member.i + 2 < len(p.doc) and p.doc[member.i + 1].text == ",":
            after = p.doc[member.i + 2 : member.i + 6]  # "he and a classmate, X, ...": the apposition the parser hung elsewhere
            m = next((p.mention(t) for t in after if t.dep_ == "appos" and p.mention(t)), None)
        if m is None and member.pos_ == "NOUN":  # "the venture, to be called X"
            m = next((p.mention(o) for c in member.children if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in {"call", "name"} for o in c.children if o.dep_ in {"oprd", "attr"} and p.mention(o)), None)
        if m is None and member.pos_ == "NOUN":  # "the consultancy Arbury", "copper producer Codelmar"
            m = next((p.mention(c) for c in member.children if c.dep_ in {"npadvmod", "appos"} and c.i == member.i + 1 and p.mention(c)), None)
        if m is None and member.pos_ == "NOUN" and member.lemma_.lower() in lexicon.ORG_NOUNS | lexicon.PLACE_NOUNS:
            # "the engineering group Maurelle", "the city of Lyon": the name that follows the noun
            m = next((p.mention(c) for c in member.children if c.dep_ in {"compound", "npadvmod", "appos"} and c.i > member.i and p.mention(c)), None)
            beside = p.doc[member.i + 1] if member.i + 1 < len(p.doc) else None
            m = m or (p.mention(beside) if beside is not None and beside.head == member.head and beside.pos_ == "PROPN" else None)  # the parser hangs the name beside the noun
            m = m or next((p.mention(o) for o in objects(member, "of") if member.lemma_.lower() in lexicon.PLACE_NOUNS and p.mention(o)), None)
            m = m or (p.mention(member.head) if member.dep_ == "compound" else None)  # "construction group Van Laeken"
            # "Quang Ninh province"; "the Larkfield club", an organisation's own name before the noun ("the Denver law firm" names
            # a place; "the Carnegie library", an institution's noun, may name a building after a donor)
            kind_of = member.lemma_.lower() in lexicon.ORG_NOUNS - lexicon.INSTITUTION_NOUNS
            m = m or next((o for c in member.children if c.dep_ == "compound" and c.i < member.i and (o := p.mention(c)) is not None
                           and (member.lemma_.lower() in lexicon.PLACE_NOUNS or kind_of and o.type == ORG)), None)
        if m is not None and m.type == PLACE:  # "in Reno, Nev." parsed with the town as a modifier of the state: the town
            town = next((p.mention(c) for c in member.children if c.dep_ == "nmod" and c.i + 1 < member.i and p.doc[c.i + 1].text == ","), None)
            m = town if town is not None and town.type == PLACE else m
        if m is not None and m.type in types and m not in found:
            found.append(m)
    return found


def objects(token: Token, *preps: str) -> list[Token]:
    """Objects of the given prepositions under a token ('in' -> the pobj of 'in')."""
    return [p for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]


def org_pairs(p: Paragraph, pairs: Iterable[tuple[Token, Token]]) -> Iterator[tuple[Mention, Mention]]:
    """The two different organisations each pair of noun phrases stands for."""
    for first_token, second_token in pairs:
        for first in named(p, first_token, ORG):
            for second in named(p, second_token, ORG):
                if first != second:
                    yield first, second


_TIME_PREPOSITIONS = frozenset({"before", "after", "since", "upon", "on", "while", "until"})


def subjects(verb: Token) -> tuple[list[Token], list[Token]]:
    """(active subjects, passive subjects) of a verb, inherited through conjoined verbs."""
    head = verb
    while True:
        active = [c for c in head.children if c.dep_ == "nsubj"]
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]
        if active or passive or not (head.dep_ == "conj" or head.dep_ == "dep" and head.pos_ == "VERB" and head.head.pos_ == "VERB"):
            break  # a verb the parser left as "dep" of another is mostly its conjunct ("studied X, then served Y")
        head = head.head
    if active and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        control = [o for s in active for c in s.children if c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in lexicon.OBJECT_CONTROL_VERBS
                   for o in c.children if o.dep_ in {"dobj", "oprd"}]
        if control:  # "Y on Tuesday named X, a judge, to lead Z" parsed with "named X" a clause of Y and Y the subject of "to lead"
            return control, []
    if not active and not passive and verb.dep_ in {"acl", "relcl"}:
        noun = verb.head
        said_of = [c for c in noun.head.children if c.dep_ == "nsubj"] if noun.dep_ == "attr" and noun.head.lemma_ == "be" else []
        (passive if verb.tag_ == "VBN" else active).extend(said_of or [noun])  # "X is a firm based in Y": X is based there
    infinitive = verb.dep_ == "xcomp" or verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if not active and not passive and infinitive and verb.head.lemma_.lower() in lexicon.OBJECT_CONTROL_VERBS and (
        objects := [c for c in verb.head.children if c.dep_ == "dobj"] or [c for c in verb.head.children if c.dep_ == "oprd"]
    ):
        return objects, []  # "Y named X to lead Z", "Y asked X to run Z": the object is who leads, runs (with an apposition
        # after it the parser may make it a predicate, "oprd", and the infinitive an adverbial clause: "Y named X, a judge, to lead Z")
    named_before = _named_before(verb) if not active and not passive and infinitive else None
    if named_before is not None:
        return [named_before], []
    if not active and not passive and verb.dep_ in {"xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return subjects(verb.head)  # "X agreed to buy Y", "X left, joining Y": X is the buyer, the joiner
    if not active and not passive and verb.dep_ == "pcomp" and verb.head.lower_ in _TIME_PREPOSITIONS and verb.head.head.pos_ in {"VERB", "AUX"}:
        return subjects(verb.head.head)  # "X taught before joining Y": X joined (not "X accused Y of joining Z")
    if head.dep_ == "relcl":  # "X, which was bought by Y", "X, who heads A and is B": the relative pronoun stands for X
        active = [head.head if t.lower_ in {"which", "who", "that"} else t for t in active]
        passive = [head.head if t.lower_ in {"which", "who", "that"} else t for t in passive]
    return active, passive


def _named_before(verb: Token) -> Token | None:
    """The one named right before an infinitive by a verb of giving a post that the parser read as
    a modifier ("X replaced two ministers, naming economist Y to head Z", with "naming" an adjective
    of "economist" and "to head" hung on "replaced"): the one who heads."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return None
    named = verb.doc[to.i - 1]
    noun = named.head if named.dep_ in {"appos", "compound"} else named
    namer = any(c.dep_ in {"amod", "acl"} and c.tag_ == "VBG" and c.lemma_.lower() in lexicon.OBJECT_CONTROL_VERBS for c in noun.children)
    return named if namer and named.pos_ == "PROPN" else None


def _past(title: Token) -> bool:
    """Whether a title is a past one: "the former chief executive", "ex-president", "resigned as chief
    executive", "was chief executive until 2014", "X, president from 2015 to 2022", "served as president from 2015 to 2022"."""
    modified = {title.i} | {c.i for c in title.children if c.dep_ in {"nmod", "compound"} and c.i < title.i}  # "former Y chief executive", "Ex-Y chief executive"
    if any(t.lower_ in lexicon.FORMER_WORDS and t.head.i in modified for t in title.subtree if t.i < title.i) or title.lower_.startswith("ex-"):
        return True
    verb = title.head if title.dep_ in {"attr", "oprd"} else title.head.head if title.dep_ == "pobj" and title.head.lower_ == "as" else None
    if verb is not None and (verb.lemma_.lower() in lexicon.LEAVING_VERBS or verb.lemma_.lower() == "step" and any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"down", "aside"} for c in verb.children)):
        return True  # "X resigned as CEO of Y", "X stepped down as chair"
    holder = title.head if title.dep_ in {"appos", "compound"} else None  # "X, CEO of Y, resigned on Friday", "Y CEO X has resigned"
    if holder is not None and holder.dep_ == "nsubj" and _left(holder.head):
        return True
    preps = [c for c in [*(verb.children if verb is not None else ()), *title.children] if c.dep_ == "prep"]
    ended = [c for c in preps if c.lower_ == "until"] + [t for c in preps if c.lower_ == "from" for t in c.children if t.dep_ == "prep" and t.lower_ in {"to", "until", "through"}]
    return bool(ended)


def _left(verb: Token) -> bool:
    """Whether a verb tells that its subject has left a post: "resigned", "has retired", "stepped down" (not "will retire")."""
    lemma = verb.lemma_.lower()
    leaving = lemma in lexicon.LEAVING_VERBS or lemma == "step" and any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"down", "aside"} for c in verb.children)
    if lemma == "leave" and not any(c.dep_ == "dobj" for c in verb.children):
        return False  # "left for Paris": a trip, not a post left
    return leaving and verb.tag_ in {"VBD", "VBN"} and not planned(verb)


def _role(p: Paragraph, title: Token) -> str:
    """'a visiting fellow' -> 'visiting fellow'; 'CEO' -> 'CEO'."""
    words = [t for t in title.subtree if t.i < title.i and t.dep_ in {"amod", "compound", "nmod"} and p.mention(t) is None]
    return " ".join(t.text for t in [*words, title])


# --- role relations -------------------------------------------------------------------------


def _hung_on(p: Paragraph, title: Token) -> Token | None:
    """The word a title shares its holders with: 'one' in 'one of the founders', the first title
    in 'CEO of Y and chairman of Z' (where the parser may join the second title to Y)."""
    if title.dep_ == "pobj" and title.head.lower_ == "of" and title.head.head.lower_ == "one":
        return title.head.head
    if title.dep_ != "conj":
        return None
    other = title.head
    if p.mention(other) is not None and other.dep_ == "pobj" and other.head.dep_ == "prep":
        other = other.head.head
    return other if p.mention(other) is None and other.lemma_.lower() in lexicon.JOB_TITLES else None


def _holders(p: Paragraph, title: Token) -> list[Mention]:
    """The people a title is given to: 'X, CEO', 'X was named CEO', 'X served as CEO', 'CEO X',
    'board members X, Y and Z', 'members X and Y' (names in apposition to the title). A title
    in a partitive ('X, one of the founders of Y') or joined to another ('X, CEO of Y and
    chairman of Z') is given to the people the word it hangs on is given to."""
    hung_on = _hung_on(p, title)
    if hung_on is not None and (shared := _holders(p, hung_on)):
        return shared
    people: list[Mention] = []
    if title.dep_ == "appos":  # "A and B, professors at Y": both; "A, a professor at Y, and B": A alone
        people = named(p, title.head, PERSON, conjuncts=title.tag_ in {"NNS", "NNPS"} or title.i < title.head.i)
    elif title.dep_ in {"attr", "oprd"} and title.head.lemma_.lower() in lexicon.ROLE_VERBS and not negated(title.head):
        people = [m for s in sum(subjects(title.head), []) for m in named(p, s, PERSON)]
    elif title.dep_ == "pobj" and title.head.lower_ == "as" and title.head.head.lemma_.lower() in lexicon.ROLE_VERBS and not negated(title.head.head):
        verb = title.head.head  # "Y named X as director", "X served as director", "X was hired as director"
        direct = [c for c in verb.children if c.dep_ in {"dobj", "oprd"}]  # (the parser may make X a predicate)
        people = [m for s in direct or sum(subjects(verb), []) for m in named(p, s, PERSON)]
    elif title.dep_ == "pobj" and title.head.lower_ == "as" and title.head.i > 0 and (named_one := p.mention(p.doc[title.head.i - 1])) is not None \
            and named_one.type == PERSON and any(t.lemma_.lower() in lexicon.APPOINTING_VERBS and t.tag_ in {"VBD", "VBN"} for t in p.doc[max(title.head.i - 6, 0) : title.head.i]):
        people = [named_one]  # "Y named economist X as governor of Z", the parser hanging "as" elsewhere
    elif title.dep_ == "compound" and (owner := p.mention(title.head)) is not None and owner.type == PERSON:
        people = [owner]
        if title.tag_ == "NNS":  # a plural title holds for the list it opens
            people += [m for c in title.head.conjuncts if c.i > title.head.i and (m := p.mention(c)) is not None and m.type == PERSON and m not in people]
    people = people or [m for c in title.children if c.dep_ == "appos" and c.i > title.i for m in named(p, c, PERSON)]
    # "The chief executive of Y, X, apologised", "Y's vice president for Europe, X,": the parser hangs the name on the object
    people = people or [m for o in objects(title, "of", "for") for c in o.children if c.dep_ == "appos" and c.i > o.i and (m := p.mention(c)) is not None and m.type == PERSON]
    return people or _apposed_after(p, title)


def _apposed_after(p: Paragraph, title: Token) -> list[Mention]:
    """The person set off by commas right after a title the parser joined to an earlier name,
    on which it hangs the person too ("A and Y's former vice president of sales, X, booked ...":
    the title and X both hung on A)."""
    after = title.right_edge.i + 1
    if title.dep_ != "conj" or after + 1 >= len(p.doc) or p.doc[after].text != ",":
        return []
    person = p.mention(p.doc[after + 1])
    if person is None or person.type != PERSON:
        return []
    end = after + 1
    while end < len(p.doc) and p.mention(p.doc[end]) is person:
        end += 1
    closed = end < len(p.doc) and p.doc[end].text == ","
    return [person] if closed and p.doc[end - 1].dep_ in {"appos", "conj"} and p.doc[end - 1].head == title.head else []


def role_relations(p: Paragraph) -> Iterator[Found]:
    """'X, CEO of Y', 'Y CEO X', 'X is a fellow at Y', 'X, founder of Y', 'X was named director of Y',
    'X served as Y's president', 'board members X and Z' (the board: the organisation it refers to)."""
    for title in p.find(lemma=lexicon.JOB_TITLES, lower=lexicon.JOB_TITLES):
        lemma = title.lemma_.lower()
        if lemma not in lexicon.JOB_TITLES and title.lower_ not in lexicon.JOB_TITLES:
            continue
        people = _holders(p, title)
        if not people:
            continue
        held = [o for o in objects(title, "of", "at", "for", "with", "in") if o not in _graduate_objects(title)]
        orgs = [m for o in held for m in named(p, o, ORG)]
        owners = [m for o in held if not named(p, o, ORG) for m in possessors(p, o, ORG)]
        orgs += [m for c in title.children if c.dep_ in {"compound", "poss", "nmod", "amod"} for m in named(p, c, ORG)]  # (amod: "Quorian CEO X", the parser reading an adjective)
        if title.dep_ == "compound":
            orgs += [m for c in title.head.children if c.dep_ in {"compound", "poss"} and c.i < title.i for m in named(p, c, ORG)]
        # "a chemist and former provost at Y": the parser may hang "at Y" on the first title; the post at Y is the second
        post = next((c for c in title.children if c.dep_ == "conj" and c.lemma_.lower() in lexicon.JOB_TITLES and held and c.i < held[0].i), title)
        former = _past(post)
        for person in people:
            for org in owners:
                yield Found(person, org, "worksFor", 0.75, "role:unit-of", title, role=_role(p, post), former=former)
            kind = post.lemma_.lower()
            for org in orgs:
                founding = kind not in lexicon.MEMBER_TITLES and any(c.dep_ == "amod" and c.lower_ == "founding" for c in post.children)  # "a founding partner of Y"
                if any(t.lower_ in lexicon.FOUNDER_TITLES or t.lemma_.lower() in lexicon.FOUNDER_TITLES for t in {title, post}) or founding:
                    yield Found(org, person, "foundedBy", 0.9, "role:founder", title)
                    yield Found(person, org, "worksFor", 0.7, "role:founder", title, role=_role(p, post), former=former)
                elif kind in lexicon.MEMBER_TITLES | lexicon.MEMBER_OF_BODY_TITLES:  # "the Green MP X", "a senator"
                    yield Found(person, org, "memberOf", 0.85, "role:member", title, former=former)
                else:
                    yield Found(person, org, "worksFor", 0.9, f"role:{title.dep_}", title, role=_role(p, post), former=former)


def parties(p: Paragraph) -> Iterator[Found]:
    """'county mayor X (Conservative Party)': a party in brackets after a name is the person's; so
    is 'his X party' or "Y's X Party" (owned by the person)."""
    for noun in p.find(lemma={"party"}):
        if noun.lemma_.lower() != "party":
            continue
        if noun.pos_ == "NOUN":  # "his X party"
            named_parties = [m for c in noun.children if c.dep_ == "compound" for m in named(p, c, ORG)]
        else:  # "X's Unity Party"
            named_parties = [m for m in [p.mention(noun)] if m is not None and m.type == ORG and m.name.split()[-1].lower() == "party"]
        for named_party in named_parties:
            for member in possessors(p, noun, PERSON):
                yield Found(member, named_party, "memberOf", 0.8, "member:party", noun)
    for i, person in p.mentions.items():
        if person.type != PERSON or i + 2 >= len(p.doc) or p.doc[i + 1].text != "(":
            continue
        party = p.mention(p.doc[i + 2])
        end = i + 2
        while end < len(p.doc) and p.mention(p.doc[end]) is party:
            end += 1
        if party is not None and party.type == ORG and party.name.split()[-1].lower() == "party" and end < len(p.doc) and p.doc[end].text == ")":
            yield Found(person, party, "memberOf", 0.8, "member:party", p.doc[i + 1])


def seats(p: Paragraph) -> Iterator[Found]:
    """'X resigned her seat in the Senate', 'X won a seat on the Y Council', 'X holds a seat on
    the board of Y': a seat in a body is membership of it."""
    for seat in p.find(lemma={"seat"}):
        if seat.lemma_.lower() != "seat" or seat.pos_ != "NOUN" or negated(seat.head):
            continue
        people = possessors(p, seat, PERSON)
        if not people and seat.dep_ == "dobj":
            people = [m for s in subjects(seat.head)[0] for m in named(p, s, PERSON)]
        bodies = objects(seat, "in", "on")
        bodies += [b for o in bodies if o.lemma_.lower() in lexicon.BODY_NOUNS for b in objects(o, "of")]  # "on the board of Y"
        for org in [m for o in bodies for m in named(p, o, ORG)]:
            for person in people:
                yield Found(person, org, "memberOf", 0.8, "role:seat", seat)


_MOVING_VERBS = frozenset("return move come go switch transfer".split())


def posts_at(p: Paragraph) -> Iterator[Found]:
    """'X stayed on at Y as chief scientist', 'X returned to Y as coach': a post held at the
    organisation the verb is at, with or moved to (not where the title says it is held: "spoke at
    Y as chairman of Z")."""
    for word in p.find(lower={"as"}):
        verb = word.head
        hung = verb.head.head.pos_ == "VERB" and verb.dep_ == "pobj" and verb.head.lower_ in {"at", "with"}  # the parser hangs "as" on Y
        verb = verb.head.head if hung else verb
        titles = [o for o in word.children if o.dep_ == "pobj" and o.lemma_.lower() in lexicon.JOB_TITLES and not _held_elsewhere(o)]
        if word.dep_ != "prep" or not titles or verb.pos_ != "VERB" or negated(verb):
            continue
        preps = ("at", "with", "to") if verb.lemma_.lower() in _MOVING_VERBS else ("at", "with")
        orgs = [m for o in objects(verb, *preps) for m in named(p, o, ORG)]
        for person in [m for s in subjects(verb)[0] for m in named(p, s, PERSON)]:
            for org in orgs:
                yield Found(person, org, "worksFor", 0.75, "role:as-at", titles[0], role=_role(p, titles[0]), former=_past(titles[0]) or _said_of_the_past(verb))


_COLLEAGUE_NOUNS = frozenset("colleague ally teammate comrade".split())


def colleagues(p: Paragraph) -> Iterator[Found]:
    """'X, a colleague from her eight years at Y', 'X, a longtime ally from his Y party': one known
    from an organisation belongs to it (then, when the years there are past)."""
    for noun in p.find(lemma=_COLLEAGUE_NOUNS):
        person = p.mention(noun.head) if noun.dep_ == "appos" else None
        if person is None or person.type != PERSON or noun.lemma_.lower() not in _COLLEAGUE_NOUNS:
            continue
        years = [o for o in objects(noun, "from") if o.lemma_.lower() in lexicon.DURATION_NOUNS]
        for o in [*objects(noun, "from", "at"), *(t for y in years for t in objects(y, "at", "with"))]:
            for org in named(p, o, ORG):
                yield Found(person, org, "worksFor", 0.7, "role:colleague", noun, former=bool(years) or _past(noun))


def person_of(p: Paragraph) -> Iterator[Found]:
    """'Ann Lee of the Oxbury Institute said', 'Deputy Ann Lee of the Union party': a person
    named with the organisation they speak for; 'Ann Lee, 37, of Tulsa, Okla.': with the town
    they live in (the news convention for residence; a country is a nationality, see
    `nationalities`)."""
    for prep in p.find(lower={"of"}):
        person = p.mention(prep.head)
        if prep.dep_ != "prep" or person is None or person.type != PERSON:
            continue
        for o in prep.children:
            if o.dep_ != "pobj":
                continue
            for org in named(p, o, ORG):
                yield Found(person, org, "worksFor", 0.7, "role:of", prep)
            for place in named(p, o, PLACE):
                if lexicon.place_rank(place.name) < 3:
                    yield Found(person, place, "livesIn", 0.7, "lives:of", prep)


def natives(p: Paragraph) -> Iterator[Found]:
    """'X is a native of Y', 'X, a (Y) native', 'A native of Y, X ...', "X returned to her native
    Y" -> X bornIn Y (a native of a place was born there; one's native place is where one was born)."""
    for noun in p.find(lemma={"native"}):
        if noun.dep_ == "amod" and noun.pos_ == "ADJ":  # "her native Y" (the adjective): the place owned by the person
            people = possessors(p, noun.head, PERSON)
            for place in named(p, noun.head, PLACE, conjuncts=False):
                for person in people:
                    yield Found(person, place, "bornIn", 0.7, "native:of", noun)
            continue
        if noun.pos_ != "NOUN":
            continue
        places = [m for o in objects(noun, "of") for m in named(p, o, PLACE)]
        places += [m for c in noun.children if c.dep_ == "compound" and c.i < noun.i for m in named(p, c, PLACE)]  # "a Larkfield native"
        said_of_subject = (  # "X is a native of Y", "A native of Y, X attended ..."
            noun.dep_ == "attr" and noun.head.lemma_ == "be" and not negated(noun.head)
            or noun.dep_ in {"advcl", "npadvmod", "nsubj"} and noun.i < noun.head.i
        )
        if noun.dep_ == "appos":
            people = named(p, noun.head, PERSON)
        else:
            people = [m for s in subjects(noun.head)[0] for m in named(p, s, PERSON)] if said_of_subject else []
        people += [m for c in noun.children if c.dep_ == "appos" for m in named(p, c, PERSON)]  # "a native of Y, X"
        for person in people:
            for place in places:
                yield Found(person, place, "bornIn", 0.7, "native:of", noun)


_HOME_NOUNS = frozenset({"home", "house", "residence", "apartment", "hometown"})


def homes(p: Paragraph) -> Iterator[Found]:
    """"X's Ohio home", 'his home in Y', "X's hometown of Y" -> X livesIn Y."""
    for noun in p.find(lemma=_HOME_NOUNS):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _HOME_NOUNS:
            continue
        people = possessors(p, noun, PERSON)
        places = [m for c in noun.children if c.dep_ == "compound" for m in named(p, c, PLACE)]
        places += [m for o in objects(noun, "in", "of") for m in named(p, o, PLACE)]
        for person in people:
            for place in places:
                yield Found(person, place, "livesIn", 0.7, "lives:home", noun)


_KILLER_NOUNS = frozenset({"assassin", "killer", "murderer"})
_KILLING_NOUNS = frozenset({"assassination", "murder", "killing", "slaying"})
_KILL_NOUNS = _KILLER_NOUNS | _KILLING_NOUNS


def killings(p: Paragraph) -> Iterator[Found]:
    """'X's assassin Y', 'the King assassin Y', 'Y, the killer of X', 'the assassination of X by Y'
    and 'Y was convicted of X's murder' (or 'is serving a life term for') -> Y killed X: a killing stated
    by a noun rather than a verb."""
    for noun in p.find(lemma=_KILL_NOUNS):
        lemma = noun.lemma_.lower()
        if not (noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.is_lower)) or lemma not in _KILL_NOUNS:
            continue  # a lower-case noun the tagger calls a name inside a run of names ("the King assassin Y") is still the noun
        victims = [m for o in objects(noun, "of") for m in named(p, o, PERSON)]
        if lemma in _KILLER_NOUNS:
            modifiers = [*noun.children, *(noun.head.children if noun.dep_ == "compound" else ())]  # "X's assassin Y": the parser hangs "X's" on Y
            victims += [m for c in modifiers if c.dep_ in {"poss", "compound"} and c.i < noun.i for m in named(p, c, PERSON)]
            killers = [m for m in _described(p, noun) or _comma_apposed(p, noun) if m not in victims]
        else:
            victims += possessors(p, noun, PERSON)
            killers = [m for o in objects(noun, "by") for m in named(p, o, PERSON)]
            verb = noun.head.head  # "X was convicted of Y's murder"
            while verb.pos_ == "NOUN" and verb.dep_ == "dobj":  # "X is serving a life term for Y's murder"
                verb = verb.head
            if noun.dep_ == "pobj" and noun.head.lower_ in {"of", "for"} and verb.lemma_.lower() in {"convict", "sentence", "serve"} and not negated(verb):
                killers += [m for s in sum(subjects(verb), []) for m in named(p, s, PERSON)]
        for killer in killers:
            for victim in victims:
                if killer != victim:
                    yield Found(killer, victim, "killed", 0.75, f"kill:{lemma}", noun)


# --- places ---------------------------------------------------------------------------------


_REGION_WORDS = frozenset("regional european asian african american continental international north-american latin-american".split())


def _head_office(p: Paragraph, token: Token) -> tuple[list[Mention], list[Token]] | None:
    """The organisations a headquarters noun belongs to and the places it is said to be in beyond
    its own "in Y" ("its Denver headquarters", "whose headquarters are in Y", "moved its
    headquarters to Y"); None where the text denies it."""
    orgs = [m for c in token.children if c.dep_ in {"poss", "compound"} for m in named(p, c, ORG)]
    places = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]  # "its Denver headquarters"
    after = p.doc[token.i + 1] if token.i + 1 < len(p.doc) else None
    if after is not None and after.lower_ in {"in", "at"} and after.head != token:  # "at X headquarters in Y", the parser hanging "in Y" higher
        places += [t for o in after.children if o.dep_ == "pobj" for t in [o, *(c for c in o.children if c.dep_ == "nmod" and c.i < o.i)]]  # (or runs it into the next name)
    verb = token.head
    orgs += [m for s in subjects(verb)[0] for m in named(p, s, ORG)] if token.dep_ == "dobj" else []
    if token.dep_ == "pobj" and verb.lower_ == "with":
        orgs += named(p, verb.head, ORG)  # "X, with headquarters in Y", "a company with its head office in Y"
    if token.dep_ == "nsubj" and verb.lemma_ == "be" and not negated(verb):  # "its headquarters are in Y"
        places += objects(verb, "in", "at")
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in token.children) and verb.dep_ == "relcl":
            orgs += named(p, verb.head, ORG)  # "X, whose headquarters are in Y"
    if token.dep_ == "dobj" and verb.lemma_.lower() in {"move", "relocate", "shift", "transfer"}:
        if negated(verb):
            return None
        places = objects(verb, "from") if planned(verb) else objects(verb, "to")  # a move to come leaves it where it is
    return orgs, places


def headquarters(p: Paragraph) -> Iterator[Found]:
    """'X is headquartered in Y', 'X, based in Y', 'X's headquarters in Y', 'the Y-based X'; 'the
    Y-registered X' is registered there (located, not necessarily its head office)."""
    for token in p.find(lemma={"headquarter", "headquartered", "base", "register"}, lower={"headquarters", "hq", "office", "offices"}):
        lemma = token.lemma_.lower()
        if lemma == "office" and not any(c.lower_ == "head" for c in token.children):
            continue  # only "head office(s)" is a headquarters
        compound = lemma in {"base", "headquarter", "headquartered", "register"} and token.dep_ in {"amod", "compound"} and token.i > 0 and p.doc[token.i - 1].tag_ == "HYPH"
        if lemma == "register" and not compound:
            continue
        places = [c for c in token.children if c.i < token.i - 1] if compound else objects(token, "in", "at")
        if compound:
            orgs = named(p, token.head, ORG)
            kind, confidence, rule = ("locatedIn", 0.8, "located:registered") if lemma == "register" else ("headquarteredIn", 0.8, "hq:compound")
        elif lemma in {"headquarter", "headquartered"} and token.lower_ not in {"headquarters", "hq"} or (lemma == "base" and token.tag_ == "VBN"):
            active, passive = subjects(token)
            orgs = [m for s in passive + active for m in named(p, s, ORG)]
            kind, confidence, rule = ("headquarteredIn", 0.9, "hq:verb") if lemma != "base" else ("headquarteredIn", 0.8, "hq:based")
        elif token.lower_ in {"headquarters", "hq", "office", "offices"}:
            if (stated := _head_office(p, token)) is None:
                continue
            orgs, places = stated[0], places + stated[1]
            kind, confidence, rule = "headquarteredIn", 0.85, "hq:noun"
            if any(c.dep_ in {"amod", "compound"} and (c.text in lexicon.DEMONYMS or c.lower_ in _REGION_WORDS) for c in token.children):
                kind, confidence, rule = "locatedIn", 0.8, "located:regional-hq"  # "its European headquarters in Y": a seat there, not the head office
        else:
            continue
        found = [m for t in places for m in named(p, t, PLACE)]
        smallest = min((lexicon.place_rank(m.name) for m in found), default=1)
        for place in found:
            if lexicon.place_rank(place.name) == smallest:  # "based in Peoria, Illinois": the town is the head office
                for org in orgs:
                    yield Found(org, place, kind, confidence, rule, token)


def _which_stands_for(p: Paragraph, verb: Token) -> Token:
    """The noun a relative clause's "which" stands for: the one the clause hangs from or, where the
    parser hangs it from a person (no "which" stands for one), the last organisation named before
    it ("said X, chief executive of Y, which runs ...")."""
    owner = p.mention(verb.head)
    if owner is None or owner.type != PERSON:
        return verb.head
    return next((t for t in reversed(p.doc[verb.sent.start : verb.i]) if (m := p.mention(t)) is not None and m.type == ORG), verb.head)


def sites(p: Paragraph) -> Iterator[Found]:
    """'X, a company with offices in A and B', 'X has offices in A'."""
    for site in p.find(lower=lexicon.SITE_NOUNS):
        if site.lower_ not in lexicon.SITE_NOUNS or site.lower_ in {"headquarters", "hq"} or none(site):
            continue
        verb = site.head
        owner = verb.head if site.dep_ == "pobj" and verb.lower_ == "with" else None
        if site.dep_ == "dobj" and verb.lemma_ in {"have", "operate", "maintain", "run", "open", "build"} and not planned(verb) and not negated(verb):
            relative = verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in {"which", "that"} for c in verb.children)
            owners = [_which_stands_for(p, verb)] if relative else sum(subjects(verb), [])
            orgs = [m for s in owners for m in named(p, s, ORG)]  # "X, which runs hospitals in A": "which" stands for X
        else:
            orgs = named(p, owner, ORG) if owner is not None else []
        place_tokens = objects(site, "in", "across")
        if orgs and site.dep_ == "dobj" and not place_tokens:
            place_tokens = objects(verb, "in", "across")  # "runs hospitals in A": the parser hangs "in A" on the verb
        if site.dep_ == "dobj" and verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
            place_tokens.append(verb.head)  # "Larkfield, where it opened a plant"
        for place_token in place_tokens:
            for place in named(p, place_token, PLACE):
                for org in orgs:
                    yield Found(org, place, "locatedIn", 0.8, "located:site", site)


def education(p: Paragraph) -> Iterator[Found]:
    """'X, a graduate of Y', 'a Y engineering graduate, X', 'X and Z, doctoral students at Y'."""
    for noun in p.find(lemma=lexicon.GRADUATE_NOUNS):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.GRADUATE_NOUNS:
            continue
        schools = [m for o in objects(noun, "of", "from", "at") for m in named(p, o, ORG)]
        schools += [m for c in noun.children if c.dep_ in {"compound", "nmod", "poss"} for m in named(p, c, ORG)]
        if noun.dep_ == "conj" and noun.head.dep_ == "appos":  # "X, a lawyer and graduate of Y": the parser hangs "of Y" on the lawyer
            people = named(p, noun.head.head, PERSON)
            schools = schools or [m for o in _graduate_objects(noun.head) for m in named(p, o, ORG)]
        elif noun.dep_ == "appos" or noun.dep_ == "npadvmod":
            people = named(p, noun.head, PERSON)
        elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in {"VERB", "AUX"}:  # "met as students at Y"
            people = [m for s in subjects(noun.head.head)[0] for m in named(p, s, PERSON)]
        elif noun.dep_ in {"attr"}:
            people = [m for s in subjects(noun.head)[0] for m in named(p, s, PERSON)]
        elif noun.dep_ == "ROOT" or noun.head.dep_ == "ROOT":
            people = []
        else:
            people = [m for c in noun.children if c.dep_ == "appos" for m in named(p, c, PERSON)]
        if noun.dep_ in {"nsubj", "pobj", "dobj"} and noun.head.pos_ in {"VERB", "AUX", "ADP"} and not people:
            # "A graduate of Y, X clerked ...": the noun opens the sentence and describes its subject
            people = [m for s in subjects(noun.head)[0] if s is not noun for m in named(p, s, PERSON)]
        if not people:  # "A graduate of Y, X ...", where the parser hangs X on Y as an apposition
            people = [m for o in objects(noun, "of", "from") for c in o.children if c.dep_ == "appos" for m in named(p, c, PERSON)]
            schools = [m for m in schools if all(m is not q for q in people)]
        for person in people:
            for school in schools:
                yield Found(person, school, "alumniOf", 0.8, "study:graduate", noun)


def _graduate_objects(noun: Token) -> list[Token]:
    """The objects of "of", "from" or "at" under a noun that come after a graduate noun conjoined
    with it ("an engineer and graduate of Y": Y is where the graduate studied)."""
    graduates = [c.i for c in noun.conjuncts if c.lemma_.lower() in lexicon.GRADUATE_NOUNS and c.i > noun.i]
    return [o for o in objects(noun, "of", "from", "at") if graduates and o.i > min(graduates)]


_OWNED_NOUNS = lexicon.SITE_NOUNS | lexicon.SERVED_NOUNS


def owned_sites(p: Paragraph) -> Iterator[Found]:
    """'its plants in Peoria', 'the company's Tokyo office', 'X's research centre in Leeds', 'its
    new branch on Mill Lane', 'its customers in Ohio' (an organisation works where the people it
    serves or employs are)."""
    for site in p.find(lower=_OWNED_NOUNS):
        if site.lower_ not in _OWNED_NOUNS or site.lower_ in {"headquarters", "hq"}:
            continue
        orgs = possessors(p, site, ORG)
        opening = site.head.lemma_.lower() in {"open", "build", "launch", "start", "establish"}
        if not orgs or planned(site.head) and opening or site.dep_ == "dobj" and (negated(site.head) or site.head.lemma_.lower() in lexicon.CLOSING_VERBS):
            continue  # "plans to open its office in Y", "its office in Y will open in May", "closed its office in Y" (but "its Chicago office will move", "plans to expand its plant in Y": it is there)
        places = [m for o in objects(site, "in") for m in named(p, o, PLACE)]
        if site.dep_ == "nsubj" and site.head.lemma_.lower() in {"be", "remain", "stay", "sit", "lie", "stand"} and not negated(site.head):
            places += [m for o in objects(site.head, "in") for m in named(p, o, PLACE)]  # "its plant remains in Y"
        places += [m for o in objects(site, "on") for m in named(p, o, PLACE) if _street(m)]
        after = p.doc[site.i + 1] if site.i + 1 < len(p.doc) else None
        if after is not None and after.dep_ == "prep" and after.lower_ in {"in", "on"} and after.head.pos_ == "VERB" and site.dep_ == "pobj":
            places += [m for o in after.children if o.dep_ == "pobj" for m in named(p, o, PLACE) if after.lower_ == "in" or _street(m)]  # "pay for its branch on Route 9": the parser hangs "on" on the verb
        places += [m for c in site.children if c.dep_ in {"compound", "nmod"} and c.i < site.i for m in named(p, c, PLACE)]
        for org in orgs:
            for place in places:
                yield Found(org, place, "locatedIn", 0.8, "located:owned-site", site)


def org_in_place(p: Paragraph) -> Iterator[Found]:
    """'the Orvik Institute in Rotterdam', 'the University of Oduya in Tamale', 'X on Mill Lane':
    an organisation's name followed by the place it is in; 'X, the old royal palace in Y', 'X, a
    private college of 3,000 students in Y': the noun in apposition to a name, or its "of"
    phrase, followed by it; 'X, in northern Y, said': the place set off by commas after it."""
    for prep in p.find(lower={"in", "on"}):
        if prep.dep_ != "prep":
            continue
        owner = prep.head
        if owner.dep_ == "pobj" and owner.head.lower_ == "of" and p.mention(owner) is None:
            owner = owner.head.head  # "a college of 3,000 students in Y"
        org = p.mention(owner)
        if org is None and owner.dep_ == "appos" and owner.pos_ in {"NOUN", "PROPN"}:
            org = next(iter(named(p, owner, ORG, PLACE)), None)
        if org is None and owner.pos_ in {"VERB", "AUX"} and prep.i >= 2 and p.doc[prep.i - 1].text == "," and p.doc[prep.i - 2].dep_ == "nsubj":
            org = p.mention(p.doc[prep.i - 2])  # "X, in northern Y, will build": set off by commas, the parser hangs it on the verb
        if org is None or org.type == PERSON:
            continue
        named_place = org.type == PLACE and p.mention(owner) is org  # "X District in Y Province"
        if named_place and any(o.conjuncts for c in owner.children if c.dep_ == "prep" and c.i < prep.i for o in c.children if o.dep_ == "pobj"):
            continue  # "A in B and C in D": the parser hangs the second "in" on A
        for place_token in [c for c in prep.children if c.dep_ == "pobj"]:
            for place in named(p, place_token, PLACE, conjuncts=not named_place):  # a place lies in one place ("A in B and C in D")
                if place is org or not (prep.lower_ == "in" or _street(place)):
                    continue
                if not named_place:
                    yield Found(org, place, "locatedIn", 0.75, "located:org-in", prep)
                elif prep.lower_ == "in" and lexicon.may_lie_in(org.name, place.name):
                    yield Found(org, place, "locatedIn", 0.75, "located:place-in", prep)


def _street(place: Mention) -> bool:
    """Whether a place is a street or a road ("Mill Lane", "Highway 7"): what a thing is "on"."""
    return any(word.lower() in lexicon.STREET_WORDS for word in place.name.split())


def place_kind_org(p: Paragraph) -> Iterator[Found]:
    """'Leeds pump maker Marisco', 'the Denver firm Larch Marr LLP', 'WaveCell, a
    Halifax start-up': a place modifying the noun that says what an organisation is."""
    for noun in p.find(lemma=lexicon.ORG_NOUNS):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.ORG_NOUNS:
            continue
        places = [m for c in noun.children if c.dep_ in {"compound", "nmod", "amod"} and c.i < noun.i for m in named(p, c, PLACE)]
        if not places:
            continue
        orgs = named(p, noun, ORG) or (named(p, noun.head, ORG) if noun.dep_ == "appos" else [])
        for org in orgs:
            for place in places:
                yield Found(org, place, "locatedIn", 0.8, "located:kind-noun", noun)


def described_places(p: Paragraph) -> Iterator[Found]:
    """Read from the words after a name, where the parser often misplaces an apposition:
    'X, a Tulsa start-up', 'X (XTB), the Nairobi-based trade body' (an organisation and the
    place its kind is qualified by; '-based' is its head office) and 'X, in northern Kenya' (a
    place and the place it lies in)."""
    doc, spans = p.doc, _spans(p)
    for m, (_, end) in spans.items():
        j = end
        if j < len(doc) and doc[j].text == "(":  # "X (XRC), the ..."
            j = next((k + 1 for k in range(j + 1, min(j + 5, len(doc))) if doc[k].text == ")"), len(doc))
        if j + 2 >= len(doc) or doc[j].text != "," or doc[j].sent != doc[end - 1].sent:
            continue
        if m.type == ORG and doc[j + 1].lower_ in {"a", "an", "the"}:
            noun, places, based = None, [], False
            for t in doc[j + 2 : j + 10]:
                if (placed := p.mention(t)) is not None and placed.type == PLACE and placed not in places:
                    places.append(placed)
                based = based or (t.lower_ == "based" and bool(places))
                if t.pos_ == "NOUN" and (t.lemma_.lower() in lexicon.ORG_NOUNS | lexicon.REFERRING_ORG_NOUNS or t.lower_ == "up" and doc[t.i - 1].text == "-"):
                    noun = t  # the kind of thing ("start-up" is read as "start", "-", "up")
                    break
                if t.pos_ not in {"PROPN", "ADJ", "NOUN", "PUNCT", "VERB"} or t.text == "," or t.pos_ == "VERB" and t.lower_ != "based":
                    break
            for place in places if noun is not None else []:
                yield Found(m, place, "headquarteredIn" if based else "locatedIn", 0.8, "located:described", noun)  # type: ignore[arg-type]  # noun is set
        elif m.type == PLACE and doc[j + 1].lower_ == "in":
            t = doc[j + 2]
            t = doc[t.i + 1] if t.lower_ in lexicon.DIRECTION_ADJECTIVES and t.i + 1 < len(doc) else t
            if (outer := p.mention(t)) is not None and outer.type == PLACE and outer is not m:
                yield Found(m, outer, "locatedIn", 0.8, "located:comma-in", doc[j + 1])


def _spans(p: Paragraph) -> dict[Mention, tuple[int, int]]:
    """Each named mention of the paragraph (not a reference) and its token span."""
    return {m: (span.start, span.end) for span, m in p.named()}


def home_to(p: Paragraph) -> Iterator[Found]:
    """'Y is home to ... including A, B and C' -> A, B, C locatedIn Y."""
    for home in p.find(lower={"home"}):
        if home.lower_ != "home" or home.dep_ != "attr":
            continue
        places = [m for s in subjects(home.head)[0] for m in named(p, s, PLACE)]
        for target in objects(home, "to") + objects(home.head, "including"):
            members = {m for t in target.subtree if (m := p.mention(t)) and m.type == ORG}
            for org in sorted(members, key=lambda m: m.start):
                for place in places:
                    yield Found(org, place, "locatedIn", 0.8, "located:home-to", home)


def area_of(p: Paragraph) -> Iterator[Found]:
    """'X, a suburb in the south of Y', 'X, a hub in Y', 'X, a district of Y' (also where the parser hangs
    the apposition on another noun than the place before it)."""
    for noun in p.find(dep={"appos"}):
        if noun.dep_ != "appos":
            continue
        areas = named(p, noun.head, PLACE)
        kind = noun.lemma_.lower() in lexicon.PLACE_NOUNS
        start = noun.left_edge.i
        if not areas and kind and start >= 2 and p.doc[start - 1].text == "," and (before := p.mention(p.doc[start - 2])) is not None and before.type == PLACE:
            areas = [before]  # "arrested in Orvik, a suburb of Y": the parser may hang the apposition on the subject
        if not areas:
            continue
        preps = ("in", "of") if kind else ("in",)
        for target in objects(noun, *preps):
            while target.lemma_.lower() in lexicon.DIRECTION_NOUNS and objects(target, "of"):
                target = objects(target, "of")[0]
            tails: list[Mention | Capital] = list(named(p, target, PLACE))
            if not tails and target.lower_ == "capital":
                tails = [Capital(target, p.offset + target.idx, None)]
            for area in areas:
                for tail in tails:
                    yield Found(area, tail, "locatedIn", 0.85, "located:apposition", noun)


def one_of_places(p: Paragraph) -> Iterator[Found]:
    """'X is one of Ohio's largest cities', 'X, the largest of Y's republics', 'X is one of the
    oldest towns in Y': a place picked out of the places of another lies in it."""
    for word in p.find(dep={"attr", "appos"}):
        if word.dep_ == "attr" and word.head.lemma_ == "be":
            parts = [m for s in subjects(word.head)[0] for m in named(p, s, PLACE)]
        elif word.dep_ == "appos":
            parts = [m for m in [p.mention(word.head)] if m is not None and m.type == PLACE]
        else:
            continue
        for kind in partitive_nouns(word):
            if kind.lemma_.lower() not in lexicon.KINDS_OF_PLACE or any(c.lower_ in _BESIDE_WORDS for c in kind.children):
                continue  # "one of Y's neighbouring states" is beside Y
            for whole in possessors(p, kind, PLACE) + [m for o in objects(kind, "in") for m in named(p, o, PLACE)]:
                for part in parts:
                    if part is not whole and (lexicon.may_lie_in(part.name, whole.name) or _federated(part, whole, kind)):
                        yield Found(part, whole, "locatedIn", 0.8, "located:one-of", kind)


_MEMBER_STATE_NOUNS = frozenset("republic state emirate".split())
_BESIDE_WORDS = frozenset("neighbouring neighboring bordering adjoining adjacent nearby surrounding allied rival fellow partner".split())


def _federated(part: Mention, whole: Mention, kind: Token) -> bool:
    """'X is the largest of Y's six republics': a federation's member states may be countries
    themselves (a country then lies in a country the text says holds it)."""
    return kind.lemma_.lower() in _MEMBER_STATE_NOUNS and lexicon.place_rank(part.name) == lexicon.place_rank(whole.name) == 3


_SETTLEMENT_NOUNS = frozenset("city town village suburb hamlet neighborhood neighbourhood port".split())


def kind_of_place(p: Paragraph) -> Iterator[Found]:
    """'the Ohio city of X', 'the Denver suburb of X': a settlement that a place qualifies and
    another names -> X locatedIn the qualifying place (but "the Sukhumi district of Y" names the
    district: a unit qualified by a town or region is its own name, unless a state or country
    qualifies it)."""
    for noun in p.find(lemma=lexicon.PLACE_NOUNS):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.PLACE_NOUNS:
            continue
        wholes = [m for c in noun.children if c.dep_ in {"compound", "nmod", "amod"} and c.i < noun.i for m in named(p, c, PLACE, conjuncts=False)]
        wholes = [m for m in wholes if noun.lemma_.lower() in _SETTLEMENT_NOUNS or lexicon.place_rank(m.name) >= 2]
        for part in [m for o in objects(noun, "of") for m in named(p, o, PLACE)]:
            for whole in wholes:
                if part != whole and lexicon.may_lie_in(part.name, whole.name):
                    yield Found(part, whole, "locatedIn", 0.85, "located:kind-of-place", noun)


def possessive_places(p: Paragraph) -> Iterator[Found]:
    """"Lyon's Eastwood district", "Finland's X Oy": a place or an organisation
    owned by a place lies in it."""
    for token in p.find(dep={"poss"}):
        outer = p.mention(token)
        if outer is None or outer.type != PLACE or p.mention(token.head) is outer:
            continue
        for inner in named(p, token.head, PLACE, ORG)[:1]:  # the thing owned, not what it is listed with
            if inner is not outer and (inner.type == ORG or lexicon.may_lie_in(inner.name, outer.name)):
                yield Found(inner, outer, "locatedIn", 0.75, "located:possessive", token)


_COMPASS = lexicon.DIRECTION_ADJECTIVES | {w for w in lexicon.DIRECTION_NOUNS if w.startswith(("north", "south", "east", "west"))}


def place_chains(p: Paragraph) -> Iterator[Found]:
    """'Shinjuku, Tokyo, Japan', 'Delft, the Netherlands': each place lies in the next; lists with 'and' excluded, unless
    the next place is known to be larger ("Peoria, Illinois, and Augusta, Georgia")."""
    places = sorted({m for m in p.mentions.values() if m.type == PLACE and not is_stand_in(m)}, key=lambda m: m.start)  # "Lake X, Swiss police said"
    tokens = {m: [i for i, v in p.mentions.items() if v is m] for m in places}
    runs: list[list[Mention]] = []
    for m in places:
        first = min(tokens[m])
        if first > 0 and p.doc[first - 1].lower_ == "the" and lexicon.place_rank(m.name) >= 3:
            first -= 1  # "Delft, the Netherlands"
        while first > 1 and (p.doc[first - 1].lower_ in _COMPASS or p.doc[first - 1].text == "-" and p.doc[first - 2].lower_ in _COMPASS):
            first -= 1  # "Larkfield, south-east Ohio", "Larkfield, northern Ohio"
        if runs and first - max(tokens[runs[-1][-1]]) == 2 and p.doc[first - 1].text == ",":
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        last = max(tokens[run[-1]])
        after = [t.lower_ for t in p.doc[last + 1 : last + 3]]
        listed = "and" in after or "or" in after or "&" in after
        for inner, outer in zip(run, run[1:]):
            if _placed_after(p, max(tokens[outer])):
                continue  # "A in B, C in D": C is the next item of a list, placed by its own "in"
            if not listed or lexicon.place_rank(outer.name) > lexicon.place_rank(inner.name):  # "Augusta, Georgia, and ...": a state is no list item
                yield Found(inner, outer, "locatedIn", 0.8, "located:chain", p.doc[min(tokens[outer])])


def _placed_after(p: Paragraph, last: int) -> bool:
    """Whether "in" and a place follow the token `last` ("C in D")."""
    after = p.doc[last + 1 : last + 4]
    return len(after) > 1 and after[0].lower_ == "in" and any((m := p.mention(t)) is not None and m.type == PLACE for t in after[1:])


def _capital_parts(p: Paragraph, word: Token) -> tuple[list[Mention], list[Mention], list[Token]]:
    """The cities a word "capital" names, the countries it names them the capital of, and the
    demonyms that stand for a country ("the Chinese capital")."""
    head = word.head if word.dep_ == "compound" else word
    countries = possessors(p, head, PLACE)
    countries += [m for o in objects(head, "of") for m in named(p, o, PLACE)]
    demonyms = [c for c in head.children if c.dep_ == "amod" and _stands_for_country(p, c)]
    cities = [m for c in head.children if c.dep_ in {"appos", "compound"} and c.i > word.i for m in named(p, c, PLACE)]
    if head.dep_ == "appos":
        cities += named(p, head.head, PLACE)
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        cities += [m for s in subjects(head.head)[0] for m in named(p, s, PLACE)]
    return cities, countries, demonyms


def capitals(p: Paragraph) -> Iterator[Found]:
    """"Peru's capital (city) Lima", 'Lima, the capital of Peru', 'B is the capital of C',
    'B, the Chinese capital'."""
    for word in p.find(lower={"capital"}):
        if word.lower_ != "capital":
            continue
        cities, countries, demonyms = _capital_parts(p, word)
        for city in cities:
            for adjective in demonyms:  # "the Ethiopian capital"
                yield Found(city, _country(p, adjective, city), "capitalOf", 0.85, "capital:demonym", word)
            for country in countries:
                if city != country:
                    yield Found(city, country, "capitalOf", 0.9, "capital:apposition", word)


def _stands_for_country(p: Paragraph, token: Token) -> bool:
    """A demonym on its own, not a word of a longer name ("Peruvian", not the one in "Peruvian
    Airlines"), and a country's ("North Korean", not "South American")."""
    m = p.mention(token)
    return token.text in lexicon.DEMONYMS and (m is None or is_stand_in(m)) and lexicon.place_rank(demonym_country(token)) == 3


def _country(p: Paragraph, demonym: Token, owner: Mention) -> Mention:
    """The country a demonym stands for ("Peruvian" -> Peru): the country's name where the
    paragraph gives it, else the mention on the demonym's span."""
    country = demonym_country(demonym)
    named_country = [m for m in p.mentions.values() if m.type == PLACE and m.name == country and not is_stand_in(m)]
    if named_country:
        return min(named_country, key=lambda m: abs(m.start - p.offset - demonym.idx))
    start = p.offset + demonym.idx
    mention = p.mention(demonym)
    return mention if mention is not None and is_stand_in(mention) else Mention(f"{owner.id}-country{demonym.i}", demonym.text, country, PLACE, start, start + len(demonym), owner.article_id)


def demonym_orgs(p: Paragraph) -> Iterator[Found]:
    """'Peruvian mining startup X', 'its Brazilian unit, X' -> X locatedIn Peru, Brazil; 'the
    French town of X' -> X locatedIn France (the demonym stands for its country)."""
    for token in p.find(text=lexicon.DEMONYMS):
        country = lexicon.DEMONYMS.get(token.text)
        if country is None or not _stands_for_country(p, token):
            continue
        found = False
        for offset in range(1, 5):
            if token.i + offset + 1 >= len(p.doc):
                break
            noun, target = p.doc[token.i + offset], p.doc[token.i + offset + 1]
            if p.mention(noun) or noun.is_punct:
                break
            org = p.mention(target)
            if noun.lower_ in lexicon.ORG_NOUNS and org is not None and org.type == ORG and p.mention(p.doc[target.i - 1]) is not org:
                yield Found(org, _country(p, token, org), "locatedIn", 0.6, "located:demonym", token)
                found = True
                break
        noun = _head_noun(p, token.head)
        if found or token.dep_ not in {"amod", "compound"} or p.mention(noun) is not None:
            continue
        lemma = noun.lemma_.lower()
        things = named(p, noun, ORG) if lemma in lexicon.ORG_NOUNS else named(p, noun, PLACE) if lemma in lexicon.PLACE_NOUNS else []
        for thing in things:
            if thing.type == ORG or lexicon.may_lie_in(thing.name, country):
                yield Found(thing, _country(p, token, thing), "locatedIn", 0.6, "located:demonym", token)


_STATE_BODY_WORDS = frozenset("ministry parliament government cabinet legislature senate congress court navy army military police force".split())


def state_bodies(p: Paragraph) -> Iterator[Found]:
    """'the Peruvian Parliament', 'the Chilean Defence Ministry', 'the Danish Navy' -> the body
    locatedIn the country: a state's organ named with the state's demonym sits in that state (not
    a body named with a continent's demonym: "the African Trade Court")."""
    for token in p.find(text=lexicon.DEMONYMS):
        if lexicon.place_rank(demonym_country(token)) > 3:
            continue
        if _stands_for_country(p, token):  # "the Peruvian | Defence Ministry": the body is the next name
            body = p.mention(p.doc[token.i + 1]) if token.i + 1 < len(p.doc) else None
        else:  # "the Peruvian Parliament": the demonym opens the body's name
            body = p.mention(token)
            body = body if body is not None and body.text.startswith(token.text) else None
        if body is not None and body.type == ORG and body.name.split()[-1].lower() in _STATE_BODY_WORDS:
            yield Found(body, _country(p, token, body), "locatedIn", 0.8, "located:state-body", token)


def nationalities(p: Paragraph) -> Iterator[Found]:
    """A person described by a country: 'the American actor X', 'X, a Dutch businessman', 'X is a
    former Canadian rally driver', 'the Chilean X', 'a U.S. diplomat', "Norway's foreign minister
    X", 'X, the foreign minister of Kenya', 'X, an architect from Portugal', 'X of Spain' -> X nationality
    the country. A town or state described the same way is where the person lives: 'Larkfield
    businessman X', 'Ohio Gov. X', 'X, a lawyer from Tulsa' -> X livesIn the place (not for a
    former post: 'X, a former Larkfield County official')."""
    for token in p.find(text=lexicon.DEMONYMS):
        if not _stands_for_country(p, token) or token.dep_ not in {"amod", "compound"}:
            continue
        for person in _described(p, token.head):
            yield Found(person, _country(p, token, person), "nationality", 0.8, "nationality:demonym", token)
    for i, country in p.mentions.items():
        token = p.doc[i]
        rank = lexicon.place_rank(country.name)
        if country.type != PLACE or rank > 3 or is_stand_in(country) or p.mention(token.head) is country:
            continue
        if (token.dep_ in {"compound", "poss"} or token.dep_ == "nmod" and p.doc[token.i + 1].text != ",") and token.i < token.head.i:
            described = token.head  # "a Tulsa lawyer", "Philippines first lady X"
        elif token.dep_ == "nmod" and token.i < token.head.i and p.doc[token.i + 1].text == "," and not _names_person(p, token.head):
            described = token.head  # "a Larkfield, Ohio, lawyer": the town (on its state) and the state describe the lawyer
            # (not a name: "in Larkfield, Md., Ann Lee said" is a phrase the parser ran into the subject)
            while (place := p.mention(described)) is not None and place.type == PLACE and described.dep_ in {"nmod", "compound"}:
                described = described.head
        elif token.dep_ == "pobj" and token.head.lower_ in {"of", "from"} and token.head.head.pos_ in {"NOUN", "PROPN"}:
            described = token.head.head  # "the foreign minister of Kenya", "an architect from Portugal", "X of Spain"
            if token.head.lower_ == "of" and (rank < 3 or p.mention(described) is None and described.lemma_.lower() not in lexicon.JOB_TITLES):
                continue  # "the people of Chile", "a map of Chile"; "X of Tulsa" is `person_of`'s
        else:
            continue
        # "a former Larkfield County official", "Larkfield County's official from 2015 to 2022": lived there then ("a retired
        # teacher from Duluth" still lives there)
        past = _past(described) and not any(c.lower_ == "retired" for c in described.children)
        if described.lemma_.lower() == "native" and rank < 3:
            continue  # "a Larkfield native" was born there (`natives`), and need not live there
        for person in _described(p, described):
            if rank == 3:
                yield Found(person, country, "nationality", 0.7, "nationality:country", token)
            elif not past:
                was = described.dep_ == "attr" and described.head.tag_ == "VBD"  # "X was a Tulsa lawyer": lived there then
                yield Found(person, country, "livesIn", 0.7, "lives:described", token, former=was)


def _comma_apposed(p: Paragraph, noun: Token) -> list[Mention]:
    """The person named right after a noun and a comma ("X's assassin, Y, who ...") where the parser
    hung the name elsewhere instead of in apposition to the noun."""
    doc = noun.doc
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].text != ",":
        return []
    named_next = p.mention(doc[noun.i + 2])
    return [named_next] if named_next is not None and named_next.type == PERSON and doc[noun.i + 2].head != noun else []


def _head_noun(p: Paragraph, noun: Token) -> Token:
    """The noun a modifier's noun is part of ("a Canadian rally driver": driver), or the name it opens."""
    while noun.dep_ == "compound" and p.mention(noun) is None:
        noun = noun.head
    return noun


def _names_person(p: Paragraph, token: Token) -> bool:
    return (m := p.mention(token)) is not None and m.type == PERSON


def _described(p: Paragraph, noun: Token) -> list[Mention]:
    """The people a noun describes: the person it names, or the holders of it as a title."""
    noun = _head_noun(p, noun)
    named_here = p.mention(noun)
    if named_here is not None:
        return [named_here] if named_here.type == PERSON else []
    return _holders(p, noun) if noun.pos_ in {"NOUN", "PROPN"} else []


# --- organisations --------------------------------------------------------------------------


_JOINT_VERBS = frozenset({"partner", "collaborate", "team", "ally", "agree", "cooperate", "work", "form"})


def _parties(p: Paragraph, token: Token) -> list[Mention] | None:
    """The organisations that make an agreement noun or a joint verb: its subjects and an owner
    ("X's agreement"); None when the token states no agreement (negated, or another use)."""
    if token.lower_ in lexicon.AGREEMENT_NOUNS:
        owners = possessors(p, token, ORG)
        first = token
        while first.dep_ == "conj":  # "announced an agreement with Y and a partnership with Z": both the subject's
            first = first.head
            if first.dep_ == "pobj" and first.head.head.lower_ in lexicon.AGREEMENT_NOUNS:
                first = first.head.head  # the parser hangs the second on the first one's partner
        if first.lower_ not in lexicon.AGREEMENT_NOUNS:
            first = token
        if first.dep_ in {"dobj", "attr", "nsubjpass"}:  # "ended its partnership with Y", "blocked X's agreement with Y": none
            return None if negated(first.head) else _sides(p, first.head) + owners
        return owners if first.dep_ in {"pobj", "nsubj"} else None
    if token.lemma_.lower() in _JOINT_VERBS and token.pos_ == "VERB" and not negated(token):
        return _sides(p, token)
    return None


def _sides(p: Paragraph, verb: Token) -> list[Mention]:
    """The organisations a verb's subject names; for "they" or "the two" reporting what they
    said ("X and Y said they would form a venture"), the subjects of the reporting verb; for "the
    two companies", the last two organisations the paragraph names before it."""
    active = subjects(verb)[0]
    orgs = [m for s in active for m in named(p, s, ORG)]
    plural = any(s.lower_ in {"they", "both", "two"} or any(c.lower_ == "two" for c in s.children) for s in active)
    if len(orgs) < 2 and plural and verb.dep_ in {"ccomp", "xcomp"}:
        orgs = [m for s in subjects(verb.head)[0] for m in named(p, s, ORG)]
    pair = next((s for s in active if s.tag_ == "NNS" and s.lemma_.lower() in lexicon.REFERRING_ORG_NOUNS and any(c.lower_ == "two" for c in s.children)), None)
    if len(orgs) < 2 and pair is not None:  # "the two companies signed ...": the last two named before
        before: list[Mention] = []
        for i in range(pair.i - 1, -1, -1):
            m = p.mentions.get(i)
            if m is not None and m.type == ORG and m.name not in {b.name for b in before}:
                before.append(m)
                if len(before) == 2:
                    return before
    return orgs


def _pairs(items: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    for i, first in enumerate(items):
        for second in items[i + 1 :]:
            if first != second:
                yield first, second


def _partners(p: Paragraph, token: Token) -> list[Mention]:
    """The organisations an agreement noun or a joint verb is "with" ("signed a deal with Y", where
    the parser may hang "with Y" on the verb; not "discussed the deal with Y")."""
    partners = [m for t in objects(token, "with") for m in named(p, t, ORG)]
    if not partners and token.dep_ == "dobj" and token.lower_ in lexicon.AGREEMENT_NOUNS and token.head.lemma_.lower() not in lexicon.PROSPECT_WORDS:
        partners = [m for t in objects(token.head, "with") for m in named(p, t, ORG)]
    return partners


_SIGNING_VERBS = frozenset("sign reach strike conclude".split())


def agreements(p: Paragraph) -> Iterator[Found]:
    """'X has signed an agreement with Y', 'X partnered with Y', 'X's agreement with Y', 'X and Y
    signed a deal', 'X and Y agreed to ...', 'an agreement between X and Y' (partnerOf is symmetric)."""
    for token in p.find(lower=lexicon.AGREEMENT_NOUNS, lemma=_JOINT_VERBS):
        orgs = _parties(p, token)
        if orgs is None:
            continue
        partners = _partners(p, token)
        for partner in partners:
            for org in orgs:
                if org != partner:
                    yield Found(org, partner, "partnerOf", 0.8, "partner:agreement", token)
        if not partners:  # "X and Y signed an agreement", "X and Y agreed to merge their tracks"
            for first, second in _pairs(orgs):
                yield Found(first, second, "partnerOf", 0.75, "partner:together", token)
    for token in p.find(lower=lexicon.AGREEMENT_NOUNS):
        if not negated(token.head):
            sides = objects(token, "between") + (objects(token.head, "between") if token.dep_ in {"dobj", "nsubjpass"} else [])  # "signed a pact between X and Y"
            sides += [c for t in sides for c in t.subtree if c.dep_ == "conj" and p.mention(c) not in {None, p.mention(t)}]  # the parser may hang Y inside X's name
            for first, second in _pairs(list(dict.fromkeys(m for t in sides for m in named(p, t, ORG)))):
                yield Found(first, second, "partnerOf", 0.8, "partner:between", token)
        verb = token.head.head  # "X shares a laboratory with Y under an agreement"
        if token.dep_ == "pobj" and token.head.lower_ in {"under", "through"} and verb.pos_ == "VERB" and not negated(verb):
            for org in _sides(p, verb):
                for partner in [m for t in objects(verb, "with") for m in named(p, t, ORG)]:
                    if partner != org:
                        yield Found(org, partner, "partnerOf", 0.75, "partner:under", token)


def signed_agreements(p: Paragraph) -> Iterator[Found]:
    """'an incentive agreement it signed with Y last year': the signer and Y are partners."""
    for token in p.find(lower=lexicon.AGREEMENT_NOUNS):
        for clause in (c for c in token.children if c.dep_ == "relcl" and c.lemma_.lower() in _SIGNING_VERBS and not negated(c)):
            for org in _sides(p, clause):
                for partner in [m for t in objects(clause, "with") for m in named(p, t, ORG)]:
                    if partner != org:
                        yield Found(org, partner, "partnerOf", 0.75, "partner:signed", token)


def awards(p: Paragraph) -> Iterator[Found]:
    """'X won a contract from Y', 'Y awarded X a contract', 'X was awarded a contract by Y': the two
    are parties to it (partnerOf)."""
    for deal in p.find(lower=lexicon.AGREEMENT_NOUNS):
        verb = deal.head
        if deal.dep_ != "dobj" or negated(verb) or planned(verb):
            continue
        lemma, (active, passive) = verb.lemma_.lower(), subjects(verb)
        if lemma in {"win", "receive", "land", "secure", "get"}:
            pairs = [(s, g) for s in active for g in objects(deal, "from") + objects(verb, "from")]
        elif lemma == "award":
            agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            pairs = [(s, g) for s in passive for g in agents] + [(r, g) for g in active for r in verb.children if r.dep_ == "dative"]
        else:
            continue
        for org, partner in org_pairs(p, pairs):
            yield Found(org, partner, "partnerOf", 0.75, "partner:award", deal)


def consortia(p: Paragraph) -> Iterator[Found]:
    """'the X team, which includes Y and Z', 'a consortium led by X that includes Y': the members a
    team of organisations includes are its leader's partners."""
    for group in p.find(lower=lexicon.CONSORTIUM_NOUNS):
        if group.lower_ not in lexicon.CONSORTIUM_NOUNS:
            continue
        leaders = [m for c in group.children if c.dep_ in {"compound", "poss"} for m in named(p, c, ORG)]
        leaders += [m for c in group.children if c.dep_ == "acl" and c.lemma_ == "lead" for a in c.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj" for m in named(p, o, ORG)]
        verbs = [c for c in group.children if c.dep_ == "relcl" and c.lemma_ in {"include", "comprise"} and not negated(c)]
        members = [m for v in verbs for o in v.children if o.dep_ == "dobj" for m in named(p, o, ORG)]
        for leader in leaders:
            for member in members:
                if member != leader:
                    yield Found(leader, member, "partnerOf", 0.75, "partner:consortium", group)


def units(p: Paragraph) -> Iterator[Found]:
    """"X's Y" between organisations, and 'Y, a subsidiary/division of X', 'Y is a unit of X' -> Y
    parentOrganization X."""
    for token in p.find(dep={"poss", "appos", "attr"}):
        owner = p.mention(token)
        if token.dep_ == "poss" and owner is not None and owner.type == ORG:
            unit = p.mention(token.head)
            if unit is not None and unit is not owner and unit.type == ORG:
                yield Found(unit, owner, "parentOrganization", 0.75, "parent:possessive", token)
        stated = token.dep_ == "appos" or token.dep_ == "attr" and token.head.lemma_ in {"be", "become"} and not negated(token.head) and not planned(token.head)
        if stated and token.lemma_.lower() in lexicon.UNIT_NOUNS:
            parents = [m for t in objects(token, "of", "within") for m in named(p, t, ORG)]
            parents += possessors(p, token, ORG)  # "Y, the group's cloud unit"
            units = named(p, token.head, ORG) if token.dep_ == "appos" else [m for s in subjects(token.head)[0] for m in named(p, s, ORG)]
            for parent in parents:
                for unit in units:
                    if unit != parent:
                        yield Found(unit, parent, "parentOrganization", 0.85, "parent:apposition", token)


# Verbs by which an organisation parts with a unit ("sold its unit", "spun off its business").
_PARTING_VERBS = frozenset("sell divest spin split".split())


def named_units(p: Paragraph) -> Iterator[Found]:
    """'X's research unit, Y', 'the X refugee agency, Y': the unit noun owned by one organisation and named by another."""
    for noun in p.find(lemma=lexicon.UNIT_NOUNS):
        if noun.lemma_.lower() not in lexicon.UNIT_NOUNS or noun.pos_ != "NOUN":
            continue
        parents = possessors(p, noun, ORG) + [m for c in noun.children if c.dep_ == "compound" for m in named(p, c, ORG, conjuncts=False)]  # "the X refugee agency, Y"
        parted = noun.dep_ == "dobj" and noun.head.lemma_.lower() in _PARTING_VERBS  # "X sold its unit, Y, to Z": Y was X's
        named_as = [c for c in noun.children if c.dep_ == "appos" or c.dep_ == "npadvmod" and c.i == noun.i + 2 and p.doc[noun.i + 1].text == ","]
        for unit in [m for c in named_as for m in named(p, c, ORG)]:  # (the parser may read the name set off by commas as an adverb)
            for parent in parents:
                if unit != parent:
                    yield Found(unit, parent, "parentOrganization", 0.85, "parent:named-unit", noun, former=parted)


_PARENT_WORDS = frozenset("university college institute academy".split())
_PART_WORDS = frozenset("school college hospital press faculty institute center centre museum library law medicine".split())


def named_after_parent(p: Paragraph) -> Iterator[Found]:
    """'Orvik University School of Law', 'Orvik University Press': a unit named with its
    university's whole name and a unit word, when that university is named in the paragraph too."""
    spans = _spans(p)
    parents = {m.name: m for m in spans if m.type == ORG and len(m.name.split()) > 1 and m.name.split()[-1].lower() in _PARENT_WORDS}
    for unit, (start, _) in spans.items():
        words = unit.name.split()
        for cut in range(2, len(words)):
            parent = parents.get(" ".join(words[:cut]))
            if unit.type == ORG and parent is not None and parent is not unit and {w.lower() for w in words[cut:]} & _PART_WORDS:
                yield Found(unit, parent, "parentOrganization", 0.8, "parent:named-after", p.doc[start])


def org_of_org(p: Paragraph) -> Iterator[Found]:
    """'the Board of Regents of Y', 'the Blue Bombers of the Y League': one organisation of another."""
    for token in p.find(lower={"of"}):
        unit = p.mention(token.head)
        if unit is None or unit.type != ORG or token.dep_ != "prep" or p.mention(token) is not None:
            continue  # an "of" inside a name ("the City of X and Y") joins no two organisations
        for whole in [m for o in token.children if o.dep_ == "pobj" for m in named(p, o, ORG)]:
            if whole != unit:
                yield Found(unit, whole, "parentOrganization", 0.7, "parent:of", token)


def org_members(p: Paragraph) -> Iterator[Found]:
    """'X, a member of the Y Conference', 'X is a member of Y' between organisations."""
    for noun in p.find(lemma=lexicon.MEMBER_TITLES):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.MEMBER_TITLES:
            continue
        if noun.dep_ == "appos":
            members = named(p, noun.head, ORG)
        elif noun.dep_ == "attr" and not negated(noun.head):
            members = [m for s in subjects(noun.head)[0] for m in named(p, s, ORG)]
        else:
            continue
        for whole in [m for o in objects(noun, "of") for m in named(p, o, ORG)]:
            for member in members:
                if member != whole:
                    yield Found(member, whole, "memberOf", 0.8, "member:org", noun)


def part_of(p: Paragraph) -> Iterator[Found]:
    """'X is (now) part of Y', 'X will become part of Y', 'X, now part of Y, ...'."""
    for part in p.find(lower={"part"}):
        if part.dep_ in {"attr", "oprd", "dobj"} and part.head.lemma_.lower() in {"be", "become", "remain"} and not negated(part.head):
            units = [m for s_tok in sum(subjects(part.head), []) for m in named(p, s_tok, ORG)]
        elif part.dep_ == "appos":
            units = named(p, part.head, ORG)
        else:
            continue
        for parent in [m for t in objects(part, "of") for m in named(p, t, ORG)]:
            for unit in units:
                if unit != parent:
                    yield Found(unit, parent, "parentOrganization", 0.8, "parent:part-of", part)


def _prospect(noun: Token) -> bool:
    """Whether a deal noun names a prospect rather than a deal: "a proposed takeover", "talks on
    the acquisition of Y", "is weighing a purchase of Y", "abandoned its takeover of Y"."""
    if any(c.dep_ == "amod" and c.lower_ in lexicon.PROSPECT_WORDS for c in noun.children) or none(noun):
        return True
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    return governor is not noun and (governor.lemma_.lower() in lexicon.PROSPECT_WORDS or governor.pos_ in {"VERB", "AUX"} and negated(governor))


def acquisitions(p: Paragraph) -> Iterator[Found]:
    """"X's acquisition of Y", "the takeover of Y by X", "X completed the purchase of Y", "the sale of Y
    to X", "X bought a majority stake in Y" -> X acquired Y."""
    for noun in p.find(lemma=lexicon.ACQUISITION_NOUNS):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.ACQUISITION_NOUNS or _prospect(noun):
            continue
        targets = [m for t in objects(noun, "of") for m in named(p, t, ORG)]
        buyers = possessors(p, noun, ORG) + [m for t in objects(noun, "by") for m in named(p, t, ORG)]
        if not buyers and noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"complete", "close", "finalize", "finalise", "announce"}:
            buyers = [m for s in subjects(noun.head)[0] for m in named(p, s, ORG)]  # "X completed the purchase of Y"
        for buyer in buyers:
            for target in targets:
                if buyer != target:
                    yield Found(buyer, target, "acquired", 0.8, "acquire:noun", noun)
    for noun in p.find(lemma={"sale", "stake"}):  # "the sale of Y to X", "X bought a majority stake in Y"
        if noun.pos_ != "NOUN" or _prospect(noun):
            continue
        if noun.lemma_.lower() == "sale":
            pairs = [(b, t) for b in objects(noun, "to") for t in objects(noun, "of")]
        elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"buy", "acquire", "take", "purchase"} and not negated(noun.head) and (any(
                c.lower_ in {"majority", "controlling"} for c in noun.children) or _majority_share(noun)):
            pairs = [(b, t) for b in subjects(noun.head)[0] for t in objects(noun, "in")]
        else:
            continue
        for buyer, target in org_pairs(p, pairs):
            yield Found(buyer, target, "acquired", 0.75, f"acquire:{noun.lemma_.lower()}", noun)


def _majority_share(stake: Token) -> bool:
    """Whether a stake is said to be more than half: "a 60 percent stake", "a 51% stake"."""
    words = [t for left in stake.lefts for t in left.subtree]
    for number, unit in zip(words, words[1:]):
        if unit.lower_ in {"percent", "%"} and re.fullmatch(r"\d+(\.\d+)?", number.text):
            return 50 < float(number.text) <= 100
    return False


def control(p: Paragraph) -> Iterator[Found]:
    """'X took control of Y', 'X gained control of Y' -> X acquired Y."""
    for noun in p.find(lower={"control"}):
        verb = noun.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in {"take", "gain", "acquire", "assume", "win"} and not negated(verb) and not planned(verb):
            pairs = [(b, t) for b in subjects(verb)[0] for t in objects(noun, "of") or objects(verb, "of")]  # the parser may hang "of Y" on the verb
            for buyer, target in org_pairs(p, pairs):
                yield Found(buyer, target, "acquired", 0.75, "acquire:control", noun)


def parents(p: Paragraph) -> Iterator[Found]:
    """"X, the parent company of Y", "X is the parent of Y", "Y's parent company, X", "Y's parent, X" -> Y parentOrganization X."""
    for noun in p.find(lemma={"parent", "company", "group"}):
        if noun.pos_ != "NOUN" or not (noun.lemma_.lower() == "parent" or any(c.dep_ == "compound" and c.lower_ == "parent" for c in noun.children)):
            continue
        children = [m for t in objects(noun, "of") for m in named(p, t, ORG)] + possessors(p, noun, ORG)
        owners = named(p, noun, ORG, conjuncts=False)
        if noun.dep_ == "attr" and noun.head.lemma_ == "be" and not negated(noun.head):
            owners += [m for s in subjects(noun.head)[0] for m in named(p, s, ORG)]  # "X is the parent company of Y"
        for owner in owners:
            for child in children:
                if owner != child:
                    yield Found(child, owner, "parentOrganization", 0.8, "parent:noun", noun)


# --- names ----------------------------------------------------------------------------------


def aliases(p: Paragraph) -> Iterator[Found]:
    """'X ... referred to as "N"', 'X, or Y,', 'X (Y)', 'X was renamed Y' -> alternateName."""
    t = p.tokens()
    for i in sorted(p.mentions):
        m = p.mentions[i]
        if m.type == NAME and t.dep[i] == "pobj" and t.lower[t.head[i]] == "as":
            verb = p.doc[i].head.head
            for owner in _alias_owners(p, verb):
                yield Found(owner, m, "alternateName", 0.85, "alias:referred-as", verb)
        token = p.doc[i] if m.type in ENTITY_TYPES and t.dep[i] == "conj" else None
        if token is not None and any(c.lower_ == "or" for c in token.head.children if c.dep_ == "cc"):
            first, begin = p.mention(token.head), min(k for k, v in p.mentions.items() if v is m)
            if first is not None and first is not m and first.type == m.type and p.doc[begin - 1].lower_ == "or" and p.doc[begin - 2].text == ",":
                yield Found(first, m, "alternateName", 0.8, "alias:or", token)
    for verb in p.find(lemma={"rename"}):  # "X was renamed Y", "X will be renamed the Y": one thing, a new name
        new_names = [m for c in verb.children if c.dep_ in {"oprd", "attr"} for m in named(p, c, *ENTITY_TYPES)]
        for old in [m for s in subjects(verb)[1] for m in named(p, s, *ENTITY_TYPES)]:
            for new in new_names:
                if new.type == old.type and new is not old:
                    yield Found(old, new, "alternateName", 0.85, "alias:renamed", verb)
    for i, m in p.mentions.items():
        inner = p.mentions.get(i + 2) if i + 2 < len(t.text) and t.text[i + 1] == "(" else None
        if inner is not None:
            # an organisation may be abbreviated in its own language ("NTNU" after its English name); a place
            # is not, and capitals after one that do not abbreviate it are a credit ("BANGKOK, Thailand (AP)")
            if inner is not m and inner.type == m.type and inner.name.isupper() and (m.type == ORG or may_abbreviate(m.name, inner.name)):
                yield Found(m, inner, "alternateName", 0.85, "alias:parenthesis", p.doc[i + 1])


def _alias_owners(p: Paragraph, verb: Token) -> list[Mention]:
    """Whose other name this is: the passive subject, or the name a relative clause hangs from."""
    active, passive = subjects(verb)
    owners = [m for s in passive or active for m in named(p, s, *ENTITY_TYPES)]
    if owners or verb.dep_ not in {"relcl", "acl"}:
        return owners
    node = verb.head
    while node.dep_ not in {"appos", "ROOT"} and p.mention(node) is None:
        node = node.head
    if node.dep_ == "appos":
        node = node.head
    return named(p, node, *ENTITY_TYPES)


# --- verbs ----------------------------------------------------------------------------------

# relation, verb lemmas, subject type, object type, object prepositions ("" = direct object),
# and whether the subject is the relation's tail ("X founded Y" -> Y foundedBy X).
VERB_FRAMES: tuple[tuple[str, frozenset[str], str, str, tuple[str, ...], bool], ...] = (
    ("foundedBy", frozenset({"found", "co-found", "cofound", "establish", "start", "launch", "create", "form"}), PERSON, ORG, ("",), True),
    ("worksFor", frozenset("join lead head run manage chair direct coach captain edit".split()), PERSON, ORG, ("", "for", "at", "with"), False),
    ("worksFor", frozenset("work cover write report teach serve".split()), PERSON, ORG, ("for", "at", "with"), False),  # "wrote for Y", not "wrote Y"
    ("memberOf", frozenset("play ride race compete".split()), PERSON, ORG, ("for", "with"), False),  # a player of a team or a band is a member of it
    ("alumniOf", frozenset({"graduate", "study", "attend"}), PERSON, ORG, ("", "from", "at"), False),
    ("acquired", frozenset({"acquire", "buy", "purchase"}), ORG, ORG, ("",), False),
    ("killed", frozenset({"kill", "assassinate", "murder", "shoot", "stab", "slay"}), PERSON, PERSON, ("",), False),
    ("livesIn", frozenset({"live", "reside"}), PERSON, PLACE, ("in",), False),
    ("bornIn", frozenset({"bear"}), PERSON, PLACE, ("in", "near", "at"), False),
    ("locatedIn", frozenset({"serve", "cover"}), ORG, PLACE, ("", "in"), False),  # "the district covers A and B", "serves 5,000 students in Y"
    ("memberOf", frozenset({"join"}), ORG, ORG, ("",), False),
    ("memberOf", frozenset({"elect"}), PERSON, ORG, ("to",), False),  # "X was elected to the Senate, to the academy"
    ("worksFor", frozenset("spend base station".split()), PERSON, ORG, ("at", "with", "for", "in"), False),
    ("worksFor", lexicon.LEAVING_VERBS, PERSON, ORG, ("", "from"), False),
    ("worksFor", frozenset({"sit", "serve"}), PERSON, ORG, ("on",), False),  # "sits on the board of X", "serves on X's board"
    ("worksFor", frozenset({"serve", "work"}), PERSON, ORG, ("in",), False),  # "served in the Navy", "works in the Treasury"
    ("parentOrganization", frozenset({"own", "control"}), ORG, ORG, ("",), True),
    ("locatedIn", frozenset({"locate", "situate"}), ORG, PLACE, ("in", "at", "on"), False),  # "X is located in Y"
    ("locatedIn", frozenset({"locate", "situate"}), PLACE, PLACE, ("in", "on"), False),
    ("alumniOf", frozenset({"train"}), PERSON, ORG, ("at",), False),
    ("worksFor", frozenset("hire sign recruit appoint employ poach".split()), ORG, PERSON, ("",), True),
    ("worksFor", lexicon.DISMISSING_VERBS, ORG, PERSON, ("",), True),
)
# Verbs of holding a job, which in the simple past tell of one held then ("X ran Y", "X taught at
# Y"); not "joined", which starts one.
_HOLDING_VERBS = frozenset("lead head run manage chair direct coach captain edit work teach serve play ride race compete spend".split())
_SITES = lexicon.UNIT_NOUNS | lexicon.SITE_NOUNS
# Verbs whose passive subject is what the frame is about ("X is based at Y"), with no agent.
_STATIVE_PASSIVES = frozenset({"base", "station", "bear", "locate", "situate", "elect"})


def _asserted_verbs(p: Paragraph, lemmas: Iterable[str]) -> Iterator[Token]:
    """Verbs with one of the lemmas that are not negated, denied or refused."""
    wanted = set(lemmas)
    for verb in p.find(lemma=wanted):
        if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in wanted and not negated(verb):
            yield verb


def _frame_pairs(verb: Token, preps: tuple[str, ...], units: bool = False) -> list[tuple[Token, Token]]:
    """(subject, object) tokens of a verb frame: the agent and the passive subject, or the
    active subject and the direct or prepositional objects ("chairs the board of X", "studied
    law at X" reach through the noun; with `units`, so does "heads X's snack division")."""
    active, passive = subjects(verb)
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if passive and not agents:  # "was shot in the courtyard of his building by X": the parser hangs "by X" on a noun
        agents = [o for prep in _clause_preps(verb, "by") for o in prep.children if o.dep_ == "pobj"]
    if passive and agents:  # the passive subject is the direct object: none where the frame takes none ("was written by X")
        return [(s, o) for s in agents for o in passive] if "" in preps else []
    if not active and verb.lemma_.lower() in _STATIVE_PASSIVES:
        active = passive
    direct = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    named_preps = [q for q in preps if q]
    given = [c for c in verb.children if c.dep_ == "oprd"]  # "X was born Y Z in W": the parser hangs "in W" on the name given
    prep_objects = objects(verb, *named_preps) + [o for d in given for o in objects(d, *named_preps)]
    if verb.lemma_.lower() == "bear":
        active = active + given  # the birth name is the same person
    objs = (direct if "" in preps else []) + prep_objects
    bodies = (lexicon.BODY_NOUNS | lexicon.UNIT_NOUNS if units else lexicon.BODY_NOUNS) | {"team"}  # "joined Y's leadership team"
    objs += [o for d in objs if d.lemma_.lower() in bodies for o in [*objects(d, "of"), *(c for c in d.children if c.dep_ == "poss")]]
    objs += [o for d in prep_objects + objects(verb, "on") if d.lemma_.lower() in _SITES for o in [*objects(d, "of", "at"), *(c for c in d.children if c.dep_ == "poss")]]
    # "worked at the laboratory of Y", "spent a decade at Y's regional office", "spent years on the faculty at Y"
    objs += [o for d in [*direct, *objects(verb, "as")] for o in objects(d, *named_preps, *(("of",) if d.lemma_.lower() in lexicon.JOB_TITLES else ()))]
    # "spent years as a chemist at X", "joined Y as dean of its X"
    dates = [d for d in objects(verb, "on", "in", "at") if d.ent_type_ in {"DATE", "TIME"}]
    objs += [o for d in dates for o in objects(d, *named_preps)]  # "born on March 9, 1931, in X": the parser hangs "in X" on the date
    if verb.dep_ == "relcl":  # "X, which the university owns": the relative pronoun stands for X
        objs = [verb.head if o.lower_ in {"which", "that", "whom"} else o for o in objs]
        if set(preps) & {"in", "at"} and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
            objs.append(verb.head)  # "Larkfield, where X was born", "Y, where X works": where is in or at the noun
    return [(s, o) for s in active for o in objs]


def _relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause of the verb describes ("X, who shot Y, and Z": X alone, not
    the names coordinated with it)."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.head if verb.dep_ == "relcl" else None


def verb_frames(p: Paragraph) -> Iterator[Found]:
    """'X founded Y', 'Y was acquired by X', 'X graduated from Y', 'X lives in Y', ..."""
    for relation, lemmas, subject_type, object_type, preps, reverse in VERB_FRAMES:
        for verb in _asserted_verbs(p, lemmas):
            antecedent = _relative_antecedent(verb)
            for s_tok, o_tok in _frame_pairs(verb, preps, units=relation == "worksFor" and not reverse):
                for subj in named(p, s_tok, subject_type, conjuncts=s_tok != antecedent):
                    if relation == "worksFor" and reverse and _governing_body(subj):
                        continue  # "the board of X appointed Y": Y works for X, not for its board
                    for obj in named(p, o_tok, object_type):
                        head, tail = (obj, subj) if reverse else (subj, obj)
                        held_then = verb.lemma_.lower() in _HOLDING_VERBS and (verb.tag_ == "VBD" or verb.dep_ == "pcomp" and verb.head.lower_ == "after")
                        # "X, who led Y for 12 years", "where she ran Z", "after working at Z"
                        former = verb.lemma_.lower() in lexicon.LEAVING_VERBS | lexicon.DISMISSING_VERBS or held_then or _said_of_the_past(verb)
                        former = former and relation in {"worksFor", "memberOf"} or relation == "livesIn" and (verb.tag_ == "VBD" or _said_of_the_past(verb))  # "X lived in Y"
                        yield Found(head, tail, relation, 0.8, f"verb:{verb.lemma_.lower()}", verb, former=former)
                        if relation == "foundedBy":  # a founder is affiliated with what they founded
                            yield Found(tail, head, "worksFor", 0.7, f"verb:{verb.lemma_.lower()}+founder", verb, role="founder")
                            withs = [c for prep in _clause_preps(verb, "with") for c in prep.children if c.dep_ == "pobj"]
                            for partner in [m for o in withs for m in named(p, o, PERSON)]:  # "X started Y with Z"
                                yield Found(head, partner, relation, 0.75, f"verb:{verb.lemma_.lower()}+with", verb)


def _said_of_the_past(verb: Token) -> bool:
    """'X previously worked at Y', 'X formerly headed Y': an adverb puts the act in the past."""
    return any(c.dep_ == "advmod" and c.lower_ in lexicon.FORMER_WORDS | {"once"} for c in verb.children)


def _governing_body(org: Mention) -> bool:
    """'Board of Regents', 'Larkfield City Council': a body that governs an organisation or a place
    and appoints its people, who work for that, not for the body."""
    words = org.name.lower().split()
    return words[0] in lexicon.BODY_NOUNS or words[-1] in lexicon.BODY_NOUNS


def _clause_preps(verb: Token, word: str) -> list[Token]:
    """The prepositions `word` in a verb's own clause, wherever the parser hung them ("started X in
    2016 in an office on Main Street with Y": "with" under "Street"), not in a clause below it."""
    found, stack = [], list(verb.children)
    while stack:
        token = stack.pop()
        if token.pos_ in {"VERB", "AUX"} or token.dep_ in {"relcl", "acl", "ccomp", "advcl", "conj"} and token.head is verb:
            continue
        if token.dep_ == "prep" and token.lower_ == word:
            found.append(token)
        stack.extend(token.children)
    return sorted(found, key=lambda t: t.i)


def sales(p: Paragraph) -> Iterator[Found]:
    """'X sold Y to Z', 'Y was sold to Z': Z acquired Y; 'Z agreed to take over Y' (an organisation, not a post), 'Y was
    snapped up by Z'."""
    for verb in _asserted_verbs(p, {"sell"}):  # "X sold Y to Z", "Y was sold to Z", "X sold its papers, including Y, to Z"
        sold = [d for d in verb.children if d.dep_ in {"dobj", "nsubjpass"}]
        for bought in [m for d in sold + [o for d in sold for o in objects(d, "including")] for m in named(p, d, ORG)]:
            for buyer in [m for o in objects(verb, "to") for m in named(p, o, ORG)]:
                yield Found(buyer, bought, "acquired", 0.8, "verb:sell", verb)
    for verb in _asserted_verbs(p, {"take", "snap"}):
        particle = {"take": "over", "snap": "up"}[verb.lemma_.lower()]
        if any(c.dep_ in {"prt", "prep"} and c.lower_ == particle for c in verb.children):  # the parser reads "over Y" either way
            pairs = _frame_pairs(verb, ("", particle))
            described = [o for c in verb.children if c.dep_ in {"advcl", "xcomp"} and c.tag_ == "VBG" and not any(s.dep_ in {"nsubj", "nsubjpass"} for s in c.children)
                         and all(t.pos_ in {"ADP", "ADV"} for t in p.doc[verb.i + 1 : c.i]) for o in c.children if o.dep_ == "dobj"]
            pairs += [(s, o) for s in subjects(verb)[0] for o in described]  # "to take over financially struggling Y", read with Y the object of "struggling"
            for buyer, bought in org_pairs(p, pairs):  # "Z took over Y", "Y was taken over by Z"
                yield Found(buyer, bought, "acquired", 0.75, f"verb:{verb.lemma_.lower()}-{particle}", verb)


def degrees(p: Paragraph) -> Iterator[Found]:
    """'X earned a degree from Y', 'X holds a doctorate from Y and an MBA from Z'."""
    for verb in _asserted_verbs(p, lexicon.DEGREE_VERBS):
        for degree in [d for d in verb.children if d.dep_ == "dobj" and d.lemma_.lower() in lexicon.DEGREE_NOUNS]:
            places = objects(degree, "from", "at", "in") + objects(verb, "from", "at") + [o for c in degree.conjuncts for o in objects(c, "from", "at")]
            places += [o for field in objects(degree, "in") + objects(verb, "in") for o in objects(field, "from", "at")]  # "a PhD in physics from Y"
            # "a degree from Y and an MBA from Z", the parser joining the second degree to Y
            places += [o for school in places for c in school.conjuncts if c.lemma_.lower() in lexicon.DEGREE_NOUNS for o in objects(c, "from", "at")]
            schools = [m for o in places for m in named(p, o, ORG)]
            for person in [m for s in subjects(verb)[0] for m in named(p, s, PERSON)]:
                for school in schools:
                    yield Found(person, school, "alumniOf", 0.8, "study:degree", degree)


def former_employers(p: Paragraph) -> Iterator[Found]:
    """'X joined Y from Z', 'X moved from Z', 'Y signed X from Z', 'X was hired away from Z': Z is a
    former employer."""
    for verb in _asserted_verbs(p, {"join", "move", "come", "arrive", "switch", "sign", "hire", "recruit", "poach", "lure"}):
        movers = subjects(verb)[0] if verb.lemma_.lower() in {"join", "move", "come", "arrive", "switch"} else [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        origins = objects(verb, "from") + [o for s in movers for o in objects(s, "from")]
        origins += [o for c in verb.children if c.dep_ in {"advmod", "prt"} and c.lower_ == "away" for o in objects(c, "from")]  # "was hired away from Z"
        for person in [m for s in movers for m in named(p, s, PERSON)]:
            for org in [m for o in origins for m in named(p, o, ORG)]:
                yield Found(person, org, "worksFor", 0.75, "verb:joined-from", verb, former=True)


def transfers(p: Paragraph) -> Iterator[Found]:
    """'Y moved X to the Z Ministry', 'X was transferred to Z': X works for Z now."""
    for verb in _asserted_verbs(p, {"move", "transfer", "reassign", "second"}):
        moved = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        for person in [m for d in moved for m in named(p, d, PERSON)]:
            for org in [m for o in objects(verb, "to") for m in named(p, o, ORG)]:
                yield Found(person, org, "worksFor", 0.75, "verb:transfer", verb)


_LEADING_NOUNS = frozenset("charge helm reins".split())


def positions(p: Paragraph) -> Iterator[Found]:
    """'X will take up a visiting professorship at Y', 'X took a job with Y', 'X holds a chair at Y';
    'X took charge of Y', 'X took the helm at Y' (the one who leads it)."""
    for verb in _asserted_verbs(p, {"accept", "take", "hold", "land", "secure", "start", "begin"}):
        for post in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.POSITION_NOUNS | _LEADING_NOUNS):
            leading = post.lemma_.lower() in _LEADING_NOUNS
            if leading and verb.lemma_.lower() != "take":
                continue
            orgs = [m for o in objects(post, "at", "with", "in", "for", *(("of",) if leading else ())) + objects(verb, "at", "with") for m in named(p, o, ORG)]
            role = None if leading else " ".join(t.text for t in [*(t for t in post.lefts if t.dep_ == "amod" and t.pos_ == "ADJ"), post])
            for person in [m for s in subjects(verb)[0] for m in named(p, s, PERSON)] if orgs else []:
                for org in orgs:
                    yield Found(person, org, "worksFor", 0.75, "role:position", post, role=role)


def tenures(p: Paragraph) -> Iterator[Found]:
    """'X retired after 20 years with Y', 'a friend from her six years at Y', 'X, who spent a
    decade at Y', 'X joined Z after five years as a deputy in Y', 'X began her career at Y': time
    spent with an organisation is work there; past when the clause says so."""
    for noun in p.find(lemma=lexicon.DURATION_NOUNS):
        orgs = [m for o in objects(noun, "with", "at") for m in named(p, o, ORG)]
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"spend", "start", "begin"}:
            orgs += [m for o in objects(noun.head, "with", "at") for m in named(p, o, ORG)]  # "started her career at Y" (the parser hangs "at Y" on the verb)
        orgs += [m for title in objects(noun, "as") for o in objects(title, "in", "at", "with", "for", "of") for m in named(p, o, ORG)]  # "nine years as a deputy in Y", "as coach of Y"
        if not orgs or noun.pos_ != "NOUN":
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]  # "her eight years at Y"
        verb = noun.head
        while (verb.pos_ not in {"VERB", "AUX"} or verb.dep_ == "prep") and verb.head.i != verb.i:
            verb = verb.head  # past a preposition written as a verb ("following a decade at Y")
        if owners:
            former = True
        elif verb.pos_ in {"VERB", "AUX"} and not negated(verb):
            owners = sum(subjects(verb), [])
            former = verb.lemma_.lower() in lexicon.LEAVING_VERBS or verb.tag_ == "VBD" or noun.head.lower_ in {"after", "following"}  # "joins Z after five years at Y"
        for person in [m for o in owners for m in named(p, o, PERSON)]:
            for org in orgs:
                yield Found(person, org, "worksFor", 0.75, "verb:tenure", noun, former=former)


def open_relations(p: Paragraph) -> Iterator[Found]:
    """Any verb between two named things -> relatedTo, labelled with the verb (low confidence)."""
    for verb in p.find(pos={"VERB"}):
        if verb.pos_ != "VERB":
            continue
        active, passive = subjects(verb)
        subjs = [m for s in active + passive for m in named(p, s, *ENTITY_TYPES)]
        direct = [(c, verb.lemma_) for c in verb.children if c.dep_ == "dobj"]
        preps = [(p, f"{verb.lemma_} {c.lower_}") for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for o_tok, label in direct + preps:
            for obj in named(p, o_tok, *ENTITY_TYPES):
                for subj in subjs:
                    if subj != obj:
                        yield Found(subj, obj, "relatedTo", RELATED_CONFIDENCE, "open:verb", verb, label=label)


def speakers(p: Paragraph) -> Iterator[Found]:
    """'Y will cut 200 jobs, said X, a vice president': one who speaks, with a bare post of an
    organisation, of what the one organisation of the report does holds the post there."""
    for title in p.find(lower=lexicon.ORG_POST_TITLES):
        holder = title.head
        if title.dep_ not in {"appos", "compound"} or holder.dep_ != "nsubj" or holder.head.lemma_.lower() not in lexicon.SPEECH_VERBS:
            continue
        if objects(title, "of", "at", "with", "for", "in") or (person := p.mention(holder)) is None or person.type != PERSON:
            continue  # "a vice president of Z", "a partner at Z": a post the rules place themselves
        reported = [m for c in holder.head.children if c.dep_ == "ccomp" and not negated(c) for s in subjects(c)[0]
                    if (m := p.mention(s)) is not None and m.type == ORG and (s.pos_ == "PROPN" or m.refers_to is not None)]  # not "the Derbyshire club"
        others = {m.name for i in range(title.sent.start, title.sent.end) if (m := p.mentions.get(i)) is not None and m.type == ORG} - {m.name for m in reported}
        if len(reported) == 1 and not others:  # (another organisation in the sentence may be where the post is)
            yield Found(person, reported[0], "worksFor", 0.7, "role:speaker", title, role=_role(p, title), former=_past(title))


def whose_company(p: Paragraph) -> Iterator[Found]:
    """'X, whose company Y makes drones', 'X, whose firm, Y, ...': Y is X's (X works there)."""
    for whose in p.find(lower={"whose"}):
        noun = whose.head
        if whose.dep_ != "poss" or noun.lemma_.lower() not in lexicon.ORG_NOUNS:
            continue
        orgs = named(p, noun, ORG) or [m for m in [p.mention(noun.head)] if noun.dep_ == "compound" and m is not None and m.type == ORG]
        clause = noun
        while clause.dep_ != "relcl" and clause.head.i != clause.i:
            clause = clause.head
        for person in named(p, clause.head, PERSON, conjuncts=False) if clause.dep_ == "relcl" else []:
            for org in orgs:
                yield Found(person, org, "worksFor", 0.7, "role:whose", noun)


RULES: tuple[Callable[[Paragraph], Iterator[Found]], ...] = (
    role_relations,
    whose_company,
    speakers,
    awards,
    consortia,
    seats,
    parties,
    person_of,
    posts_at,
    colleagues,
    natives,
    homes,
    killings,
    headquarters,
    sites,
    owned_sites,
    education,
    org_in_place,
    place_kind_org,
    described_places,
    home_to,
    area_of,
    one_of_places,
    kind_of_place,
    place_chains,
    possessive_places,
    capitals,
    demonym_orgs,
    state_bodies,
    nationalities,
    agreements,
    signed_agreements,
    units,
    named_units,
    named_after_parent,
    org_of_org,
    org_members,
    part_of,
    acquisitions,
    control,
    parents,
    aliases,
    verb_frames,
    sales,
    degrees,
    former_employers,
    transfers,
    positions,
    tenures,
    open_relations,
)


# --- article level --------------------------------------------------------------------------


def _resolve_capitals(found: list[tuple[int, Found]]) -> list[tuple[int, Found]]:
    """Replace 'the capital' by the one city the article calls a capital; drop it otherwise."""
    cities = {f.head for _, f in found if f.type == "capitalOf"}
    names = {m.name for m in cities}
    kept = []
    for offset, f in found:
        if isinstance(f.tail, Capital):
            if len(names) != 1:
                continue
            city = next(iter(cities))
            token, start = f.tail.token, f.tail.start
            tail = Mention(f"{city.id}-ref{start}", token.text, city.name, PLACE, start, start + len(token), city.article_id)
            f = Found(f.head, tail, f.type, f.confidence * 0.9, f.rule + "+capital", f.anchor, f.role, f.label)
        kept.append((offset, f))
    return kept


def _said_past(p: Paragraph, head: Mention, tail: Mention) -> bool:
    """Whether a past word stands between two mentions, or just before the first ("former X
    executive Y", "Y, the former president of X", "Y ran X until 2014")."""
    start, end = sorted((head.start, tail.start))
    between = p.doc.char_span(start - p.offset, end - p.offset, alignment_mode="expand")
    if between is None:
        return False
    return any(t.lower_ in lexicon.FORMER_WORDS for t in p.doc[max(between.start - 2, 0) : between.end])


def learned_relations(paragraphs: list[Paragraph], classifier: Classifier) -> list[list[Found]]:
    """The classifier's relations in each paragraph, as found by a rule named after the model
    (the article's candidates are scored in one batch); none in a dateline ("WASHINGTON (AP) —"
    says where the story was filed, not where the agency is)."""
    return [[Found(head, tail, kind, round(confidence, 4), "model:relation-lr", anchor, former=kind == "worksFor" and _said_past(p, head, tail))
             for head, tail, kind, confidence, anchor in found] if not is_dateline(p.doc) else []
            for p, found in zip(paragraphs, predict_paragraphs(paragraphs, classifier))]


def find_relations(article: Article, paragraphs: list[Paragraph], classifier: Classifier | None = None) -> list[Relation]:
    """All relations of an article's parsed paragraphs, deduplicated, in text order.

    Open `relatedTo` relations and the classifier's relations are kept only for pairs of
    mentions that no typed rule has already related (in either direction). A rule's confidence is
    its precision measured by `kg train` where the training data could judge it often enough,
    else the value written beside the rule.
    """
    found = _resolve_capitals([(p.offset, f) for p in paragraphs for rule in RULES for f in rule(p)])
    typed = {_pair(f) for _, f in found if f.type != "relatedTo"}
    if classifier is not None:
        paired = _paired_by_rules(found)
        learned = [(p.offset, f) for p, found in zip(paragraphs, learned_relations(paragraphs, classifier)) for f in found
                   if _pair(f) not in typed and not _crosses_pairs(f, paired.get((p.offset, f.anchor.sent.start), set()))]
        typed |= {_pair(f) for _, f in learned if f.confidence >= 0.5}
        found += learned
    found += [(p.offset, f) for p in paragraphs for f in handed_over(p, [f for at, f in found if at == p.offset])]
    found += [(p.offset, f) for p in paragraphs for f in predecessors(p, [f for at, f in found if at == p.offset])]
    found += implicit_employers(paragraphs, [f for _, f in found])
    found += office_holders(paragraphs)
    found += portfolio_ministers(paragraphs)
    found += bodies_of(paragraphs)
    found += [(p.offset, f) for p in paragraphs for f in handed_to(p, [f for at, f in found if at == p.offset])]
    found += body_members(paragraphs, [f for _, f in found])
    found += implicit_capitals(paragraphs)
    found += [(at, Found(f.head, f.tail, "locatedIn", f.confidence, "located:capital", f.anchor)) for at, f in found if f.type == "capitalOf"]
    found += enclosing_places(found)
    measured = classifier.rules if classifier is not None else {}  # each rule's precision on the training data
    joined = membership_bodies(paragraphs)
    datelines = {p.offset: p.offset + p.doc[dash].idx for p in paragraphs if (dash := dateline_end(p.doc)) is not None}
    relations: dict[tuple, Relation] = {}
    for offset, f in found:
        assert isinstance(f.tail, Mention)  # capitals are resolved above
        if f.type == "relatedTo" and _pair(f) in typed:
            continue
        inside = offset in datelines and (f.head.start < datelines[offset], f.tail.start < datelines[offset])
        if inside and any(inside) and not (all(inside) and f.head.type == f.tail.type == PLACE):
            continue  # "LARKFIELD, Ohio (Reuters) - Norway's minister ...": a dateline says where the story was filed, its places' own tie aside
        if f.type == "locatedIn" and f.head.type == PLACE and not lexicon.may_lie_in(f.head.name, f.tail.name) and f.rule != "located:one-of":
            continue  # a country is in no town, a state in no city (but one of a federation's republics is in it)
        if (f.head.name, f.head.type) == (f.tail.name, f.tail.type):
            continue  # one thing, through a reference to it ("X, based in Y, ... in the state" with "the state" taken for Y)
        sent = f.anchor.sent
        start, end = offset + sent.start_char, offset + sent.end_char
        provenance = Provenance(article.id, start, end, article.text[start:end])
        confidence = measured.get(f.rule, f.confidence)
        kind = "memberOf" if f.type == "worksFor" and f.tail.name in joined else f.type
        relation = Relation(f.head, f.tail, kind, confidence, provenance, f.rule, f.role, f.label, f.former)
        dedupe = (f.head.start, f.tail.start, kind)
        if dedupe not in relations or relations[dedupe].confidence < f.confidence:
            relations[dedupe] = relation
    return sorted(relations.values(), key=lambda r: (r.provenance.start, r.head.start, r.tail.start, r.type))


def _pair(f: Found) -> frozenset[str]:
    """The two things a relation joins, a reference counted as its antecedent ("its president" and
    "X's president" join the same pair)."""
    assert isinstance(f.tail, Mention)
    return frozenset((f.head.refers_to or f.head.id, f.tail.refers_to or f.tail.id))


_EMPLOYMENT = frozenset({"worksFor", "memberOf"})


_PLACING = frozenset({"locatedIn", "headquarteredIn"})


def _family(kind: str) -> str | None:
    """The kind of tie a relation is, for comparing the rules' pairs with the classifier's."""
    return "employ" if kind in _EMPLOYMENT else "place" if kind in _PLACING else None


def _paired_by_rules(found: list[tuple[int, Found]]) -> dict[tuple[int, int], set[tuple[str, Mention, Mention]]]:
    """Per sentence (paragraph offset, sentence start): the pairs the rules joined by employment
    and by placing an organisation, with that kind of tie."""
    paired: dict[tuple[int, int], set[tuple[str, Mention, Mention]]] = {}
    for at, f in found:
        family = _family(f.type)
        if family is not None and isinstance(f.tail, Mention):
            paired.setdefault((at, f.anchor.sent.start), set()).add((family, f.head, f.tail))
    return paired


def _crosses_pairs(f: Found, pairs: set[tuple[str, Mention, Mention]]) -> bool:
    """Whether the classifier's employment or placing joins one the rules tied to another in its
    sentence to one they tied to another ("X of A and Y of B": not X and B; "A's ministry and B's
    ministry": not the first in B)."""
    family = _family(f.type)
    same = {(h, t) for kind, h, t in pairs if kind == family}
    return family is not None and any(h is f.head and t is not f.tail for h, t in same) and any(t is f.tail and h is not f.head for h, t in same)


def membership_bodies(paragraphs: list[Paragraph]) -> set[str]:
    """Names of the organisations an article shows to be political parties ("the Orvenne Party",
    "his Orvenne party", "the party, Orvenne"): a person belongs to one (memberOf) rather
    than works for it, whatever rule or model related them."""
    found = set()
    for p in paragraphs:
        for token, m in p.mentions.items():
            if m.type != ORG:
                continue
            word = p.doc[token]
            nouns = [c for c in word.children if c.dep_ in {"compound", "appos"}]  # "the party, X"
            nouns += [word.head] if word.dep_ in {"compound", "appos"} else []  # "his X party"
            if m.name.split()[-1].lower() in lexicon.MEMBERSHIP_NOUNS or any(
                n.pos_ == "NOUN" and n.lemma_.lower() in lexicon.MEMBERSHIP_NOUNS and p.mention(n) is None for n in nouns
            ):
                found.add(m.name)
    return found


def handed_over(p: Paragraph, known: list[Found]) -> Iterator[Found]:
    """'X succeeds Y', 'X replaced Y', 'X takes over from Y', 'the board appointed X as president,
    succeeding Y': Y held the job X has, by the paragraph's other facts (past, unless the handover
    is still to come)."""
    for verb in _asserted_verbs(p, {"succeed", "replace", "take"}):
        if verb.lemma_.lower() == "take":
            if not any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
                continue
            before = objects(verb, "from")
        else:
            before = [c for c in verb.children if c.dep_ == "dobj"]
        after = [m for s in sum(subjects(verb), []) for m in named(p, s, PERSON)]
        if not after and verb.dep_ in {"advcl", "xcomp"}:  # "appointed X as president, succeeding Y", "voted to appoint X, succeeding Y"
            governors = [verb.head, *(c for c in verb.head.children if c.dep_ == "xcomp")]
            after = [m for g in governors for c in g.children if c.dep_ == "dobj" for m in named(p, c, PERSON)]
        for token in before:
            for predecessor in named(p, token, PERSON):
                for successor in after:
                    job = _job_of(known, successor, token) if successor != predecessor else None
                    if job is not None:
                        yield Found(predecessor, job.tail, "worksFor", 0.7, "role:succession", verb, role=job.role, former=not planned(verb))


def handed_to(p: Paragraph, known: list[Found]) -> Iterator[Found]:
    """'X will hand the job to Y', 'X passed the reins to Y': Y takes the job X holds."""
    for verb in _asserted_verbs(p, {"hand", "pass"}):
        if not any(c.dep_ == "dobj" and (c.lemma_.lower() in lexicon.POSITION_NOUNS or c.lower_ == "reins") for c in verb.children):
            continue
        for holder in [m for s in subjects(verb)[0] for m in named(p, s, PERSON)]:
            job = _job_of(known, holder, verb)
            if job is None:
                continue
            for successor in [m for o in objects(verb, "to") for m in named(p, o, PERSON)]:
                if successor.name != holder.name:
                    yield Found(successor, job.tail, "worksFor", 0.7, "role:handed-to", verb, role=job.role)


def predecessors(p: Paragraph, known: list[Found]) -> Iterator[Found]:
    """"X's predecessor, Y", "his predecessor, Y, resigned": Y held the job X has (a past one)."""
    for noun in p.find(lower={"predecessor"}):
        holders = possessors(p, noun, PERSON)
        for predecessor in named(p, noun, PERSON):
            for holder in holders:
                job = _job_of(known, holder, noun) if holder.name != predecessor.name else None
                if job is not None:
                    yield Found(predecessor, job.tail, "worksFor", 0.7, "role:predecessor", noun, role=job.role, former=True)


def _job_of(known: list[Found], successor: Mention, named_as: Token) -> Found | None:
    """The successor's current job that the predecessor held: the one whose role holds the
    predecessor's title ("succeeds interim dean Y"), or without a title the only one the paragraph
    gives the successor."""
    jobs = [f for f in known if f.type == "worksFor" and f.head.name == successor.name and isinstance(f.tail, Mention) and not f.former and f.confidence >= 0.5]
    titles = {t.lower_ for t in named_as.lefts if t.dep_ in {"compound", "amod"} and t.lower_ in lexicon.JOB_TITLES}
    if titles:
        jobs = [f for f in jobs if titles & set((f.role or "").lower().split())]
    return jobs[0] if len({f.tail.name for f in jobs if isinstance(f.tail, Mention)}) == 1 else None


def _most_named(paragraphs: list[Paragraph], wanted: Callable[[Mention], bool]) -> Mention | None:
    """The first mention of the wanted thing the article names most often (names, their short
    forms and references alike; the first named on a tie), if it names it at least twice: what
    the article is about."""
    mentions = [m for p in paragraphs for m in sorted({m.id: m for m in p.mentions.values() if wanted(m)}.values(), key=lambda m: m.start)]
    names = {m.name for m in mentions}
    longer = {n: [o for o in names if o.startswith(n + " ")] for n in names}
    full = {n: found[0] if len(found) == 1 else n for n, found in longer.items()}  # "Tidewater State" counts for "Tidewater State University"
    counts = Counter(full[m.name] for m in mentions)
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.name == full[m.name]:
            first.setdefault(m.name, m)
    name = max(first, key=lambda n: (counts[n], -first[n].start), default=None)
    return first[name] if name is not None and counts[name] >= 2 else None


_GOVERNMENT = re.compile(r"(City|County|Town|Village|Borough|Township) of [A-Z]")
# Words of a place's government before a title ("County Manager", "City Treasurer", "Federal Judge").
_GOVERNED = lexicon.REFERRING_PLACE_NOUNS | frozenset("municipal federal provincial township borough".split())


def implicit_employers(paragraphs: list[Paragraph], known: list[Found]) -> list[tuple[int, Found]]:
    """'Provost X said ...', 'Interim CEO X will stay on', 'X, vice president of marketing, said', 'X
    stepped down as chief executive': an organisational title given to a person with no
    organisation of its own is a post in the
    organisation the article is about (a bridging reference): the one it names most often, the
    first named on a tie, if named at least twice. Skipped where another rule already gives the person an organisation there, and where
    the sentence names another organisation (the post may be in that one: "X, who raced for Y")."""
    placed = _placed(known)
    employed = {f.head.name.split()[-1] for f in known if f.type in {"worksFor", "memberOf"} and not f.former and isinstance(f.tail, Mention)}  # by surname: a short form is not resolved yet
    topic = _most_named(paragraphs, lambda m: m.type == ORG)
    if topic is None:
        return []
    governments = {m.name.split()[0].lower(): m for p in paragraphs for m in p.mentions.values() if m.type == ORG and _GOVERNMENT.match(m.name)}  # "City of Y"
    found: list[tuple[int, Found]] = []
    for p in paragraphs:
        for title in p.find(lower=lexicon.ORG_POST_TITLES):
            person, former = _post_holder(p, title), _past(title)
            if person is None or person.type != PERSON or (person.id, title.sent.start) in placed or title.dep_ == "pobj" and person.name.split()[-1] in employed:
                continue  # "X will act as interim director": of the organisation the text already gave X, if any
            governed = [c for c in title.children if c.dep_ in {"compound", "amod", "nmod"} and (c.lower_ in _GOVERNED or (m := p.mention(c)) is not None and m.type == PLACE)]
            if governed:  # "County Manager X", "Larkfield City Manager X": a post in a place's government, the one the article names
                found += [(p.offset, Found(person, governments[c.lower_], "worksFor", 0.6, "role:government", title, role=_role(p, title), former=former))
                          for c in governed[:1] if c.lower_ in governments]
                continue
            if title.dep_ == "pobj" and title.head.head.lemma_.lower() in _STEPPING_DOWN:
                former = not planned(title.head.head)  # "X stepped down as chief executive"; "X will step down as ..." holds it still
            if not any(other.type == ORG and other.name != topic.name and not topic.name.startswith(other.name + " ")  # (its short form is no other)
                       for i in range(title.sent.start, title.sent.end) if (other := p.mentions.get(i)) is not None):
                found.append((p.offset, Found(person, topic, "worksFor", 0.6, "role:implicit", title, role=_role(p, title), former=former)))
    return found


_OFFICE = re.compile(r"(?:.* )?(?P<title>[A-Z][a-z]+)(?:'s|’s) Office")
_JUDGES = frozenset({"judge", "justice", "magistrate"})


_NAME_CONNECTORS = frozenset({"of", "on", "for", "and", "&"})
_WHOLE_HEADS = lexicon.ORG_SUFFIXES | lexicon.VOTING_BODIES
_BODY_HEADS = lexicon.VOTING_BODIES | lexicon.UNIT_NOUNS


def bodies_of(paragraphs: list[Paragraph]) -> list[tuple[int, Found]]:
    """'the Senate Committee on Finance', 'AU Commission': a body or unit named with the name of an
    organisation the article names on its own ('the Senate', 'the AU') is part of it."""
    wholes: dict[str, Mention] = {}
    for p in paragraphs:
        for _, m in p.named():
            if m.type == ORG and (m.text.isupper() or m.text.split()[-1].lower() in _WHOLE_HEADS):
                wholes.setdefault(m.text, m)  # an acronym or a name with a designator, not a bare place-like name ("Prairie Ridge")
    found = []
    for p in paragraphs:
        for span, unit in p.named():
            if unit.type != ORG:
                continue
            words = unit.text.split()
            for cut in range(1, len(words)):
                whole = wholes.get(" ".join(words[:cut]))
                rest = words[cut:]  # its head word: the last before "of", "on", ... ("Committee on Finance"), else the last
                head = next((rest[k - 1] for k, w in enumerate(rest) if w.lower() in _NAME_CONNECTORS and k > 0), rest[-1])
                if whole is not None and whole.text != unit.text and head.lower() in _BODY_HEADS:
                    found.append((p.offset, Found(unit, whole, "parentOrganization", 0.8, "parent:body-of", span[0])))
                    break
    return found


def office_holders(paragraphs: list[Paragraph]) -> list[tuple[int, Found]]:
    """'Prosecutor X said ...' in an article that names the Y County Prosecutor's Office: an office
    named after its holder's title ("the U.S. Attorney's Office", "the Sheriff's Office") employs the
    people the article gives that title ("Assistant U.S. Attorney X"), and a court its judges
    ("District Judge X"), when the article names one such office or court."""
    offices: dict[str, list[Mention]] = {}
    for p in paragraphs:
        for m in {m.id: m for m in p.mentions.values() if m.type == ORG and m.refers_to is None}.values():
            titles = [match["title"].lower()] if (match := _OFFICE.fullmatch(m.name)) is not None else []
            titles += sorted(_JUDGES) if "court" in m.name.lower().split() else []  # "Judge X" and "the Y District Court"
            for title in titles:
                offices.setdefault(title, []).append(m)
    offices = {title: found for title, found in offices.items() if len({m.name for m in found}) == 1}
    found = []
    for p in paragraphs:
        for i, person in sorted(p.mentions.items()):
            if person.type != PERSON or person.refers_to is not None or (i > 0 and p.mentions.get(i - 1) is person):
                continue  # the person's first token only
            title = []
            for token in reversed(p.doc[max(i - 5, 0) : i]):
                other = p.mention(token)
                if not token.text[:1].isupper() or other is not None and other.type != PLACE:
                    break
                title.append(token.lower_)
            for word in title:
                if word in offices:
                    found.append((p.offset, Found(person, offices[word][0], "worksFor", 0.7, "role:office", p.doc[i], role=word)))
                    break
    return found


_NAME_FILLERS = frozenset("ministry minister of for the and".split())


def portfolio_ministers(paragraphs: list[Paragraph]) -> list[tuple[int, Found]]:
    """'Finance Minister X', 'X as interior minister': a minister of a portfolio works for the
    ministry of that portfolio the article names ("the Finance Ministry", "the Ministry of Social
    Development"), when it names one."""
    ministries: dict[frozenset[str], set[Mention]] = {}
    for p in paragraphs:
        for m in p.mentions.values():
            words = m.name.lower().split()
            if m.type == ORG and m.refers_to is None and "ministry" in words:
                ministries.setdefault(frozenset(words) - _NAME_FILLERS, set()).add(m)
    found = []
    for p in paragraphs:
        for title in p.find(lower={"minister"}):
            portfolio = frozenset(c.lower_ for c in title.children if c.dep_ in {"compound", "amod"} and c.i < title.i) - _NAME_FILLERS
            holding = [words for words in ministries if portfolio and portfolio <= words]  # "foreign minister": "the Ministry of Foreign Affairs"
            closest = [words for words in holding if len(words) == min(len(w) for w in holding)]
            ministry = sorted(ministries[closest[0]], key=lambda m: m.start) if len(closest) == 1 else []
            person = _post_holder(p, title) if ministry else None
            if person is not None and person.type == PERSON:
                found.append((p.offset, Found(person, ministry[0], "worksFor", 0.7, "role:portfolio", title, role=_role(p, title), former=_past(title))))
    return found


# Titles of a voting body's members and the word the body's name holds ("Commissioner X" of "the
# Board of Commissioners", "Trustee X" of "the Board of Trustees").
_BODY_MEMBER_TITLES = {"commissioner": "commission", "trustee": "trustee", "regent": "regent", "supervisor": "supervisor",
                  "councillor": "council", "councilor": "council", "councilman": "council", "councilwoman": "council", "councilmember": "council"}


def body_members(paragraphs: list[Paragraph], known: list[Found]) -> list[tuple[int, Found]]:
    """'council members X and Y', 'Board President Z and members X and Y voted': members named with
    no body of their own are members of the body the text last named that the title's word
    ("council"), the sentence's ("Board") or, failing both, any voting body's word names ("the
    Larkfield Board of Education ... members X and Y voted no")."""
    placed = _placed(known)
    bodies = sorted((m.start, m) for p in paragraphs for m in p.mentions.values() if m.type == ORG and m.refers_to is None and _body_words(m.name))
    found = []
    for p in paragraphs:
        for title in p.find(lower={"members", "member", *_BODY_MEMBER_TITLES}):
            people = _holders(p, title) or _listed_after(p, title)
            people = [m for m in people if (m.id, title.sent.start) not in placed]
            if not people:
                continue
            if title.lower_ in _BODY_MEMBER_TITLES:  # "Commissioner X": a member of the commission, "Trustee X" of the board of trustees
                at, stem = p.offset + title.idx, _BODY_MEMBER_TITLES[title.lower_]
                plural = [(start, m) for start, m in bodies if title.lower_ + "s" in m.name.lower().split()]  # "Board of Commissioners"
                named_for = plural or [(start, m) for start, m in bodies if any(w.startswith(stem) for w in m.name.lower().split())]
                earlier_bodies = [m for start, m in named_for if start < at]
                body = earlier_bodies[-1] if earlier_bodies else named_for[0][1] if named_for else None
                found += [(p.offset, Found(person, body, "memberOf", 0.6, "member:title", title)) for person in people if body is not None]
                continue
            words = [c.lower_ for c in title.children if c.dep_ == "compound" and c.lower_ in lexicon.VOTING_BODIES]
            words = words or [t.lower_ for t in title.sent if t.i < title.i and t.lower_ in lexicon.VOTING_BODIES][-1:]
            before = p.offset + title.idx
            earlier = [m for start, m in bodies if start < before and (not words or words[0] in _body_words(m.name))]
            if earlier:
                found += [(p.offset, Found(person, earlier[-1], "memberOf", 0.6, "member:body", title)) for person in people]
    return found


def _listed_after(p: Paragraph, title: Token) -> list[Mention]:
    """The people named right after a plural title, with those listed after them ("members X, Y and
    Z" where the parser hung the list elsewhere)."""
    first = p.mention(title.nbor()) if title.i + 1 < len(p.doc) else None
    if first is None or first.type != PERSON:
        return []
    end = title.i + 1
    while end < len(p.doc) and p.mention(p.doc[end]) is first:
        end += 1
    root = p.doc[title.i + 1 : end].root
    listed = [first] + [m for c in root.conjuncts if c.i > root.i and (m := p.mention(c)) is not None and m.type == PERSON]
    return list(dict.fromkeys(listed))


def _body_words(name: str) -> set[str]:
    """The voting-body words of a name ("Larkfield City Council" -> {"council"}; "Commissioners" -> "commission")."""
    return {body for word in name.lower().split() for body in lexicon.VOTING_BODIES if word.startswith(body)}


def _placed(known: list[Found]) -> set[tuple[str, int]]:
    """(person id, sentence start) of each person a rule already gave an organisation there."""
    return {(f.head.id, f.anchor.sent.start) for f in known if f.type in {"worksFor", "memberOf"} and isinstance(f.tail, Mention)}


_STEPPING_DOWN = lexicon.LEAVING_VERBS | {"step"}


def _post_holder(p: Paragraph, title: Token) -> Mention | None:
    """Who a bare post title is given to: 'Provost X', 'X, associate dean for research,'
    (unless the title says where it is held), 'X stepped down as chief executive', 'X will serve as
    interim provost'."""
    if title.dep_ == "compound" or title.dep_ == "appos" and not _held_elsewhere(title):
        return p.mention(title.head)
    verb = title.head.head
    if title.dep_ == "pobj" and title.head.lower_ == "as" and verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon.ROLE_VERBS | _STEPPING_DOWN and not _held_elsewhere(title) and not negated(verb):
        given = [c for c in verb.children if c.dep_ in {"dobj", "oprd"}]  # "Y named X as interior minister": X holds it
        return next((m for s in given or subjects(verb)[0] for m in named(p, s, PERSON)), None)
    return None


def _held_elsewhere(title: Token) -> bool:
    """Whether a title says where it is held: "director of a hedge fund", "a partner at the
    firm", "chief executive of St. Brendan's" (a portfolio, "vice president of marketing", says
    nothing of the kind)."""
    held = objects(title, "of", "at", "with", "for", "in")
    return any(c.dep_ == "det" for o in held for c in o.children) or any(o.pos_ == "PROPN" for o in held)  # or a name, whatever its type


def implicit_capitals(paragraphs: list[Paragraph]) -> list[tuple[int, Found]]:
    """'at the palace, in Lima, the capital': a capital of no country named beside it is the
    capital of the country the article names most often (at least twice), as a reader takes it."""
    country = _most_named(paragraphs, lambda m: m.type == PLACE and lexicon.place_rank(m.name) == 3)
    if country is None:
        return []
    found = []
    for p in paragraphs:
        for word in p.find(lower={"capital"}):
            cities, named_countries, demonyms = _capital_parts(p, word) if word.lower_ == "capital" else ([], [], [])
            if not named_countries and not demonyms:
                found += [(p.offset, Found(city, country, "capitalOf", 0.75, "capital:implicit", word)) for city in cities if city.name != country.name]
    return found


_ENCLOSED = {"locatedIn": "locatedIn", "headquarteredIn": "locatedIn", "livesIn": "livesIn"}
"""What lying or living in a place says about the places around it (a birthplace is one place, the
most specific one named, as Wikidata records it)."""


def enclosing_places(found: list[tuple[int, Found]]) -> list[tuple[int, Found]]:
    """'X has an office in Kista' and 'Kista, a district of Stockholm, Sweden' -> X locatedIn
    Sweden: containment is transitive (schema:containedInPlace), and who lives in a town lives in
    its state. Derived up to a known state or country only (the region a reader asks about; the
    towns between are a query's property path away), and from a street to the town it is in ("X
    on Mill Road in Larkfield"). Each derived fact keeps the evidence of its
    first link and the product of the links' confidences, so a chain of guesses falls below the
    threshold."""
    located = [(at, f) for at, f in found if f.type in _ENCLOSED and isinstance(f.tail, Mention) and f.tail.type == PLACE]
    outward: dict[str, list[Found]] = {}
    for _, f in located:
        if f.head.type == PLACE:
            outward.setdefault(f.head.name, []).append(f)
    derived: dict[tuple[str, str, str], tuple[int, Found]] = {}
    off_street: set[tuple[str, str, str]] = set()  # derived from a street: the town it runs through is worth a fact
    frontier = located
    for _ in range(2):  # village -> district -> region -> country
        step = []
        for at, f in frontier:
            assert isinstance(f.tail, Mention)
            for g in outward.get(f.tail.name, []):
                assert isinstance(g.tail, Mention)
                key = (f.head.name, _ENCLOSED[f.type], g.tail.name)
                if g.tail.name in {f.head.name, f.tail.name}:
                    continue
                new = Found(f.head, g.tail, _ENCLOSED[f.type], f.confidence * g.confidence, "located:transitive", f.anchor, former=f.former)
                if key not in derived or derived[key][1].confidence < new.confidence:
                    derived[key] = (at, new)
                    step.append((at, new))
                    if _street(f.tail):
                        off_street.add(key)
        frontier = step
    known: dict[tuple[str, str, str], float] = {}  # stated facts, at their best confidence: a chain may be surer than a guess
    for _, f in located:
        assert isinstance(f.tail, Mention)
        key = (f.head.name, _ENCLOSED[f.type], f.tail.name)
        known[key] = max(known.get(key, 0.0), f.confidence)
    return [item for key, item in derived.items() if known.get(key, 0.0) < item[1].confidence and (lexicon.place_rank(key[2]) >= 2 or key in off_street)]

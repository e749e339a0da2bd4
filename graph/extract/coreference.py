"""Coreference inside one article: pronouns and definite descriptions -> the entity they stand for.

News names a thing once and then says "the company", "the museum", "it", "he" or "its". This
module links such references to an antecedent so that the relation rules see them as mentions
of that entity ("the company agreed to buy X" is a fact about the company's name).

The algorithm is a salience model in the manner of Lappin and Leass, kept deliberately simple:
- candidates are the named mentions already found (not demonyms: "the Chinese capital" is no
  reference to China), in text order, within `WINDOW` sentences
  before the reference (or earlier in its own sentence);
- compatibility is by type (he/she/his/her/him -> Person; it/its and "the company" ->
  Organization; "the city" -> Place);
- among compatible candidates the most salient wins: recent, a subject, often named, and for a
  description one whose name holds its noun ("the university"); see `_antecedent`;
- a name inside a quotation is never an antecedent, and a description does not refer to a name
  already described as another kind of thing ("the union" is not what "the company" was);
- "they", "their", "them" stay unresolved (groups of people or of organisations are too easily
  confused), as do first- and second-person pronouns.

A reference becomes a `Mention` whose `text` is what is written ("the company"), whose `name`
and `type` are its antecedent's, and whose `refers_to` is the antecedent's id; resolution then
merges it into the antecedent's entity like any other occurrence of the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph.extract import lexicon
from graph.extract.mentions import Paragraph, is_stand_in
from graph.extract.tokens import quoted
from graph.names import may_abbreviate
from graph.types import Article, Mention

PERSON, ORG, PLACE = "Person", "Organization", "Place"
PRONOUNS = {"he": PERSON, "him": PERSON, "his": PERSON, "she": PERSON, "her": PERSON, "it": ORG, "its": ORG}
GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj"}
WINDOW = 3
"""How many sentences back a reference may look for its antecedent."""


def name_gender(name: str) -> str | None:
    """The gender a person's given name nearly always has ("Tobias Orvik" -> "m"), if any: the first
    of two words or more, or the second after an initial ("R. Tobias Orvik"), folded to ASCII
    ("Øyvind" -> "oyvind"); a name of one word may be a surname and says nothing."""
    words = name.split()
    given = words[1] if len(words) >= 3 and len(words[0].rstrip(".")) == 1 else words[0] if len(words) >= 2 else ""
    return lexicon.given_name_gender(given)


@dataclass(frozen=True)
class _Candidate:
    mention: Mention
    sentence: int
    subject: bool
    words: frozenset[str]
    key: str  # the full name a short form was written for, else the name: what frequency counts
    institution: bool  # the name says it is an institution of a kind ("X University"): `_institution`
    gender: str | None  # what its given name says: `name_gender`


def _candidate(mention: Mention, sentence: int, subject: bool, beginnings: dict[tuple[str, str], str]) -> _Candidate:
    """A name as an antecedent. A short form ("the Orvenne" after "Orvenne Museum of Art") or an
    acronym ("BTA" after "Brackwell Transit Authority") counts as its full name,
    whose words a description may match ("the museum", "the department"). `beginnings` maps the
    first words of each name met so far (with its type) to the name, and learns this one's."""
    parts = mention.name.split()
    longer = beginnings.get((mention.type, mention.name), "")
    if not longer and mention.name.isupper() and 2 <= len(mention.name) <= 6:
        expansions = {name for (kind, _), name in beginnings.items() if kind == mention.type and len(name.split()) > 1 and may_abbreviate(name, mention.name)}
        longer = expansions.pop() if len(expansions) == 1 else ""
    for n in range(1, len(parts)):
        beginnings.setdefault((mention.type, " ".join(parts[:n])), mention.name)
    words = frozenset(w.lower() for w in f"{mention.name} {longer}".split())
    key = longer or mention.name
    return _Candidate(mention, sentence, subject, words, key, _institution(words), name_gender(key) if mention.type == PERSON else None)


def _description(p: Paragraph, token: Token) -> str | None:
    """The type a definite description stands for ('the company' -> Organization), else None."""
    title = token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.JOB_TITLES  # "company spokeswoman X"
    if token.tag_ not in {"NN", "NNP"} or token.pos_ != "NOUN" and not (title and token.pos_ == "PROPN" and token.lower_ in lexicon.BODY_NOUNS):
        return None  # a title's body is often tagged a proper noun: "Council members X and Y", "Board President X" (not "District Judge X")
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    if not definite and not title:
        return None
    if any(c.dep_ in {"compound", "amod", "nmod", "poss"} and c.pos_ == "PROPN" and c.ent_type_ not in {"GPE", "LOC"} and not _place(p, c) for c in token.children):
        return None  # "the Apple team" introduces a new thing more often than it refers back ("the Leeds orchestra" does)
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    restrictive = any(c.dep_ == "relcl" for c in token.children) and (following is None or following.text != ",")
    naming = any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in {"call", "name"} for c in token.children)
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) or restrictive or naming:
        return None  # "the company of actors", "the firm that ...", "the venture, to be called X": no reference back ("the company, which ..." is)
    if following is not None and following.pos_ == "PROPN" and following.head.i != token.i - 1 and not (title and following.i == token.head.i):
        return None  # "the investment group Larch Partners": the noun introduces the name after it ("Board President X" does not)
    lemma = token.lemma_.lower()
    if lemma in lexicon.REFERRING_ORG_NOUNS:
        return ORG
    if lemma in lexicon.REFERRING_PLACE_NOUNS:
        return PLACE
    return None


def _place(p: Paragraph, token: Token) -> bool:
    """Whether a token is part of a place's name (the recogniser may run "the Leeds orchestra" into one name)."""
    m = p.mention(token)
    return m is not None and m.type == PLACE


def _institution(words: frozenset[str]) -> bool:
    """Whether a name says it is an institution of a kind other than a business ("X University",
    "X Museum", "X Philharmonic"), which a description of another kind does not refer to."""
    return any(kind in words or not words.isdisjoint(lexicon.KIND_WORDS.get(kind, ())) for kind in lexicon.INSTITUTION_KINDS)


def references(article: Article, paragraphs: list[Paragraph]) -> list[tuple[int, int, Mention]]:
    """(paragraph index, token index, reference mention) for every resolved reference, in text order.

    A multi-token description is returned once per token it covers.
    """
    found: list[tuple[int, int, Mention]] = []
    history: list[_Candidate] = []
    beginnings: dict[tuple[str, str], str] = {}  # (type, first words of a name) -> the name
    gender: dict[str, str] = {}  # a person (by full name and by surname) -> the gender of the pronouns already resolved to them
    described: dict[str, set[str]] = {}  # a name -> the description nouns already resolved to it ("the company")
    sentence_number = 0
    number = 0
    for index, p in enumerate(paragraphs):
        tokens = p.tokens()
        in_quotes = quoted(tokens.text)
        for sent in p.doc.sents:
            sentence_number += 1
            seen: set[str] = set()
            subjects = {p.mentions[i].id for i in range(sent.start, sent.end) if tokens.dep[i] in {"nsubj", "nsubjpass"} and i in p.mentions}
            for i in range(sent.start, sent.end):
                named = p.mentions.get(i)
                if named is not None:
                    if named.id not in seen and named.type in (PERSON, ORG, PLACE) and named.refers_to is None and not is_stand_in(named):
                        seen.add(named.id)
                        if i not in in_quotes:
                            history.append(_candidate(named, sentence_number, named.id in subjects, beginnings))
                    continue
                if tokens.lower[i] not in PRONOUNS and tokens.pos[i] != "NOUN" and not (tokens.pos[i] == "PROPN" and tokens.lower[i] in lexicon.REFERRING_ORG_NOUNS):
                    continue  # neither a pronoun nor a description: most tokens, skipped without a Token
                token = p.doc[i]
                kind = PRONOUNS.get(token.lower_) if token.tag_ in {"PRP", "PRP$"} and not _expletive(token) else None
                noun = None
                if kind is None:
                    kind = _description(p, token)
                    noun = token.lemma_.lower() if kind else None
                if kind is None or token.i in in_quotes and noun is None:
                    continue
                said = GENDERS.get(token.lower_) if noun is None else None
                alike = history if noun is None else [c for c in history if not _other_kind(noun, described.get(c.key, set()))]
                chosen = _antecedent(alike, kind, noun, sentence_number, p, token, said, gender)
                if chosen is None:
                    continue
                if noun is not None:
                    described.setdefault(chosen.key, set()).add(noun)
                antecedent = chosen.mention
                if said:
                    gender.setdefault(chosen.key, said)
                    gender.setdefault(chosen.key.split()[-1], said)  # a surname alone ("Vance") is the same person
                start_token = next((c for c in token.children if c.dep_ == "det"), token)
                begin = p.offset + start_token.idx
                finish = p.offset + token.idx + len(token)
                reference = Mention(
                    id=f"r{number}",
                    text=article.text[begin:finish],
                    name=antecedent.name,
                    type=antecedent.type,
                    start=begin,
                    end=finish,
                    article_id=article.id,
                    refers_to=antecedent.id,
                )
                number += 1
                for i in range(start_token.i, token.i + 1):
                    found.append((index, i, reference))
                if token.i not in in_quotes:  # a reference keeps its antecedent salient, as a mention of it would
                    history.append(_candidate(antecedent, sentence_number, tokens.dep[token.i] in {"nsubj", "nsubjpass"}, beginnings))
    return found


# Description nouns for bodies that are no business ("the union" is not "the company").
_NON_BUSINESS_NOUNS = (lexicon.INSTITUTION_KINDS - {"newspaper"}) | frozenset("union ministry regulator charity foundation association council committee".split())


def _other_kind(noun: str, described: set[str]) -> bool:
    """Whether a description names a thing of another kind than what a name was already described
    as: a business is no union, ministry or museum, and the other way round."""
    return noun in _NON_BUSINESS_NOUNS and not described.isdisjoint(lexicon.BUSINESS_NOUNS) or noun in lexicon.BUSINESS_NOUNS and not described.isdisjoint(_NON_BUSINESS_NOUNS)


def _expletive(token: Token) -> bool:
    """'It is expected that ...', 'it seems ...' (no referent); 'it said that ...' refers."""
    if token.lower_ != "it":
        return False
    clause = any(c.dep_ in {"ccomp", "xcomp", "acomp"} for c in token.head.children)
    return token.dep_ == "expl" or clause and (token.dep_ == "nsubjpass" or token.head.lemma_ in {"be", "seem", "appear", "take", "remain"})


def _no_antecedents(p: Paragraph, token: Token, noun: str | None) -> set[int]:
    """Offsets of the names a reference cannot stand for, by the way it is built into its
    sentence (see `_antecedent`)."""
    inside: set[int] = set()  # the phrase an owner is part of: "X, the group's unit" does not call X the group
    node = token
    while token.dep_ == "poss" and node.head.i != node.i and node.pos_ not in {"VERB", "AUX"}:
        node = node.head
        inside.add(p.offset + node.idx)
    verb = token.head
    if token.dep_ in _ARGUMENTS and verb.pos_ in {"VERB", "AUX"}:  # "X, which the university owns": the owner is not X
        others = [c for c in verb.children if c.dep_ in _ARGUMENTS and c.i != token.i] + ([verb.head] if verb.dep_ == "relcl" else [])
        inside |= {p.offset + t.idx for t in others}
    if noun is not None:  # "X is examining whether the software maker failed": a description is not the subject of a clause it is embedded in
        node = token
        while node.head.i != node.i and node.dep_ != "parataxis":
            if node.dep_ in {"ccomp", "advcl", "csubj"} and node.i > node.head.i and node.head.lemma_.lower() not in lexicon.SPEECH_VERBS:
                # (the speaker may be what a description in its own words stands for: "X said the company would ...")
                inside |= {p.offset + c.idx for c in node.head.children if c.dep_ in {"nsubj", "nsubjpass"}}
            node = node.head
    if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.head.pos_ == "VERB":  # "X shares a lab with it": it is not X
        clause = verb.head
        while clause.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
            clause = clause.head
        inside |= {p.offset + c.idx for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}}
    return inside


def _antecedent(history: list[_Candidate], kind: str, noun: str | None, sentence: int, p: Paragraph, token: Token, said: str | None, gender: dict[str, str]) -> _Candidate | None:
    """The most salient earlier mention of the right type within the window.

    Salience adds, as in Lappin and Leass: recency (100) and a subject bonus (80), the two halved
    for each sentence back, and frequency (20 for each earlier mention of the same name, up to
    60). A
    description prefers, before any salience, a name that holds its noun ("the university" ->
    "Redfern University") or a word for that kind of thing ("the orchestra" -> "X Philharmonic");
    a bare one looks back one sentence only, but any description may reach the article's topic
    (the thing of its type named most often, at least three times) however far back.
    A resolved reference counts as a mention of its antecedent where it stands, so a thing
    referred to sentence after sentence stays within reach. An owner's phrase does not own
    itself: the name it hangs from is no antecedent ("X, the group's data unit": the group is not
    X, and is first of all one named like X, "Kessmore" for "Kessmore Cloud"; but "X, the only
    hospital in Y": the hospital is X); nor is another argument of the same
    verb ("the company bought X", "X, which the university owns"), nor the subject of the verb whose
    preposition governs it ("X shares a laboratory with it"), nor, for a description, the subject
    of a clause it stands in ("X is examining whether the software maker failed"). A pronoun of one gender (`said`) does
    not refer to a person of the other: one a pronoun of that other gender was resolved to
    (`gender`), or whose given name is nearly always the other's (`name_gender`).
    """
    inside = _no_antecedents(p, token, noun)
    counts: dict[str, int] = {}
    for c in history:
        counts[c.key] = counts.get(c.key, 0) + 1
    excluded = {c.key for c in history if any(c.mention.start <= at < c.mention.end for at in inside)}  # by any of its names
    # The article's topic: the thing of this type named most often, at least three times; a
    # description ("the company", "the orchestra") may reach it however far back it was named.
    topic = max((c.key for c in history if c.mention.type == kind), key=lambda k: counts[k], default=None) if noun is not None else None
    topic = topic if topic is not None and counts[topic] >= 3 else None
    owned = p.mention(token.head.head) if token.dep_ == "poss" and token.head.dep_ == "appos" else None
    kin = owned.name.split()[0] if owned is not None and len(owned.name.split()) > 1 else None  # "Kessmore Cloud, the group's unit": the group is likely Kessmore
    placed = noun is not None and any(c.dep_ in {"compound", "amod", "nmod"} and _place(p, c) for c in token.children)
    leader = _most_named_of_kind(history, kind, noun, counts) if placed else None
    if noun in lexicon.BODY_NOUNS:
        holders = {c.key for c in history if c.mention.type == kind and noun in c.words}
    elif noun in {"company", "firm"}:
        holders = {c.key for c in history if c.mention.type == kind and not c.words.isdisjoint(lexicon.COMPANY_DESIGNATORS)}
    else:
        holders = set()  # a pronoun or another description: no such reach
    only_holder = next(iter(holders)) if len(holders) == 1 else None  # "the board" after "the Board of Visitors", "the company" after the one company named, however far back
    best: tuple[bool, bool, int, float, int] | None = None
    chosen: _Candidate | None = None
    position = p.offset + token.idx
    for order, c in enumerate(history):
        distance = sentence - c.sentence
        if distance > WINDOW and c.key not in {topic, leader, only_holder} or c.mention.type != kind or c.mention.start >= position or c.key in excluded:
            continue
        if said and (c.gender or gender.get(c.key) or gender.get(c.key.split()[-1]) or said) != said:
            continue  # X is "Tobias", or "she" was resolved to X (or to one of that surname): "she" is not X
        named_by_noun = noun is not None and (noun in c.words or not c.words.isdisjoint(lexicon.KIND_WORDS.get(noun, ())))
        if kind == PLACE and noun is not None and (lexicon.place_rank(c.mention.name) == 3) != (noun in {"country", "nation"}):
            continue  # "the city" is no country, "the country" no city
        if noun == "state" and lexicon.place_rank(c.mention.name) != 2:
            continue  # "the state" is a state the lexicon knows, not a town named before it
        if noun is not None and not named_by_noun and noun not in lexicon.BODY_NOUNS | {"team"} and c.institution:
            continue  # "the company" is no "X University", "the museum" no "X Hospital" (but any has a board, a team)
        if noun is not None and distance > 1 and not named_by_noun and c.key not in {topic, only_holder}:
            continue
        if noun in lexicon.INSTITUTION_KINDS - {"club", "team"} and not named_by_noun and c.key != topic:
            continue  # "the ministry" is a ministry, "the museum" a museum: not a party named before it
        score = (100 + (80 if c.subject else 0)) / 2**distance + 20 * min(counts[c.key] - 1, 3)
        # a legal form ("X ASA") says a name is a company, as most companies' names do not: it
        # makes the name reachable, but not preferred to a more salient company
        # a name holding the noun itself ("the college" -> "X College") before one holding a word of its kind ("Y University")
        preferred = 2 if noun is not None and noun in c.words else int(noun is not None and named_by_noun and noun not in {"company", "firm"})
        named_alike = kin is not None and c.mention.name.split()[0] == kin
        led = c.key == leader  # "the Burlington university": the one the article names most, before the last one named
        if best is None or (led, named_alike, preferred, score, order) > best:
            best, chosen = (led, named_alike, preferred, score, order), c
    return chosen


def _most_named_of_kind(history: list[_Candidate], kind: str, noun: str | None, counts: dict[str, int]) -> str | None:
    """The name of the description's kind ("the university": a name holding "university" or a word
    of its kind) named most often so far, if one is."""
    alike = {c.key for c in history if c.mention.type == kind and noun is not None and (noun in c.words or not c.words.isdisjoint(lexicon.KIND_WORDS.get(noun, ())))}
    ranked = sorted(alike, key=lambda k: -counts[k])
    return ranked[0] if ranked and (len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]) else None


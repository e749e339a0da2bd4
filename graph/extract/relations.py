"""Rules over the dependency parse -> Relations between mentions, each with its rule id.

Every rule is a small function `rule(doc) -> Iterator[Found]` that reads the mentions
written on the doc by `graph.extract.mentions`. Each rule has one relation family and one
confidence; `relatedTo` (open verb relations) stays below the default threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graph.extract import lexicon
from graph.extract.classifier import Classifier, predict
from graph.extract.mentions import NAME, ORG, PERSON, PLACE
from graph.nlp import headline_span
from graph.types import Article, Mention, Provenance, Relation

ENTITY_TYPES = {PERSON, ORG, PLACE}
RELATED_CONFIDENCE = 0.3


@dataclass(frozen=True)
class Found:
    """A relation found in one doc, before offsets and evidence are attached."""

    head: Mention
    tail: Mention
    type: str
    confidence: float
    rule: str
    anchor: Token
    role: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Capital:
    """A place noun standing for a capital ("the capital"), resolved once the article is read."""

    token: Token
    country: Mention | None


def find(doc: Doc, **wanted: Iterable[str]) -> list[Token]:
    """Tokens whose attribute (lower, lemma, dep, pos, text) is among the wanted values, in order.

    Rules look up their trigger words here instead of each walking the whole doc; the index
    is built once per doc.
    """
    index = doc._.kg_index
    if index is None:
        index = {}
        for token in doc:
            for attr, value in (("lower", token.lower_), ("lemma", token.lemma_.lower()), ("dep", token.dep_), ("pos", token.pos_), ("text", token.text)):
                index.setdefault((attr, value), []).append(token)
        doc._.kg_index = index
    found = {t.i: t for attr, values in wanted.items() for v in values for t in index.get((attr, v), ())}
    return [found[i] for i in sorted(found)]


def mention(token: Token) -> Mention | None:
    return token.doc._.kg_mentions.get(token.i)


def named(token: Token, *types: str) -> list[Mention]:
    """The mentions a noun phrase stands for: itself, its conjuncts, or the name it is appositive to."""
    found = []
    for member in [token, *token.conjuncts]:
        m = mention(member)
        if m is None and member.dep_ == "appos":
            m = mention(member.head)
        if m is None:
            m = next((mention(c) for c in member.children if c.dep_ == "appos" and mention(c)), None)
        if m is not None and m.type in types and m not in found:
            found.append(m)
    return found


def objects(token: Token, *preps: str) -> list[Token]:
    """Objects of the given prepositions under a token ('in' -> the pobj of 'in')."""
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]


def subjects(verb: Token) -> tuple[list[Token], list[Token]]:
    """(active subjects, passive subjects) of a verb, inherited through conjoined verbs."""
    head = verb
    while True:
        active = [c for c in head.children if c.dep_ == "nsubj"]
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]
        if active or passive or head.dep_ != "conj":
            break
        head = head.head
    if not active and not passive and verb.dep_ in {"acl", "relcl"}:
        (passive if verb.tag_ == "VBN" else active).append(verb.head)
    return active, passive


def _planned(verb: Token) -> bool:
    """'will open', 'plans to open': a future or intended act, not a fact yet."""
    return verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in {"will", "would", "to", "'ll", "shall"} for c in verb.children)


def _role(title: Token) -> str:
    """'a visiting fellow' -> 'visiting fellow'; 'CEO' -> 'CEO'."""
    words = [t for t in title.subtree if t.i < title.i and t.dep_ in {"amod", "compound", "nmod"} and mention(t) is None]
    return " ".join(t.text for t in [*words, title])


# --- role relations -------------------------------------------------------------------------


def role_relations(doc: Doc) -> Iterator[Found]:
    """'X, CEO of Y', 'Y CEO X', 'X is a fellow at Y', 'X, founder of Y'."""
    for title in find(doc, lemma=lexicon.JOB_TITLES, lower=lexicon.JOB_TITLES):
        lemma = title.lemma_.lower()
        if lemma not in lexicon.JOB_TITLES and title.lower_ not in lexicon.JOB_TITLES:
            continue
        people: list[Mention] = []
        if title.dep_ == "appos":
            people = named(title.head, PERSON)
        elif title.dep_ == "attr" and title.head.lemma_ == "be":
            people = [m for s in subjects(title.head)[0] for m in named(s, PERSON)]
        elif title.dep_ == "compound" and mention(title.head) and mention(title.head).type == PERSON:
            people = [mention(title.head)]
        held = objects(title, "of", "at", "for", "with")
        orgs = [m for o in held for m in named(o, ORG)]
        owners = [m for o in held if not named(o, ORG) for c in o.children if c.dep_ == "poss" for m in named(c, ORG)]
        orgs += [m for c in title.children if c.dep_ in {"compound", "poss"} for m in named(c, ORG)]
        if title.dep_ == "compound" and people:
            orgs += [m for c in title.head.children if c.dep_ in {"compound", "poss"} and c.i < title.i for m in named(c, ORG)]
        for person in people:
            for org in owners:
                yield Found(person, org, "worksFor", 0.75, "role:unit-of", title, role=_role(title))
            for org in orgs:
                if title.lower_ in lexicon.FOUNDER_TITLES or lemma in lexicon.FOUNDER_TITLES:
                    yield Found(org, person, "foundedBy", 0.9, "role:founder", title)
                elif lemma in lexicon.MEMBER_TITLES:
                    yield Found(person, org, "memberOf", 0.85, "role:member", title)
                else:
                    yield Found(person, org, "worksFor", 0.9, f"role:{title.dep_}", title, role=_role(title))


# --- places ---------------------------------------------------------------------------------


def headquarters(doc: Doc) -> Iterator[Found]:
    """'X is headquartered in Y', 'X, based in Y', 'X's headquarters in Y', 'the Y-based X'."""
    for token in find(doc, lemma={"headquarter", "headquartered", "base"}, lower={"headquarters", "hq"}):
        lemma = token.lemma_.lower()
        compound = lemma == "base" and token.dep_ == "amod" and token.i > 0 and doc[token.i - 1].tag_ == "HYPH"
        places = [c for c in token.children if c.i < token.i - 1] if compound else objects(token, "in", "at")
        if compound:
            orgs = named(token.head, ORG)
            confidence, rule = 0.8, "hq:compound"
        elif lemma in {"headquarter", "headquartered"} or (lemma == "base" and token.tag_ == "VBN"):
            active, passive = subjects(token)
            orgs = [m for s in passive + active for m in named(s, ORG)]
            confidence, rule = (0.9, "hq:verb") if lemma != "base" else (0.8, "hq:based")
        elif token.lower_ in {"headquarters", "hq"}:
            orgs = [m for c in token.children if c.dep_ == "poss" for m in named(c, ORG)]
            orgs += [m for s in subjects(token.head)[0] for m in named(s, ORG)] if token.dep_ == "dobj" else []
            confidence, rule = 0.85, "hq:noun"
        else:
            continue
        for place_token in places:
            for place in named(place_token, PLACE):
                for org in orgs:
                    yield Found(org, place, "headquarteredIn", confidence, rule, token)


def sites(doc: Doc) -> Iterator[Found]:
    """'X, a company with offices in A and B', 'X has offices in A'."""
    for site in find(doc, lower=lexicon.SITE_NOUNS):
        if site.lower_ not in lexicon.SITE_NOUNS or site.lower_ in {"headquarters", "hq"}:
            continue
        owner = site.head.head if site.dep_ == "pobj" and site.head.lower_ == "with" else None
        if site.dep_ == "dobj" and site.head.lemma_ in {"have", "operate", "maintain", "run", "open", "build"} and not _planned(site.head):
            orgs = [m for s in subjects(site.head)[0] for m in named(s, ORG)]
        else:
            orgs = named(owner, ORG) if owner is not None else []
        for place_token in objects(site, "in", "across"):
            for place in named(place_token, PLACE):
                for org in orgs:
                    yield Found(org, place, "locatedIn", 0.8, "located:site", site)


def home_to(doc: Doc) -> Iterator[Found]:
    """'Y is home to ... including A, B and C' -> A, B, C locatedIn Y."""
    for home in find(doc, lower={"home"}):
        if home.lower_ != "home" or home.dep_ != "attr":
            continue
        places = [m for s in subjects(home.head)[0] for m in named(s, PLACE)]
        for target in objects(home, "to") + objects(home.head, "including"):
            members = {m for t in target.subtree if (m := mention(t)) and m.type == ORG}
            for org in sorted(members, key=lambda m: m.start):
                for place in places:
                    yield Found(org, place, "locatedIn", 0.8, "located:home-to", home)


def area_of(doc: Doc) -> Iterator[Found]:
    """'X, an area in the northwest of Y', 'X, a hub in Y', 'X, a district of Y'."""
    for noun in find(doc, dep={"appos"}):
        if noun.dep_ != "appos":
            continue
        areas = named(noun.head, PLACE)
        if not areas:
            continue
        preps = ("in", "of") if noun.lemma_.lower() in lexicon.PLACE_NOUNS else ("in",)
        for target in objects(noun, *preps):
            while target.lemma_.lower() in lexicon.DIRECTION_NOUNS and objects(target, "of"):
                target = objects(target, "of")[0]
            tails: list[Mention | Capital] = named(target, PLACE)
            if not tails and target.lower_ == "capital":
                tails = [Capital(target, None)]
            for area in areas:
                for tail in tails:
                    yield Found(area, tail, "locatedIn", 0.85, "located:apposition", noun)  # type: ignore[arg-type]


def place_chains(doc: Doc) -> Iterator[Found]:
    """'Shinjuku, Tokyo, Japan': each place lies in the next; lists with 'and' excluded."""
    places = sorted({m for m in doc._.kg_mentions.values() if m.type == PLACE}, key=lambda m: m.start)
    tokens = {m: [i for i, v in doc._.kg_mentions.items() if v is m] for m in places}
    runs: list[list[Mention]] = []
    for m in places:
        first = min(tokens[m])
        if runs and first - max(tokens[runs[-1][-1]]) == 2 and doc[first - 1].text == ",":
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        last = max(tokens[run[-1]])
        after = [t.lower_ for t in doc[last + 1 : last + 3]]
        if len(run) < 2 or "and" in after or "or" in after or "&" in after:
            continue
        for inner, outer in zip(run, run[1:]):
            yield Found(inner, outer, "locatedIn", 0.8, "located:chain", doc[min(tokens[outer])])


def capitals(doc: Doc) -> Iterator[Found]:
    """"China's capital (city) Beijing", 'Beijing, the capital of China', 'B is the capital of C'."""
    for word in find(doc, lower={"capital"}):
        if word.lower_ != "capital":
            continue
        head = word.head if word.dep_ == "compound" else word
        countries = [m for c in head.children if c.dep_ == "poss" for m in named(c, PLACE)]
        countries += [m for o in objects(head, "of") for m in named(o, PLACE)]
        cities = [m for c in head.children if c.dep_ in {"appos", "compound"} and c.i > word.i for m in named(c, PLACE)]
        if head.dep_ == "appos":
            cities += named(head.head, PLACE)
        if head.dep_ == "attr" and head.head.lemma_ == "be":
            cities += [m for s in subjects(head.head)[0] for m in named(s, PLACE)]
        for city in cities:
            for country in countries:
                if city != country:
                    yield Found(city, country, "capitalOf", 0.9, "capital:apposition", word)


def demonym_orgs(doc: Doc) -> Iterator[Found]:
    """'Chinese AI startup X' -> X locatedIn China (the demonym stands for its country)."""
    for token in find(doc, text=lexicon.DEMONYMS):
        country = lexicon.DEMONYMS.get(token.text)
        if country is None or mention(token):
            continue
        for offset in range(1, 5):
            if token.i + offset + 1 >= len(doc):
                break
            noun, target = doc[token.i + offset], doc[token.i + offset + 1]
            if mention(noun) or noun.is_punct:
                break
            org = mention(target)
            if noun.lower_ in lexicon.ORG_NOUNS and org is not None and org.type == ORG and mention(doc[target.i - 1]) is not org:
                start = doc._.kg_offset + token.idx
                place = Mention(f"{org.id}-country", token.text, country, PLACE, start, start + len(token), org.article_id)
                yield Found(org, place, "locatedIn", 0.6, "located:demonym", token)
                break


def place_prefixes(doc: Doc) -> Iterator[Found]:
    """'Tokyo Keio Business School': a place written before an organisation's name."""
    for i, m in doc._.kg_mentions.items():
        nxt = doc._.kg_mentions.get(i + 1)
        if m.type == PLACE and nxt is not None and nxt is not m and nxt.type == ORG and doc[i].whitespace_ and doc[i].dep_ == "compound":
            yield Found(nxt, m, "locatedIn", 0.6, "located:name-prefix", doc[i])


# --- organisations --------------------------------------------------------------------------


def agreements(doc: Doc) -> Iterator[Found]:
    """'X has signed an agreement with Y', 'X partnered with Y' (partnerOf is symmetric)."""
    for token in find(doc, lower=lexicon.AGREEMENT_NOUNS, lemma={"partner", "collaborate", "team", "ally"}):
        if token.lower_ in lexicon.AGREEMENT_NOUNS and token.dep_ in {"dobj", "attr", "nsubjpass"}:
            orgs = [m for s in subjects(token.head)[0] for m in named(s, ORG)]
        elif token.lemma_.lower() in {"partner", "collaborate", "team", "ally"} and token.pos_ == "VERB":
            orgs = [m for s in subjects(token)[0] for m in named(s, ORG)]
        else:
            continue
        for partner_token in objects(token, "with"):
            for partner in named(partner_token, ORG):
                for org in orgs:
                    if org != partner:
                        yield Found(org, partner, "partnerOf", 0.8, "partner:agreement", token)


def units(doc: Doc) -> Iterator[Found]:
    """"X's Y" between organisations, and 'Y, a subsidiary/division of X' -> Y parentOrganization X."""
    for token in find(doc, dep={"poss", "appos"}):
        owner = mention(token)
        if token.dep_ == "poss" and owner is not None and owner.type == ORG:
            unit = mention(token.head)
            if unit is not None and unit is not owner and unit.type == ORG:
                yield Found(unit, owner, "parentOrganization", 0.75, "parent:possessive", token)
        if token.dep_ == "appos" and token.lemma_.lower() in {"subsidiary", "division", "unit", "arm", "affiliate"}:
            for parent_token in objects(token, "of"):
                for parent in named(parent_token, ORG):
                    for unit in named(token.head, ORG):
                        yield Found(unit, parent, "parentOrganization", 0.85, "parent:apposition", token)


# --- names ----------------------------------------------------------------------------------


def aliases(doc: Doc) -> Iterator[Found]:
    """'X ... referred to as "N"', 'X, or Y,', 'X (Y)' -> alternateName."""
    for token in [doc[i] for i in sorted(doc._.kg_mentions)]:
        nick = mention(token)
        if nick is not None and nick.type == NAME and token.dep_ == "pobj" and token.head.lower_ == "as":
            verb = token.head.head
            for owner in _alias_owners(verb):
                yield Found(owner, nick, "alternateName", 0.85, "alias:referred-as", verb)
        m = mention(token)
        if m is not None and m.type in ENTITY_TYPES and token.dep_ == "conj" and any(c.lower_ == "or" for c in token.head.children if c.dep_ == "cc"):
            first, begin = mention(token.head), min(i for i, v in doc._.kg_mentions.items() if v is m)
            if first is not None and first is not m and first.type == m.type and doc[begin - 1].lower_ == "or" and doc[begin - 2].text == ",":
                yield Found(first, m, "alternateName", 0.8, "alias:or", token)
    for i, m in doc._.kg_mentions.items():
        if i + 2 < len(doc) and doc[i + 1].text == "(" and mention(doc[i + 2]):
            inner = mention(doc[i + 2])
            if inner is not m and inner.type == m.type and inner.name.isupper():
                yield Found(m, inner, "alternateName", 0.85, "alias:parenthesis", doc[i + 1])


def _alias_owners(verb: Token) -> list[Mention]:
    """Whose other name this is: the passive subject, or the name a relative clause hangs from."""
    active, passive = subjects(verb)
    owners = [m for s in passive or active for m in named(s, *ENTITY_TYPES)]
    if owners or verb.dep_ not in {"relcl", "acl"}:
        return owners
    node = verb.head
    while node.dep_ not in {"appos", "ROOT"} and mention(node) is None:
        node = node.head
    if node.dep_ == "appos":
        node = node.head
    return named(node, *ENTITY_TYPES)


# --- verbs ----------------------------------------------------------------------------------

# relation, verb lemmas, subject type, object type, object prepositions ("" = direct object),
# and whether the subject is the relation's tail ("X founded Y" -> Y foundedBy X).
VERB_FRAMES: tuple[tuple[str, frozenset[str], str, str, tuple[str, ...], bool], ...] = (
    ("foundedBy", frozenset({"found", "co-found", "cofound"}), PERSON, ORG, ("",), True),
    ("worksFor", frozenset({"join", "work", "lead", "head", "run", "manage", "chair"}), PERSON, ORG, ("", "for", "at"), False),
    ("alumniOf", frozenset({"graduate", "study", "attend"}), PERSON, ORG, ("", "from", "at"), False),
    ("acquired", frozenset({"acquire", "buy", "purchase"}), ORG, ORG, ("",), False),
    ("killed", frozenset({"kill", "assassinate", "murder", "shoot", "stab", "slay"}), PERSON, PERSON, ("",), False),
    ("livesIn", frozenset({"live", "reside"}), PERSON, PLACE, ("in",), False),
    ("memberOf", frozenset({"join"}), ORG, ORG, ("",), False),
)


def verb_frames(doc: Doc) -> Iterator[Found]:
    """'X founded Y', 'Y was acquired by X', 'X graduated from Y', 'X lives in Y', ..."""
    for verb in find(doc, pos={"VERB", "AUX"}):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        active, passive = subjects(verb)
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        direct = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
        for relation, lemmas, subject_type, object_type, preps, reverse in VERB_FRAMES:
            if lemma not in lemmas:
                continue
            if passive and agents:
                pairs = [(s, o) for s in agents for o in passive]
            else:
                objs = (direct if "" in preps else []) + objects(verb, *[p for p in preps if p])
                pairs = [(s, o) for s in active for o in objs]
            for s_tok, o_tok in pairs:
                for subj in named(s_tok, subject_type):
                    for obj in named(o_tok, object_type):
                        head, tail = (obj, subj) if reverse else (subj, obj)
                        yield Found(head, tail, relation, 0.8, f"verb:{lemma}", verb)


def open_relations(doc: Doc) -> Iterator[Found]:
    """Any verb between two named things -> relatedTo, labelled with the verb (low confidence)."""
    for verb in find(doc, pos={"VERB"}):
        if verb.pos_ != "VERB":
            continue
        active, passive = subjects(verb)
        subjs = [m for s in active + passive for m in named(s, *ENTITY_TYPES)]
        direct = [(c, verb.lemma_) for c in verb.children if c.dep_ == "dobj"]
        preps = [(p, f"{verb.lemma_} {c.lower_}") for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for o_tok, label in direct + preps:
            for obj in named(o_tok, *ENTITY_TYPES):
                for subj in subjs:
                    if subj != obj:
                        yield Found(subj, obj, "relatedTo", RELATED_CONFIDENCE, "open:verb", verb, label=label)


RULES: tuple[Callable[[Doc], Iterator[Found]], ...] = (
    role_relations,
    headquarters,
    sites,
    home_to,
    area_of,
    place_chains,
    capitals,
    demonym_orgs,
    place_prefixes,
    agreements,
    units,
    aliases,
    verb_frames,
    open_relations,
)


# --- article level --------------------------------------------------------------------------


def _resolve_capitals(found: list[Found]) -> list[Found]:
    """Replace 'the capital' by the one city the article calls a capital; drop it otherwise."""
    cities = {f.head for f in found if f.type == "capitalOf"}
    names = {m.name for m in cities}
    kept = []
    for f in found:
        if isinstance(f.tail, Capital):
            if len(names) != 1:
                continue
            city = next(iter(cities))
            token = f.tail.token
            start = token.doc._.kg_offset + token.idx
            tail = Mention(f"{city.id}-ref{start}", token.text, city.name, PLACE, start, start + len(token), city.article_id)
            f = Found(f.head, tail, f.type, f.confidence * 0.9, f.rule + "+capital", f.anchor, f.role, f.label)
        kept.append(f)
    return kept


def article_relations(article: Article, mentions: list[Mention]) -> list[Relation]:
    """Author (byline) and publisher (title suffix) of the article, headed by its headline."""
    span = headline_span(article)
    if span is None:
        return []
    headline = Mention("headline", article.title, article.title, "NewsArticle", span[0], span[1], article.id)
    relations = []
    title_line = article.text[span[0] : article.text.find("\n", span[0]) if "\n" in article.text[span[0]:] else len(article.text)]
    people = [(name, "author", PERSON) for name in article.byline]
    orgs = [(article.publisher, "publisher", ORG)] if article.publisher else []
    for name, relation, kind in people + orgs:
        where = article.text.find(name, span[1] if relation == "publisher" else 0)
        if where < 0:
            continue
        line_start = article.text.rfind("\n", 0, where) + 1
        line_end = article.text.find("\n", where)
        line_end = len(article.text) if line_end < 0 else line_end
        tail = Mention(f"{relation}-{len(relations)}", name, name, kind, where, where + len(name), article.id)
        provenance = Provenance(article.id, line_start, line_end, article.text[line_start:line_end].strip() or title_line)
        relations.append(Relation(headline, tail, relation, 0.95, provenance, f"{relation}:byline" if relation == "author" else "publisher:title"))
    return relations


def learned_relations(doc: Doc, classifier: Classifier) -> Iterator[Found]:
    """The classifier's relations, as found by a rule named after the model."""
    for head, tail, kind, confidence, anchor in predict(doc, classifier):
        yield Found(head, tail, kind, round(confidence, 4), "model:relation-lr", anchor)


def find_relations(article: Article, docs: list[tuple[int, Doc]], classifier: Classifier | None = None) -> list[Relation]:
    """All relations of an article's parsed paragraphs, deduplicated, in text order.

    Open `relatedTo` relations and the classifier's relations are kept only for pairs of
    mentions that no typed rule has already related (in either direction).
    """
    found = _resolve_capitals([f for _, doc in docs for rule in RULES for f in rule(doc)])
    typed = {frozenset((f.head, f.tail)) for f in found if f.type != "relatedTo"}
    if classifier is not None:
        learned = [f for _, doc in docs for f in learned_relations(doc, classifier) if frozenset((f.head, f.tail)) not in typed]
        typed |= {frozenset((f.head, f.tail)) for f in learned if f.confidence >= 0.5}
        found += learned
    relations: dict[tuple, Relation] = {}
    for f in found:
        if f.type == "relatedTo" and frozenset((f.head, f.tail)) in typed:
            continue
        offset = f.anchor.doc._.kg_offset
        sent = f.anchor.sent
        start, end = offset + sent.start_char, offset + sent.end_char
        provenance = Provenance(article.id, start, end, article.text[start:end])
        relation = Relation(f.head, f.tail, f.type, f.confidence, provenance, f.rule, f.role, f.label)
        dedupe = (f.head.start, f.tail.start, f.type)
        if dedupe not in relations or relations[dedupe].confidence < f.confidence:
            relations[dedupe] = relation
    return sorted(relations.values(), key=lambda r: (r.provenance.start, r.head.start, r.tail.start, r.type))

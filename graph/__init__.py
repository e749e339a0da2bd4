"""Knowledge graphs from news articles.

>>> from graph import build
>>> result = build("seeds/")   # doctest: +SKIP
"""

from graph.pipeline import Result, build, write
from graph.types import Article, Entity, Extraction, Mention, Provenance, Relation, Triple

__all__ = ["Article", "Entity", "Extraction", "Mention", "Provenance", "Relation", "Result", "Triple", "build", "write"]

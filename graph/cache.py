"""Per-article extraction cache, so a rebuild re-extracts only new or changed articles.

An entry is keyed by the article's content and metadata, the spaCy model (name and version)
and a fingerprint of the extractor's own source code, so editing a rule invalidates it.
Entries are JSON (never pickle: a cache must not be able to run code) written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from graph.atomic import write_atomic
from graph.types import Article, Extraction, Mention, Provenance, Relation

_FORMAT = 3


def default_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "news-kg"


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Hash of the code that turns text into extractions (graph/nlp.py, graph/extract/, and the
    article's own facts read by graph/ingest, such as its author and who the author writes for)."""
    package = Path(__file__).parent
    sources = sorted([package / "nlp.py", package / "ingest" / "__init__.py", *(package / "extract").glob("*.py")])
    digest = hashlib.sha256(str(_FORMAT).encode())
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def key(article: Article, model: str) -> str:
    """The cache key of an article under a model ('name@version')."""
    parts = [article.id, article.title, "\x1f".join(article.byline), article.publisher or "", article.text, model, extractor_fingerprint()]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()


def _path(directory: Path, entry: str) -> Path:
    return directory / entry[:2] / f"{entry}.json"


def _mention(m: Mention) -> list:
    return [m.id, m.text, m.name, m.type, m.start, m.end, m.refers_to]


def dump(extraction: Extraction) -> str:
    """An extraction as JSON; relations point at mentions by position."""
    mentions = list(extraction.mentions)
    index = {m: i for i, m in enumerate(mentions)}
    relations = [
        [index[r.head], index[r.tail], r.type, r.confidence, r.provenance.start, r.provenance.end, r.provenance.sentence, r.extractor, r.role, r.label, r.former]
        for r in extraction.relations
    ]
    return json.dumps({"format": _FORMAT, "mentions": [_mention(m) for m in mentions], "relations": relations}, ensure_ascii=False)


def _check(data: dict, article: Article) -> None:
    """Raise ValueError unless an entry fits its article: indices and offsets in range, types right."""
    size = len(article.text)
    for m in data["mentions"]:
        if len(m) != 7 or not all(isinstance(v, str) for v in m[:4]) or not all(type(v) is int for v in m[4:6]) or not 0 <= m[4] <= m[5] <= size \
                or not (m[6] is None or isinstance(m[6], str)):
            raise ValueError("bad mention")
    count = len(data["mentions"])
    for r in data["relations"]:
        head, tail, kind, conf, start, end = r[:6]
        if len(r) != 11 or not all(type(v) is int for v in (head, tail, start, end)) or not (0 <= head < count and 0 <= tail < count) or type(r[10]) is not bool:
            raise ValueError("bad relation index")
        if not isinstance(kind, str) or not isinstance(conf, (int, float)) or not 0 <= conf <= 1 or not 0 <= start <= end <= size:
            raise ValueError("bad relation")


def load(text: str, article: Article) -> Extraction:
    """The inverse of `dump`, for the same article; ValueError for an entry that does not fit it."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError("not a cache entry of this format")
    _check(data, article)
    mentions = [Mention(i, t, n, k, s, e, article.id, ref) for i, t, n, k, s, e, ref in data["mentions"]]
    relations = [
        Relation(mentions[h], mentions[t], kind, conf, Provenance(article.id, start, end, sentence), extractor, role, label, former)
        for h, t, kind, conf, start, end, sentence, extractor, role, label, former in data["relations"]
    ]
    return Extraction(article, tuple(mentions), tuple(relations))


_unusable: set[Path] = set()


def _give_up(directory: Path, err: OSError) -> None:
    """Warn once that a cache folder cannot be used; it is then skipped for the rest of the run."""
    if directory not in _unusable:
        _unusable.add(directory)
        print(f"kg: warning: {directory}: cache disabled ({err.strerror or err}); extracting without it", file=sys.stderr)


def get(directory: Path, entry: str, article: Article) -> Extraction | None:
    """A cached extraction, or None when there is none (or it cannot be read, or does not fit)."""
    if directory in _unusable:
        return None
    try:
        return load(_path(directory, entry).read_text(encoding="utf-8"), article)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as err:
        _give_up(directory, err)
        return None
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def put(directory: Path, entry: str, extraction: Extraction) -> None:
    """Store an extraction; a cache that cannot be written is disabled with one warning."""
    if directory in _unusable:
        return
    try:
        write_atomic(_path(directory, entry), dump(extraction))
    except OSError as err:
        _give_up(directory, err)

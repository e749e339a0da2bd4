"""Where the trained parts live and which of them a build uses (the one place that decides).

`graph/models/` holds the recogniser's weights (`ner/`), the mention typer (`typer.json`) and
the relation classifier (`relations.json`), all trained by `kg train`, and the pair encoder
(`encoder/`, an int8 ONNX model trained by `kg train-encoder`, used with `--encoder`). The
recogniser only fits the pipeline it was trained from, so it (and the typer, learned on its
output) is used with that pipeline alone; the relation classifier and the encoder work on any.
Every file is checked against the folder's manifest before use (graph.integrity).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph import integrity
from graph.settings import DEFAULT_MODEL

MODELS = Path(__file__).parent / "models"


@dataclass(frozen=True)
class LearnedParts:
    """Paths of the trained parts in use (None: not used) and their fingerprint."""

    ner: Path | None
    typer: Path | None
    classifier: Path | None
    encoder: Path | None
    fingerprint: str


@lru_cache(maxsize=4)
def learned_parts(model: str, enabled: bool = True, directory: Path = MODELS, encoder: bool = False) -> LearnedParts:
    """The shipped models, when enabled and present (the pair encoder only when asked for); the
    recogniser only fits the default model."""
    if not enabled:
        return LearnedParts(None, None, None, None, "stock")
    if directory.is_dir():
        integrity.verify(directory, model, pipeline_meta(model).get("version"), pipeline_dir(model))
    ner = directory / "ner" if model == DEFAULT_MODEL and (directory / "ner").is_dir() else None
    typer = directory / "typer.json" if ner and (directory / "typer.json").is_file() else None  # learned on this recogniser's output
    classifier = directory / "relations.json" if (directory / "relations.json").is_file() else None
    pair_encoder = directory / "encoder" if classifier and encoder and (directory / "encoder").is_dir() else None
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and (pair_encoder or "encoder" not in p.relative_to(directory).parts)) if directory.is_dir() else []:
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes())
    used = f"{'ner' if ner else ''}+{'typer' if typer else ''}+{'rel' if classifier else ''}+{'enc' if pair_encoder else ''}"
    return LearnedParts(ner, typer, classifier, pair_encoder, f"learned:{used}:{digest.hexdigest()[:12]}")


def pipeline_dir(model: str) -> Path:
    """The folder of a spaCy pipeline (an installed package's, or the path given), without loading it."""
    spec = importlib.util.find_spec(model) if "/" not in model and not Path(model).exists() else None
    return Path(next(iter(spec.submodule_search_locations or []), "")) if spec else Path(model)


def pipeline_meta(model: str) -> dict:
    """The spaCy pipeline's meta.json (language, name, version) without loading the pipeline."""
    try:
        return json.loads((pipeline_dir(model) / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def model_id(model: str, learned: bool, encoder: bool = False) -> str:
    """Name, version and learned parts of the pipeline: part of every cache key."""
    meta = pipeline_meta(model)
    return f"{meta.get('lang')}_{meta.get('name')}@{meta.get('version')}/{learned_parts(model, learned, encoder=encoder).fingerprint}"

"""Integrity of the trained models: a manifest of sha256 sums written by `kg train`, checked at load.

`graph/models/manifest.json` lists every file of the models folder with its sha256, and the
name, version and files (sha256 each) of the spaCy pipeline the recogniser was trained from.
Loading refuses a file that is missing, changed or not listed, or a base pipeline of another
version or with other files, with a one-line error naming the file. People who bring their own models on purpose set
KG_UNVERIFIED_MODELS=1 to skip the check.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from graph.atomic import write_atomic
from graph.errors import KgError

MANIFEST = "manifest.json"
OVERRIDE = "KG_UNVERIFIED_MODELS"


class IntegrityError(KgError):
    """A model file does not match the manifest; the message is one line and names the file."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def files(directory: Path) -> list[Path]:
    """Every file of a models folder but the manifest (and compiled Python), sorted."""
    return sorted(p for p in directory.rglob("*")
                  if p.is_file() and p.relative_to(directory).as_posix() != MANIFEST and "__pycache__" not in p.parts)


def digests(directory: Path) -> dict[str, str]:
    """{relative path: sha256} of the files of a folder."""
    return {p.relative_to(directory).as_posix(): sha256(p) for p in files(directory)}


def write_manifest(directory: Path, base_model: str, base_version: str | None, base_dir: Path | None = None) -> Path:
    """Record the sha256 of every file in `directory` and of the base pipeline; returns the manifest's path."""
    data = {"base_model": base_model, "base_version": base_version, "files": digests(directory)}
    if base_dir is not None and base_dir.is_dir():
        data["base_files"] = digests(base_dir)
    write_atomic(directory / MANIFEST, json.dumps(data, indent=2, sort_keys=True) + "\n")
    return directory / MANIFEST


def verify(directory: Path, model: str, model_version: str | None, model_dir: Path | None = None) -> None:
    """Raise IntegrityError unless every file matches the manifest (skipped when KG_UNVERIFIED_MODELS=1).

    The base pipeline (version, and files when the manifest lists them) is checked when
    `model` is the one the manifest names.
    """
    if os.environ.get(OVERRIDE) == "1":
        return
    where = directory / MANIFEST
    hint = f"retrain with kg train, or set {OVERRIDE}=1 to load models you trust"
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
        listed = data["files"]
        if not isinstance(listed, dict):
            raise TypeError
    except FileNotFoundError:
        raise IntegrityError(f"{where}: no manifest, so the models cannot be checked ({hint})") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise IntegrityError(f"{where}: not a valid manifest ({hint})") from None
    _compare(directory, listed, hint)
    if model != data.get("base_model"):
        return
    if model_version != data.get("base_version"):
        raise IntegrityError(f"{where}: models trained on {model} {data.get('base_version')}, but {model} {model_version} is installed ({hint})")
    if isinstance(data.get("base_files"), dict) and model_dir is not None:
        _compare(model_dir, data["base_files"], hint)


def _compare(directory: Path, listed: dict[str, str], hint: str) -> None:
    """Raise IntegrityError for the first file of `directory` that is missing, unlisted or changed."""
    present = {p.relative_to(directory).as_posix(): p for p in files(directory)}
    for name in sorted(set(listed) | set(present)):
        if name not in present:
            raise IntegrityError(f"{directory / name}: listed in {MANIFEST} but missing ({hint})")
        if name not in listed:
            raise IntegrityError(f"{present[name]}: not listed in {MANIFEST} ({hint})")
        if sha256(present[name]) != listed[name]:
            raise IntegrityError(f"{present[name]}: sha256 does not match {MANIFEST}: changed or corrupt ({hint})")


def main() -> None:
    """`python -m graph.integrity`: rewrite graph/models/manifest.json after the models were changed on purpose."""
    from graph.learned import MODELS, pipeline_dir, pipeline_meta
    from graph.settings import DEFAULT_MODEL

    base = json.loads((MODELS / "meta.json").read_text(encoding="utf-8")).get("base_model", DEFAULT_MODEL) if (MODELS / "meta.json").is_file() else DEFAULT_MODEL
    print(write_manifest(MODELS, base, pipeline_meta(base).get("version"), pipeline_dir(base)))


if __name__ == "__main__":
    main()

"""Build `graph/extract/first_names.tsv`: given names that are nearly always one gender.

Coreference needs to know that "she" is not Tobias Orvik. The list is drawn from the name data
of nomquamgender (Van Buskirk et al., MIT licence; https://github.com/ianvanbuskirk/nomquamgender),
which counts how often each given name was a woman's or a man's across many sources. A name is
kept when it was seen at least `MIN_COUNT` times and is one gender at least `SHARE` of the time
(fixed beforehand, not tuned: the list only has to avoid names given to both).

    pip download --no-deps -d /tmp/nqg nomquamgender==0.1.4
    python -m graph.learn.first_names /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

MIN_COUNT = 1000
SHARE = 0.97
OUT = Path(__file__).parents[1] / "extract" / "first_names.tsv"
HEADER = "# given name<TAB>f|m, from nomquamgender 0.1.4 (MIT licence, Ian Van Buskirk); built by graph.learn.first_names"


def genders(data: dict[str, list]) -> dict[str, str]:
    """Lower-case ASCII given name -> "f" or "m", for the names kept (see the module's docstring).
    Each entry of the data is [sources, count, share of women, ...]."""
    found = {}
    for name, (_, count, women, *_) in data.items():
        if name.isascii() and name.isalpha() and len(name) > 1 and count >= MIN_COUNT and (women >= SHARE or women <= 1 - SHARE):
            found[name] = "f" if women >= SHARE else "m"
    return dict(sorted(found.items()))


def main(source: str) -> None:
    """Read the name data from nomquamgender's wheel (or its name_data.json) and write the list."""
    path = Path(source)
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            data = json.loads(wheel.read("nomquamgender/name_data.json"))
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
    lines = [HEADER, *(f"{name}\t{gender}" for name, gender in genders(data).items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])

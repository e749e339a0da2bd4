"""Write requirements.lock: the exact installed version of every package `news-kg[test]` needs.

CI installs from this file (`.ci/run`), so byte-identical exports are tested against the
versions they were made with. Run it after upgrading a dependency on purpose:

    python scripts/lock.py > requirements.lock
"""

from __future__ import annotations

import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def closure(root: str, extras: set[str]) -> dict[str, str]:
    """{canonical name: installed version} of everything `root[extras]` requires, recursively."""
    pinned: dict[str, str] = {}
    pending = [(root, frozenset(extras))]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, wanted = pending.pop()
        if (canonicalize_name(name), wanted) in seen:
            continue
        seen.add((canonicalize_name(name), wanted))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            sys.exit(f"lock: {name} is required but not installed")
        if name != root:
            pinned[canonicalize_name(name)] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            environments = [{"extra": extra} for extra in wanted] or [{"extra": ""}]
            if requirement.marker and not any(requirement.marker.evaluate(env) for env in environments):
                continue
            pending.append((requirement.name, frozenset(requirement.extras)))
    return pinned


def main() -> None:
    pinned = closure("news-kg", {"test"})
    print("# Exact versions for CI (python scripts/lock.py > requirements.lock); Python 3.11, Linux x86-64.")
    for name in sorted(pinned):
        print(f"{name}=={pinned[name]}")


if __name__ == "__main__":
    main()

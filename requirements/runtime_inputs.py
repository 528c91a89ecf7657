"""The services' runtime requirements, for requirements/runtime.lock (the image's lock).

Prints the third-party dependencies of shared/pyproject.toml and of every services/*/pyproject.toml
(noncoop-* are local), sorted, one a line; with ``--digest``, the SHA-256 of that list, which
`make lock` writes at the top of runtime.lock and tests/deploy/test_runtime_lock.py compares
(a pyproject changed without `make lock` = a stale lock).
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def runtime_requirements() -> list[str]:
    found: set[str] = set()
    for path in [
        ROOT / "shared" / "pyproject.toml",
        *sorted(ROOT.glob("services/*/pyproject.toml")),
    ]:
        with path.open("rb") as file:
            dependencies = tomllib.load(file)["project"].get("dependencies", [])
        found.update(d for d in dependencies if not d.startswith("noncoop-"))
    return sorted(found)


def digest() -> str:
    return hashlib.sha256("\n".join(runtime_requirements()).encode()).hexdigest()


if __name__ == "__main__":
    print(digest() if sys.argv[1:] == ["--digest"] else "\n".join(runtime_requirements()))

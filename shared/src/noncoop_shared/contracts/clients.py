"""Write ``clients/python/``'s generated part from ``contracts/openapi/`` (ADR 0036).

``python -m noncoop_shared.contracts.clients [--check]``: one subpackage per service,
``noncoop_client.<service>``, made by ``openapi-python-client`` (a development tool, in
``requirements/dev.in``) from the committed document, with no post-processing, so the same
document always gives the same files. With ``--check`` nothing is written; the exit code is 1
and the stale files are named when the committed client differs (CI runs the same comparison as
a test). ``make contracts`` regenerates the documents, then the client.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from noncoop_shared.contracts.generate import REPO, SERVICES

PACKAGE = REPO / "clients" / "python" / "src" / "noncoop_client"
"""The client package; its subpackage per service is generated, the rest is written by hand."""
CONTRACTS = REPO / "contracts" / "openapi"
#: No post-hook (the generator would run ruff with whatever settings it finds): the output is
#: the templates' alone, and the same wherever it is written.
CONFIG = "post_hooks: []\n"


def _generator() -> Path:
    """The generator's command, installed beside this interpreter."""
    command = Path(sys.executable).parent / "openapi-python-client"
    if not command.exists():
        raise SystemExit(
            "openapi-python-client is not installed (requirements/dev.in): run `make install`"
        )
    return command


def generate(out: Path, contracts: Path = CONTRACTS) -> None:
    """Writes ``out/<service>/`` for every service, each from ``contracts/<service>.json``."""
    command = _generator()
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config.yaml"
        config.write_text(CONFIG)
        for service in SERVICES:
            target = out / service
            if target.exists():
                shutil.rmtree(target)
            subprocess.run(  # noqa: S603  # our own arguments, no shell
                [
                    str(command),
                    "generate",
                    "--path",
                    str(contracts / f"{service}.json"),
                    "--config",
                    str(config),
                    "--meta",
                    "none",
                    "--output-path",
                    str(target),
                ],
                check=True,
                capture_output=True,
                text=True,
            )


def _files(root: Path) -> set[str]:
    return {
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def stale(package: Path = PACKAGE, contracts: Path = CONTRACTS) -> list[str]:
    """Generated files under ``package`` that differ from, lack, or are not in what the
    documents under ``contracts`` generate."""
    with tempfile.TemporaryDirectory() as scratch:
        wanted = Path(scratch)
        generate(wanted, contracts)
        problems: list[str] = []
        for service in SERVICES:
            fresh, committed = _files(wanted / service), _files(package / service)
            problems += [
                f"{service}/{path}"
                for path in sorted(fresh | committed)
                if path not in fresh
                or path not in committed
                or not filecmp.cmp(wanted / service / path, package / service / path, False)
            ]
        return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for path in problems:
            print(f"stale: {PACKAGE.relative_to(REPO)}/{path}", file=sys.stderr)
        if problems:
            print("run `make contracts` and commit the result", file=sys.stderr)
        return 1 if problems else 0
    generate(PACKAGE)
    print(f"wrote {', '.join(SERVICES)} under {PACKAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

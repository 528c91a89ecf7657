"""``python -m noncoop_shared.imports <case.json>``: send one case's whole history to the services
(``noncoop_shared.imports.client``; ADR 0017).

The importer's bearer token comes from ``NONCOOP_TOKEN`` (a Secretariat token: ``noncoop-token
--role secretariat`` in development); each service's base URL from ``--referrals``, ``--bureau``
and ``--good-offices`` (default: the local stack's ports). Prints what each service answered, as
JSON. Exit status: 0 when every part is recorded, 1 when a service refused its part (the parts
before it stay recorded; running the same file again is safe), 2 for a file or setup error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx

from noncoop_shared.imports.client import (
    CaseImported,
    HistoryImportError,
    import_case,
    split_by_service,
)

DEFAULT_URLS = {
    "referrals": "http://127.0.0.1:8101",
    "good_offices": "http://127.0.0.1:8102",
    "bureau": "http://127.0.0.1:8103",
}


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog or "python -m noncoop_shared.imports")
    parser.add_argument("case_file", type=Path, help="one case's ordered history (JSON)")
    for service, url in DEFAULT_URLS.items():
        parser.add_argument(f"--{service.replace('_', '-')}", default=url, help=f"{service} URL")
    parser.add_argument(
        "--wait", type=float, default=60.0, help="seconds to wait for a service to know the case"
    )
    return parser


def _summary(imported: CaseImported) -> dict[str, Any]:
    return {
        "case_id": imported.case_id,
        "parts": [
            {"service": part.service, "replayed": part.replayed, "answer": part.answer}
            for part in imported.parts
        ],
    }


async def _run(history: dict[str, Any], urls: dict[str, str], token: str, wait_s: float) -> int:
    async with AsyncExitStack() as stack:
        clients = {
            service: await stack.enter_async_context(
                httpx.AsyncClient(base_url=urls[service], timeout=60.0)
            )
            for service in split_by_service(history)
        }
        try:
            imported = await import_case(
                history, clients, headers={"Authorization": f"Bearer {token}"}, wait_s=wait_s
            )
        except HistoryImportError as refused:
            done = CaseImported(case_id=history.get("case_id"), parts=refused.done)
            print(json.dumps(_summary(done), indent=2))
            print(f"{refused}\n{json.dumps(refused.problem, indent=2)}", file=sys.stderr)
            return 1
    print(json.dumps(_summary(imported), indent=2))
    return 0


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    args = _parser(prog).parse_args(argv)
    token = os.environ.get("NONCOOP_TOKEN")
    if not token:
        print("set NONCOOP_TOKEN to the importer's bearer token", file=sys.stderr)
        return 2
    try:
        history = json.loads(args.case_file.read_text(encoding="utf-8"))
        split_by_service(history)
    except (OSError, ValueError, AttributeError) as error:
        print(f"cannot read {args.case_file}: {error}", file=sys.stderr)
        return 2
    urls = {service: getattr(args, service) for service in DEFAULT_URLS}
    return asyncio.run(_run(history, urls, token, args.wait))


if __name__ == "__main__":
    sys.exit(main())

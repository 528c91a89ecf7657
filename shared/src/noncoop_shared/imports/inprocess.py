"""One entry of a history import run through the service's own ASGI app (ADR 0017).

The request goes through every middleware and the route itself, exactly as a client's would,
except that it is authenticated as the entry's actor by the scope's mark (``marker``), never by a
token, and that it runs in the import's task: the store's ambient transaction is its transaction.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Scope

from noncoop_shared.imports.marker import SCOPE_KEY, ImportedEntry
from noncoop_shared.web.correlation import CORRELATION_HEADER


@dataclass(frozen=True)
class InProcessAnswer:
    status: int
    body: dict[str, Any]


async def post_in_process(
    app: ASGIApp,
    outer: Scope,
    path: str,
    body: Mapping[str, Any],
    *,
    entry: ImportedEntry,
    correlation_id: str,
) -> InProcessAnswer:
    """``POST path`` with ``body`` to ``app`` inside this task; the answer's status and JSON."""
    raw = json.dumps(body).encode("utf-8")
    scope: Scope = {
        "type": "http",
        "asgi": outer.get("asgi", {"version": "3.0"}),
        "http_version": outer.get("http_version", "1.1"),
        "method": "POST",
        "scheme": outer.get("scheme", "http"),
        "server": outer.get("server"),
        "client": outer.get("client"),
        "root_path": outer.get("root_path", ""),
        "path": path,
        "raw_path": path.encode("utf-8"),
        "query_string": b"",
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode("ascii")),
            (CORRELATION_HEADER.lower().encode("ascii"), correlation_id.encode("ascii")),
        ],
        "state": dict(outer.get("state", {})),
        SCOPE_KEY: entry,
    }
    answered = asyncio.Event()
    sent_body = False
    status = 500
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal sent_body
        if not sent_body:
            sent_body = True
            return {"type": "http.request", "body": raw, "more_body": False}
        await answered.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                answered.set()

    await app(scope, receive, send)
    answered.set()
    payload = b"".join(chunks)
    parsed = json.loads(payload) if payload else {}
    return InProcessAnswer(status, parsed if isinstance(parsed, dict) else {"value": parsed})

"""Opens sealed personal data in every JSON response, at the edge (ADR 0011).

Stores, projections and idempotent replays keep personal data sealed (``enc:v1:...``); only what
leaves the service is opened, through the keyring, so an erased case key shows :data:`ERASED`
everywhere at once, and no route can forget to open, or to hide, a value. A response without a
sealed value is passed on untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from noncoop_shared.privacy.keyring import Keyring
from noncoop_shared.privacy.sealing import SEALED_PREFIX, reveal, sealed_scopes

_MARK = SEALED_PREFIX.encode("ascii")


class RevealPersonalDataMiddleware:
    """``keyring`` gives the running service's keyring (``None`` before start-up)."""

    def __init__(self, app: ASGIApp, keyring: Callable[[], Keyring | None]) -> None:
        self.app = app
        self.keyring = keyring

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_revealed(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = MutableHeaders(scope=message).get("content-type", "")
                if "json" in content_type:
                    start = message  # held until the body is complete
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = await self._reveal(b"".join(chunks))
                MutableHeaders(scope=start)["content-length"] = str(len(body))
                await send(start)
                await send({"type": "http.response.body", "body": body})
            else:
                await send(message)

        await self.app(scope, receive, send_revealed)

    async def _reveal(self, body: bytes) -> bytes:
        if _MARK not in body:
            return body
        document: Any = json.loads(body)
        scopes = sealed_scopes(document)
        keyring = self.keyring()
        keys = await keyring.data_keys(scopes) if keyring is not None and scopes else {}
        revealed = reveal(document, keys)
        # FastAPI's JSONResponse rendering, so only the opened values differ.
        return json.dumps(
            revealed, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
        ).encode("utf-8")

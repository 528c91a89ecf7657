"""A real HTTP server receiving webhooks in a test (uvicorn on a free port of 127.0.0.1), and
the Standard Webhooks check written from the specification, apart from the service's code."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn

TOLERANCE_SECONDS = 300


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Takes every POST (204) unless told to answer 503: always (``down``), or always for the
    first webhook id it sees (``poison_first``)."""

    port: int = 0
    down: bool = False
    poison_first: bool = False
    poisoned: str | None = None
    taken: list[Received] = field(default_factory=list)
    refused: list[Received] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def taken_at(self, path: str) -> list[Received]:
        return [r for r in self.taken if r.path == path]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        got = Received(scope["path"], headers, body)
        webhook_id = headers.get("webhook-id")
        if self.poison_first and self.poisoned is None:
            self.poisoned = webhook_id
        status = 503 if self.down or (self.poisoned and webhook_id == self.poisoned) else 204
        (self.refused if status == 503 else self.taken).append(got)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@asynccontextmanager
async def serving(receiver: Receiver) -> AsyncIterator[Receiver]:
    """``receiver`` behind a real uvicorn server until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", receiver.port))
    receiver.port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(receiver, lifespan="off", log_level="warning", access_log=False)
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    try:
        yield receiver
    finally:
        server.should_exit = True
        await task
        sock.close()


def verify(secret: str, received: Received) -> None:
    """Standard Webhooks, from the specification: the key is the base64 after ``whsec_``; the
    signature ``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">``, one of several
    space-separated; the timestamp within tolerance."""
    assert secret.startswith("whsec_")
    key = base64.b64decode(secret[len("whsec_") :])
    webhook_id = received.headers["webhook-id"]
    timestamp = received.headers["webhook-timestamp"]
    assert abs(int(timestamp) - time.time()) < TOLERANCE_SECONDS
    content = f"{webhook_id}.{timestamp}.".encode() + received.body
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    offered = [
        s.split(",", 1)[1]
        for s in received.headers["webhook-signature"].split(" ")
        if s.startswith("v1,")
    ]
    assert any(hmac.compare_digest(expected, s) for s in offered), "no valid signature"

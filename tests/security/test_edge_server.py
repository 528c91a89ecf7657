"""A real uvicorn server running a real service app (finding: no header-read timeout; ADR 0021).

A slow-loris client sends a request head a few bytes at a time and never finishes it: each such
connection is held open for ever. Here the server must close it once the head is late.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
import uvicorn
from tests.system.conftest import SECRET

from noncoop_shared.web.server import server_config
from referrals.main import build_app
from referrals.settings import ReferralsSettings

HEAD_TIMEOUT = 0.5


@pytest.fixture
async def served_port() -> AsyncIterator[int]:
    """The referrals app behind the server every service runs, on a free port (no lifespan:
    the head deadline is the server's, before any app code)."""
    settings = ReferralsSettings(
        database_url="postgresql://noncoop@127.0.0.1:1/unused",
        kafka_bootstrap_servers="127.0.0.1:1",
        NONCOOP_JWT_SECRET=SECRET,
        header_read_timeout_seconds=HEAD_TIMEOUT,
    )
    config = server_config(build_app(settings), settings, port=0, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield port
    finally:
        server.should_exit = True
        await task


async def test_a_request_head_never_finished_is_closed_after_the_timeout(served_port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", served_port)
    started = time.monotonic()
    writer.write(b"GET /health/live HTTP/1.1\r\nHost: referrals\r\n")
    await writer.drain()

    async def trickle() -> None:
        # A header line now and then, as a slow-loris client does, never the blank line.
        for i in range(20):
            await asyncio.sleep(0.1)
            writer.write(b"X-Slow-%d: 1\r\n" % i)
            await writer.drain()

    trickling = asyncio.create_task(trickle())
    try:
        closed = await asyncio.wait_for(reader.read(), timeout=HEAD_TIMEOUT + 3)
    finally:
        trickling.cancel()
        writer.close()

    assert closed == b""  # closed, without an answer
    assert time.monotonic() - started < HEAD_TIMEOUT + 1.5


async def test_a_complete_head_is_answered_and_the_next_one_has_its_own_deadline(
    served_port: int,
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", served_port)
    request = b"GET /health/live HTTP/1.1\r\nHost: referrals\r\n\r\n"
    for _ in range(2):
        await asyncio.sleep(HEAD_TIMEOUT * 0.6)  # each head in time, the two together not
        writer.write(request)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=3)
        assert head.startswith(b"HTTP/1.1 200")
        length = int(
            next(
                line.split(b":")[1]
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
        )
        await reader.readexactly(length)
    writer.close()

"""Serving a service's app with uvicorn, with a deadline on each request head (ADR 0021).

uvicorn closes an idle keep-alive connection (``timeout_keep_alive``) but gives a client all the
time it likes to send a request's head: a slow-loris client that sends a header line every few
seconds holds a connection (and a slot of ``limit_concurrency``) for ever. The protocol below
closes a connection whose request head is not complete within ``header_read_timeout`` seconds of
the connection (or of the previous response). The body is not under this deadline: it is read by
the app, after authentication, within the size limit.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import structlog
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from noncoop_shared.settings import ServiceSettings

log = structlog.get_logger(__name__)


class HeadTimeoutH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head is late.

    Use :func:`head_timeout_protocol` for a subclass with the deadline set.
    """

    header_read_timeout: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_head()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._head_arrived()  # the head is parsed (or the client closed: nothing to wait for)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._await_head()  # a keep-alive connection: the next head has its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_arrived()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        self._head_arrived()
        self._head_deadline = self.loop.call_later(self.header_read_timeout, self._head_late)

    def _head_arrived(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_late(self) -> None:
        self._head_deadline = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        log.info("http.head_timeout", client=self.client, seconds=self.header_read_timeout)
        self.transport.close()


def head_timeout_protocol(seconds: float) -> type[HeadTimeoutH11Protocol]:
    """The protocol class with a deadline of ``seconds`` on each request head."""
    if seconds <= 0:
        raise ValueError("the header read timeout must be positive")
    return type(
        "HeadTimeoutH11Protocol", (HeadTimeoutH11Protocol,), {"header_read_timeout": seconds}
    )


def server_config(app: Any, settings: ServiceSettings, **overrides: Any) -> uvicorn.Config:
    """How every service is served: its host and port, our JSON logs, the head deadline."""
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_config": None,  # logging.configure_logging renders uvicorn's lines as JSON
        "http": head_timeout_protocol(settings.header_read_timeout_seconds),
        **overrides,
    }
    return uvicorn.Config(app, **options)


def serve(app: Any, settings: ServiceSettings) -> None:
    """Run ``app`` until the process is stopped (``python -m <service>``)."""
    uvicorn.Server(server_config(app, settings)).run()

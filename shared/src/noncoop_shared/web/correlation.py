"""Correlation ids: one id follows a request through every log line and every event it causes.

The client may send ``X-Correlation-Id`` (a UUID) to tie its own logs to ours; otherwise, or if
the value is not a UUID, the middleware generates one. Either way the id is bound into the log
context for the request, echoed in the response header, and readable by handlers through
:func:`current_correlation_id` to stamp on the events they append.
"""

from __future__ import annotations

import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from noncoop_shared.logging import bound_correlation_id, request_context

CORRELATION_HEADER = "X-Correlation-Id"


def parse_correlation_id(value: str | None) -> str | None:
    """The canonical form of a client-given id, or None when it is absent or not a UUID.

    Only UUIDs are taken: the id lands in logs, events and headers, so arbitrary client text
    (long, or with control characters) is not.
    """
    if not value or len(value) > 64:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def current_correlation_id() -> str:
    """The correlation id of the request (or consumed event) being handled.

    Raises ``RuntimeError`` outside of one: an event must never be appended without it.
    """
    correlation_id = bound_correlation_id()
    if correlation_id is None:
        raise RuntimeError(
            "no correlation id is bound: call this while handling a request "
            "(CorrelationIdMiddleware) or a consumed event (logging.request_context)"
        )
    return correlation_id


class CorrelationIdMiddleware:
    """Binds the request's correlation id for its whole handling; echoes it on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(CORRELATION_HEADER)
        correlation_id = parse_correlation_id(given) or str(uuid.uuid4())

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[CORRELATION_HEADER] = correlation_id
            await send(message)

        with request_context(correlation_id):
            await self.app(scope, receive, send_with_header)

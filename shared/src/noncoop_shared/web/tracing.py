"""The server span of each HTTP request: the root of a command's trace (ADR 0029).

A caller's W3C ``traceparent`` header is taken as the parent, so a trace begun in a client
system goes on here; without one (or with a malformed one) the request starts a new trace.
"""

from __future__ import annotations

from opentelemetry.trace import SpanKind, Status, StatusCode
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from noncoop_shared.logging import bound_correlation_id
from noncoop_shared.tracing import TRACEPARENT, parent_context, tracer
from noncoop_shared.web.metrics import RouteTemplates


class TracingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._route_template = RouteTemplates()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        parent = parent_context(Headers(scope=scope).get(TRACEPARENT))
        status = 500  # if the app raises before responding, the server answers 500

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        with tracer.start_as_current_span(
            f"HTTP {method}", context=parent, kind=SpanKind.SERVER, record_exception=True
        ) as span:
            try:
                await self.app(scope, receive, send_and_note_status)
            finally:
                if span.is_recording():
                    # The route is known once routing ran: the span is named after it then.
                    route = self._route_template(scope)
                    span.update_name(f"{method} {route}")
                    span.set_attribute("http.request.method", method)
                    span.set_attribute("http.route", route)
                    span.set_attribute("http.response.status_code", status)
                    span.set_attribute("noncoop.correlation_id", bound_correlation_id() or "")
                    if status >= 500:
                        span.set_status(Status(StatusCode.ERROR))

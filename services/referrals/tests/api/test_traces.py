"""One command's trace, from the HTTP request to the projection, through the real Kafka
(ADR 0029): the trace context crosses the outbox (a column) and the log (a record header)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from noncoop_shared.testing import in_memory_spans
from referrals.projections.register import CONSUMER_NAME

from .conftest import Bodies, Token

pytestmark = pytest.mark.integration

CALLER_TRACE_ID = 0x4BF92F3577B34DA6A3CE929D0E0E4736
CALLER_TRACEPARENT = f"00-{CALLER_TRACE_ID:032x}-00f067aa0ba902b7-01"


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = in_memory_spans()
    exporter.clear()
    yield exporter
    exporter.clear()


async def spans_of_trace(
    exporter: InMemorySpanExporter, trace_id: int, until_name: str, timeout_s: float = 20.0
) -> dict[str, ReadableSpan]:
    """The trace's finished spans by name (the first started of a name: a policy reacting to
    the event continues the trace with spans of the same names), once ``until_name`` ended."""
    found: dict[str, ReadableSpan] = {}
    for _ in range(int(timeout_s / 0.1)):
        found = {}
        traced = [
            span
            for span in exporter.get_finished_spans()
            if span.context is not None and span.context.trace_id == trace_id
        ]
        for span in sorted(traced, key=lambda span: span.start_time or 0):
            found.setdefault(span.name, span)
        if until_name in found:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"no span {until_name!r} in the trace; found {sorted(found)}")


def parent_of(span: ReadableSpan) -> int | None:
    return span.parent.span_id if span.parent is not None else None


def ancestors(span: ReadableSpan, trace: dict[str, ReadableSpan]) -> list[int]:
    by_id = {span_id(candidate): candidate for candidate in trace.values()}
    chain: list[int] = []
    while (parent := parent_of(span)) is not None:
        chain.append(parent)
        if parent not in by_id:
            break
        span = by_id[parent]
    return chain


def span_id(span: ReadableSpan) -> int:
    assert span.context is not None
    return span.context.span_id


async def test_one_command_is_one_trace_from_the_request_to_the_projection(
    client: httpx.AsyncClient, auth: Token, bodies: type[Bodies], spans: InMemorySpanExporter
) -> None:
    response = await client.post(
        "/v1/court-referrals",
        json=bodies.court_decision(),
        headers=auth("court") | {"traceparent": CALLER_TRACEPARENT},
    )
    assert response.status_code == 201, response.text

    apply_name = f"apply {CONSUMER_NAME}"
    trace = await spans_of_trace(spans, CALLER_TRACE_ID, apply_name)

    request = trace["POST /v1/court-referrals"]
    transaction = trace["command.transaction"]
    append = trace["store.append"]
    publish = next(span for name, span in trace.items() if name.startswith("publish "))
    consume = next(span for name, span in trace.items() if name.startswith("consume "))
    apply = trace[apply_name]

    # The caller's traceparent is the request's parent; then each step is the next one's parent,
    # across the outbox (relay task) and the log (consumer task).
    assert parent_of(request) == 0x00F067AA0BA902B7
    assert span_id(request) in ancestors(transaction, trace)  # FastAPI's endpoint span between
    assert parent_of(append) == span_id(transaction)
    assert parent_of(publish) == span_id(append)
    assert parent_of(consume) == span_id(publish)
    assert parent_of(apply) == span_id(consume)
    assert (request.kind, publish.kind, consume.kind) == (
        SpanKind.SERVER,
        SpanKind.PRODUCER,
        SpanKind.CONSUMER,
    )

"""The spans of a consumer's batch (ADR 0029): the log's part of a command's trace.

A batch may hold the records of many commands (many traces), of several partitions (what one
poll returned). Each trace among them gets one ``consume`` span, child of the ``traceparent``
header its records carry (the relay's send), on the partition of its first record; each
handler's apply of the batch is one span, child of the consume span of the first trace it
applies and linked to the others': a handler applies a batch in a few statements, so there is
no per-record apply to time. The apply span is the current span while the handler runs, so a
policy's append continues the trace that caused it.

A batch none of whose records is traced (no header, or this process records nothing) opens no
span at all: a header lookup per record is the whole cost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from opentelemetry import trace
from opentelemetry.trace import Link, Span, SpanKind, Status, StatusCode

from noncoop_shared.tracing import parent_context, record_traceparent, tracer

if TYPE_CHECKING:
    from noncoop_shared.consumer import ReadRecord


class BatchTrace:
    def __init__(self, consumer: str, topic: str, records: Sequence[ReadRecord]) -> None:
        self._consume: dict[str, Span] = {}
        for read in records:
            traceparent = record_traceparent(read.record.headers)
            if traceparent is None or traceparent in self._consume:
                continue
            parent = parent_context(traceparent)
            if parent is None:
                continue
            span = tracer.start_span(
                f"consume {topic}",
                context=parent,
                kind=SpanKind.CONSUMER,
                attributes={
                    "messaging.system": "kafka",
                    "messaging.destination.name": topic,
                    "messaging.destination.partition.id": str(read.record.partition),
                    "messaging.consumer.group.name": consumer,
                    "messaging.kafka.offset": read.record.offset,
                },
            )
            if not span.is_recording():
                return  # this process records no trace: none of the others would either
            self._consume[traceparent] = span

    @contextmanager
    def apply(self, handler: str, records: Sequence[ReadRecord]) -> Iterator[None]:
        """The span of ``handler`` applying ``records`` (current while it runs)."""
        if not self._consume:
            yield
            return
        traced = dict.fromkeys(
            traceparent
            for read in records
            if (traceparent := record_traceparent(read.record.headers)) in self._consume
        )
        spans = [self._consume[traceparent] for traceparent in traced]
        if not spans:
            yield
            return
        with tracer.start_as_current_span(
            f"apply {handler}",
            context=trace.set_span_in_context(spans[0]),
            links=[Link(span.get_span_context()) for span in spans[1:]],
            attributes={"noncoop.handler": handler, "noncoop.event_count": len(records)},
        ):
            yield

    def end(self, error: BaseException | None = None) -> None:
        for span in self._consume.values():
            if error is not None:
                span.record_exception(error)
                span.set_status(Status(StatusCode.ERROR, type(error).__name__))
            span.end()
        self._consume.clear()


UNTRACED = BatchTrace("", "", ())
"""A batch read outside the live loop (a rebuild, a test's direct ``process``): its records'
traces ended long ago, so it opens no span."""
